import {
  RUNTIME_EXPIRES_AT_METADATA_KEY,
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_METADATA_KEY,
  normalizeRuntimeExpiresAt,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  mapConcurrently,
  OpenBaoClient,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { LiveResource } from './liveResourceEntity';

const METADATA_CONCURRENCY = 8;

/**
 * The KV secrets of an environment's OpenBao, from their metadata only: the secret data is never
 * read.
 */
export async function readSecrets(
  client: OpenBaoClient,
  environment: string,
  kvMount: string,
  signal?: AbortSignal,
): Promise<LiveResource[]> {
  const paths = await client.listSecretsRecursive('', { signal });
  const metadata = await mapConcurrently(paths, METADATA_CONCURRENCY, path =>
    client.readSecretMetadata(path, { signal }),
  );
  const resources: LiveResource[] = [];
  for (const meta of metadata) {
    if (!meta) continue; // deleted while listing
    const custom = meta.customMetadata ?? {};
    resources.push({
      environment,
      type: RUNTIME_RESOURCE_TYPES.secret,
      name: meta.path,
      upstreamRef: `${kvMount}/${meta.path}`,
      hostComponent: 'openbao',
      area: 'access-security',
      ownerValue: custom[RUNTIME_OWNER_METADATA_KEY],
      ownerSource: `custom metadata '${RUNTIME_OWNER_METADATA_KEY}'`,
      service: custom[RUNTIME_SERVICE_METADATA_KEY],
      description: `OpenBao secret ${kvMount}/${meta.path} (metadata only)`,
      details: {
        [D.secretVersion]: String(meta.currentVersion),
        [D.secretUpdated]: meta.updatedTime,
      },
      expiresAt: normalizeRuntimeExpiresAt(
        custom[RUNTIME_EXPIRES_AT_METADATA_KEY],
      ),
    });
  }
  return resources;
}
