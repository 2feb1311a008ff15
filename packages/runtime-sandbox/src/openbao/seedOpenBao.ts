import { randomBytes } from 'node:crypto';
import { RuntimeSeed, SeedService, SeedTeam } from '../seed';
import { KV_MOUNT } from './kvRoutes';
import { NamespaceState } from './OpenBaoState';

/**
 * Custom-metadata keys the suite reads ownership from. Copied from `@runtime-portal/common`'s
 * `RUNTIME_OWNER_METADATA_KEY` / `RUNTIME_SERVICE_METADATA_KEY`: the sandbox must not import plugin
 * packages.
 */
export const OWNER_METADATA_KEY = 'owner';
/** See {@link OWNER_METADATA_KEY}. */
export const SERVICE_METADATA_KEY = 'service';

/** The name of the ACL policy seeded for a service: read access to its own secrets. */
export function servicePolicyName(service: string): string {
  return `${service}-read`;
}

/**
 * The name of the Kubernetes auth role seeded for a service: bound to the service account named
 * like the service in the team's namespace, with the service's read policy.
 */
export function serviceRoleName(service: string): string {
  return service;
}

/** TTL of tokens issued to the seeded service roles. */
export const SEEDED_ROLE_TOKEN_TTL_SECONDS = 3600;

/**
 * Seeds the root namespace: for every team service, its secrets at `secret/<path>` (made-up values
 * for the listed keys; custom_metadata `{owner: <team>, service: <service>}`), a policy
 * `<service>-read` and a Kubernetes auth role `<service>`.
 */
export function seedOpenBao(
  namespace: NamespaceState,
  seed: RuntimeSeed,
): void {
  for (const team of seed.teams) {
    for (const service of team.services) {
      seedService(namespace, team, service);
    }
  }
}

function seedService(
  namespace: NamespaceState,
  team: SeedTeam,
  service: SeedService,
): void {
  const secrets = service.secrets ?? [];
  for (const secret of secrets) {
    const data = Object.fromEntries(
      secret.keys.map(key => [
        key,
        `sandbox-${key}-${randomBytes(6).toString('hex')}`,
      ]),
    );
    namespace.kv.write(secret.path, data, 0);
    namespace.kv.writeMetadata(secret.path, {
      customMetadata: {
        [OWNER_METADATA_KEY]: team.name,
        [SERVICE_METADATA_KEY]: service.name,
      },
    });
  }
  namespace.policies.write(
    servicePolicyName(service.name),
    servicePolicy(secrets.map(s => s.path)),
  );
  namespace.kubernetesRoles.write(serviceRoleName(service.name), {
    bound_service_account_names: [service.name],
    bound_service_account_namespaces: [team.namespace],
    token_policies: [servicePolicyName(service.name)],
    token_ttl: SEEDED_ROLE_TOKEN_TTL_SECONDS,
  });
}

/** Read on each secret's data and metadata, and list on the folders that hold them. */
function servicePolicy(paths: string[]): string {
  const folders = [
    ...new Set(paths.map(p => p.split('/').slice(0, -1).join('/'))),
  ];
  const blocks = [
    ...paths.flatMap(p => [
      pathBlock(`${KV_MOUNT}/data/${p}`, ['read']),
      pathBlock(`${KV_MOUNT}/metadata/${p}`, ['read']),
    ]),
    ...folders.map(folder =>
      pathBlock(`${KV_MOUNT}/metadata/${folder ? `${folder}/` : ''}`, ['list']),
    ),
  ];
  return blocks.join('\n');
}

function pathBlock(path: string, capabilities: string[]): string {
  return `path "${path}" {\n  capabilities = [${capabilities
    .map(c => `"${c}"`)
    .join(', ')}]\n}\n`;
}
