import {
  HarborArtifact,
  VULNERABILITY_REPORT_MIME_TYPE,
  VulnerabilityCounts,
} from './seedArtifacts';

const SEVERITIES: Array<keyof VulnerabilityCounts> = [
  'Critical',
  'High',
  'Medium',
  'Low',
];

/** Harbor's `Artifact` model; tags and scan overview only when asked for, as the API does. */
export function artifactJson(
  artifact: HarborArtifact,
  path: { project: string; repository: string },
  options: { withTag: boolean; withScanOverview: boolean },
) {
  const repositoryPath = `/api/v2.0/projects/${
    path.project
  }/repositories/${encodeURIComponent(
    encodeURIComponent(path.repository),
  )}/artifacts/${artifact.digest}`;
  return {
    id: artifact.id,
    type: 'IMAGE',
    media_type: 'application/vnd.oci.image.config.v1+json',
    manifest_media_type: 'application/vnd.oci.image.manifest.v1+json',
    project_id: artifact.projectId,
    repository_id: artifact.repositoryId,
    digest: artifact.digest,
    size: artifact.size,
    icon: 'sha256:0048162a053eef4d4ce3fe7518615bef084403614f8bca43b40ae2e762e11e06',
    push_time: artifact.pushTime.toISOString(),
    pull_time: '0001-01-01T00:00:00.000Z',
    extra_attrs: { architecture: 'amd64', os: 'linux' },
    annotations: null,
    references: null,
    tags: options.withTag
      ? artifact.tags.map(tag => ({
          id: tag.id,
          repository_id: artifact.repositoryId,
          artifact_id: artifact.id,
          name: tag.name,
          push_time: tag.pushTime.toISOString(),
          pull_time: '0001-01-01T00:00:00.000Z',
          immutable: false,
        }))
      : null,
    addition_links: {
      build_history: {
        href: `${repositoryPath}/additions/build_history`,
        absolute: false,
      },
      vulnerabilities: {
        href: `${repositoryPath}/additions/vulnerabilities`,
        absolute: false,
      },
    },
    labels: null,
    accessories: null,
    ...(options.withScanOverview
      ? { scan_overview: scanOverview(artifact) }
      : {}),
  };
}

/** The Trivy report summary keyed by the report MIME type; only severities found are counted. */
function scanOverview(artifact: HarborArtifact) {
  const counts = artifact.vulnerabilities;
  const found = SEVERITIES.filter(severity => counts[severity] > 0);
  const summary = Object.fromEntries(
    found.map(severity => [severity, counts[severity]]),
  );
  const total = found.reduce((sum, severity) => sum + counts[severity], 0);
  return {
    [VULNERABILITY_REPORT_MIME_TYPE]: {
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
