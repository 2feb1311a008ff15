import {
  RUNTIME_EXPIRES_AT_METADATA_KEY,
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_METADATA_KEY,
  normalizeRuntimeExpiresAt,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { ObjectStorageClient } from '@runtime-portal/backstage-plugin-runtime-node';
import { LiveResource } from './liveResourceEntity';

/** The MinIO buckets of an environment with their owner and service tags. */
export async function readBuckets(
  client: ObjectStorageClient,
  environment: string,
  signal?: AbortSignal,
): Promise<LiveResource[]> {
  const buckets = await client.listBucketsWithTags({ signal });
  return buckets.map(bucket => ({
    environment,
    type: RUNTIME_RESOURCE_TYPES.bucket,
    name: bucket.name,
    upstreamRef: `s3://${bucket.name}`,
    hostComponent: 'minio',
    area: 'data-storage',
    ownerValue: bucket.tags[RUNTIME_OWNER_METADATA_KEY],
    ownerSource: `bucket tag '${RUNTIME_OWNER_METADATA_KEY}'`,
    service: bucket.tags[RUNTIME_SERVICE_METADATA_KEY],
    description: `MinIO bucket ${bucket.name}`,
    details: {},
    expiresAt: normalizeRuntimeExpiresAt(
      bucket.tags[RUNTIME_EXPIRES_AT_METADATA_KEY],
    ),
  }));
}
