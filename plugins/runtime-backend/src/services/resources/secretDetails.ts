import { NotFoundError } from '@backstage/errors';
import { RuntimeSecretDetails } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  RuntimeClientsService,
  secretReadGrantName,
} from '@runtime-portal/backstage-plugin-runtime-node';

/**
 * A secret's versions and readers (never its data). Readers are found by the name the provisioning
 * actions give the read policy and Kubernetes auth role of a path (`secretReadGrantName`).
 */
export async function secretDetails(
  clients: RuntimeClientsService,
  environment: string,
  upstreamRef: string,
  signal: AbortSignal,
): Promise<RuntimeSecretDetails> {
  const openbao = clients.client(environment, 'openbao');
  const mount = clients.environment(environment).openbao!.kvMount;
  const path = upstreamRef.startsWith(`${mount}/`)
    ? upstreamRef.slice(mount.length + 1)
    : upstreamRef;
  const grantName = secretReadGrantName(path);
  const [metadata, policy, role] = await Promise.all([
    openbao.readSecretMetadata(path, { signal }),
    grantName ? openbao.readAclPolicy(grantName, { signal }) : undefined,
    grantName
      ? openbao.readKubernetesAuthRole(grantName, { signal })
      : undefined,
  ]);
  if (!metadata) {
    throw new NotFoundError(`Secret ${path} not found in ${environment}`);
  }
  const readers: RuntimeSecretDetails['readers'] = [];
  if (policy) {
    const carriesPolicy = role?.tokenPolicies.includes(policy.name);
    readers.push({
      policy: policy.name,
      role: carriesPolicy ? role!.name : undefined,
      serviceAccounts: carriesPolicy ? role!.boundServiceAccountNames : [],
      namespaces: carriesPolicy ? role!.boundServiceAccountNamespaces : [],
    });
  }
  return {
    type: 'secret',
    environment,
    mount,
    path,
    currentVersion: metadata.currentVersion,
    versions: metadata.versions
      .map(v => ({
        version: v.version,
        createdTime: v.createdTime,
        deletionTime: v.deletionTime || undefined,
        destroyed: v.destroyed,
      }))
      .sort((a, b) => b.version - a.version),
    readers,
  };
}
