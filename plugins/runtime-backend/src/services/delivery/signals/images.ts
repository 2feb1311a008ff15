import { RuntimeDeliveryReport } from '@runtime-portal/backstage-plugin-runtime-common';
import { HarborClient } from '@runtime-portal/backstage-plugin-runtime-node';
import { DeliveryTarget } from '../../entities/deliveryTarget';

type Images = NonNullable<RuntimeDeliveryReport['images']['data']>;

/** Most images shown. */
const IMAGES = 20;

/** The repository's newest artifacts with their tags and vulnerability summaries. */
export async function loadImages(
  client: HarborClient,
  repository: NonNullable<DeliveryTarget['harbor']>,
  uiUrl: string | undefined,
  signal: AbortSignal,
): Promise<Images> {
  const artifacts = await client.listArtifacts(
    repository.project,
    repository.repository,
    { pageSize: IMAGES, maxPages: 1, signal },
  );
  return {
    repository: `${repository.project}/${repository.repository}`,
    images: artifacts
      .map(a => ({
        digest: a.digest,
        tags: a.tags.map(t => t.name),
        pushedAt: a.pushTime,
        vulnerabilities: a.scan && {
          scanStatus: a.scan.status,
          severity: a.scan.severity ?? 'Unknown',
          ...a.scan.counts,
          total: a.scan.total,
        },
        url: uiUrl
          ? `${uiUrl}/harbor/projects/${encodeURIComponent(
              repository.project,
            )}/repositories/${encodeURIComponent(
              repository.repository,
            )}/artifacts-tab/artifacts/${a.digest}`
          : undefined,
      }))
      .sort((a, b) => b.pushedAt.localeCompare(a.pushedAt)),
  };
}
