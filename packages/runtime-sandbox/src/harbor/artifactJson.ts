import { HarborArtifact, VulnerabilityCounts } from './seedArtifacts';

const SEVERITIES: Array<keyof VulnerabilityCounts> = [
  'Critical',
  'High',
  'Medium',
  'Low',
];

/** The config media type of the seeded OCI images (also their `artifact_type`). */
const IMAGE_CONFIG_MEDIA_TYPE = 'application/vnd.oci.image.config.v1+json';

/**
 * Harbor's `Artifact` model as go-swagger writes it: optional properties that are empty (annotations,
 * references, labels, accessories, tags when not asked for) are left out, not `null`. Tags and the
 * scan overview come only when asked for; the overview is keyed by `reportMimeType` (undefined: no
 * report of an accepted type, so no overview).
 */
export function artifactJson(
  artifact: HarborArtifact,
  path: { project: string; repository: string },
  options: { withTag: boolean; reportMimeType?: string },
) {
  const repositoryPath = `/api/v2.0/projects/${
    path.project
  }/repositories/${encodeURIComponent(
    encodeURIComponent(path.repository),
  )}/artifacts`;
  const artifactPath = `${repositoryPath}/${artifact.digest}`;
  return {
    id: artifact.id,
    type: 'IMAGE',
    media_type: IMAGE_CONFIG_MEDIA_TYPE,
    manifest_media_type: 'application/vnd.oci.image.manifest.v1+json',
    // The config media type when the manifest has no artifactType (controller/artifact/abstractor.go).
    artifact_type: IMAGE_CONFIG_MEDIA_TYPE,
    project_id: artifact.projectId,
    repository_id: artifact.repositoryId,
    repository_name: `${path.project}/${path.repository}`,
    digest: artifact.digest,
    size: artifact.size,
    icon: 'sha256:0048162a053eef4d4ce3fe7518615bef084403614f8bca43b40ae2e762e11e06',
    push_time: artifact.pushTime.toISOString(),
    pull_time: '0001-01-01T00:00:00.000Z',
    // What processor/image/manifest_v2.go reads from the image config.
    extra_attrs: {
      architecture: 'amd64',
      author: '',
      config: {
        Cmd: ['python', '-m', 'service'],
        Env: [
          'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        ],
        WorkingDir: '/app',
      },
      created: new Date(artifact.pushTime.getTime() - 120_000).toISOString(),
      os: 'linux',
    },
    ...(options.withTag && artifact.tags.length > 0
      ? {
          tags: artifact.tags.map(tag => ({
            id: tag.id,
            repository_id: artifact.repositoryId,
            artifact_id: artifact.id,
            name: tag.name,
            push_time: tag.pushTime.toISOString(),
            pull_time: '0001-01-01T00:00:00.000Z',
            immutable: false,
          })),
        }
      : {}),
    addition_links: {
      build_history: {
        href: `${artifactPath}/additions/build_history`,
        absolute: false,
      },
      // The SBOM link without an SBOM digest, as SetSBOMAdditionLink("", version) writes it.
      sboms: {
        href: `${repositoryPath}//additions/sbom`,
        absolute: false,
      },
      vulnerabilities: {
        href: `${artifactPath}/additions/vulnerabilities`,
        absolute: false,
      },
    },
    ...(options.reportMimeType
      ? { scan_overview: scanOverview(artifact, options.reportMimeType) }
      : {}),
  };
}

/** The Trivy report summary keyed by the report MIME type; only severities found are counted. */
function scanOverview(artifact: HarborArtifact, mimeType: string) {
  const counts = artifact.vulnerabilities;
  const found = SEVERITIES.filter(severity => counts[severity] > 0);
  const summary = Object.fromEntries(
    found.map(severity => [severity, counts[severity]]),
  );
  const total = found.reduce((sum, severity) => sum + counts[severity], 0);
  return {
    [mimeType]: {
      report_id: `${artifact.digest.slice(7, 15)}-trivy`,
      scan_status: 'Success',
      severity: found[0] ?? 'None',
      duration: Math.round(
        (artifact.scanEnd.getTime() - artifact.scanStart.getTime()) / 1000,
      ),
      summary: { total, fixable: artifact.fixable, summary },
      start_time: artifact.scanStart.toISOString(),
      end_time: artifact.scanEnd.toISOString(),
      complete_percent: 100,
      scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.56.2' },
    },
  };
}
