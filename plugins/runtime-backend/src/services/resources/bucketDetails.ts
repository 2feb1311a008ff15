import { NotFoundError } from '@backstage/errors';
import { RuntimeBucketDetails } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';

/** A bucket's versioning, lifecycle expiry, tags and policy. */
export async function bucketDetails(
  clients: RuntimeClients,
  environment: string,
  upstreamRef: string,
  signal: AbortSignal,
): Promise<RuntimeBucketDetails> {
  const name = upstreamRef.replace(/^s3:\/\//, '');
  const storage = clients.client(environment, 'objectStorage');
  if (!(await storage.headBucket(name, { signal }))) {
    throw new NotFoundError(`Bucket ${name} not found in ${environment}`);
  }
  const [versioning, lifecycle, tags, policy] = await Promise.all([
    storage.getVersioning(name, { signal }),
    storage.getLifecycle(name, { signal }),
    storage.getTags(name, { signal }),
    storage.getPolicy(name, { signal }),
  ]);
  return {
    type: 'bucket',
    environment,
    name,
    endpoint: clients.environment(environment).objectStorage!.endpoint,
    versioning: versioning === 'Unversioned' ? 'Off' : versioning,
    expirationDays: lifecycle.expirationDays,
    policy: policy ? JSON.stringify(policy, null, 2) : undefined,
    tags,
  };
}
