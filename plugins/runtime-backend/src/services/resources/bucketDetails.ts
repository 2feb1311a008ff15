import { NotFoundError } from '@backstage/errors';
import {
  RUNTIME_SERVICE_METADATA_KEY,
  RuntimeBucketAccess,
  RuntimeBucketDetails,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ObjectStorageClient,
  RuntimeClientsService,
  bucketAccessNames,
} from '@runtime-portal/backstage-plugin-runtime-node';

/** A bucket's versioning, lifecycle expiry, tags, policy and its service's MinIO user. */
export async function bucketDetails(
  clients: RuntimeClientsService,
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
  const service = tags[RUNTIME_SERVICE_METADATA_KEY];
  return {
    type: 'bucket',
    environment,
    name,
    endpoint: clients.environment(environment).objectStorage!.endpoint,
    versioning: versioning === 'Unversioned' ? 'Off' : versioning,
    expirationDays: lifecycle.expirationDays,
    policy: policy ? JSON.stringify(policy, null, 2) : undefined,
    tags,
    access: service
      ? await serviceAccess(storage, name, service, signal)
      : undefined,
  };
}

/**
 * The service's MinIO user for the bucket, read through the admin API. A failure there (the portal's
 * keys may lack admin rights) is reported in the answer, not thrown: the rest of the page still shows.
 */
async function serviceAccess(
  storage: ObjectStorageClient,
  bucket: string,
  service: string,
  signal: AbortSignal,
): Promise<RuntimeBucketAccess> {
  const names = bucketAccessNames(service, bucket);
  const access = { service, ...names };
  try {
    const [user, policy] = await Promise.all([
      storage.admin.getUser(names.accessKey, { signal }),
      storage.admin.getCannedPolicy(names.policyName, { signal }),
    ]);
    return {
      ...access,
      userStatus: user?.status ?? 'missing',
      policy: policy ? JSON.stringify(policy, null, 2) : undefined,
    };
  } catch (error) {
    return {
      ...access,
      userStatus: 'unknown',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
