import { createHash } from 'node:crypto';
import { RuntimeSeed } from '../seed';

/** The scan report MIME type Harbor keys `scan_overview` by. */
export const VULNERABILITY_REPORT_MIME_TYPE =
  'application/vnd.security.vulnerability.report; version=1.1';

/** Vulnerability counts of one scanned artifact by severity. */
export interface VulnerabilityCounts {
  Critical: number;
  High: number;
  Medium: number;
  Low: number;
}

/** One artifact (an image manifest) with its tag. */
export interface HarborArtifact {
  id: number;
  projectId: number;
  repositoryId: number;
  digest: string;
  size: number;
  pushTime: Date;
  tags: Array<{ id: number; name: string; pushTime: Date }>;
  vulnerabilities: VulnerabilityCounts;
  fixable: number;
  scanStart: Date;
  scanEnd: Date;
}

/** A Harbor project with its repositories (names without the project). */
export interface HarborProject {
  id: number;
  name: string;
  repositories: Map<string, { id: number; artifacts: HarborArtifact[] }>;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The registry of the seed: one project per first segment of a service's image repository, one
 * repository per image, and one artifact per tag (the first tag newest, a day apart). The newest
 * artifact carries the seed's vulnerability counts; each older one the counts its successor fixed
 * on top (older images have more).
 */
export function seedArtifacts(
  seed: RuntimeSeed,
  now = new Date(),
): Map<string, HarborProject> {
  const projects = new Map<string, HarborProject>();
  let nextId = 1;
  for (const team of seed.teams) {
    for (const service of team.services) {
      const image = service.delivery?.image;
      if (!image) continue;
      const [projectName, ...rest] = image.repository.split('/');
      const repositoryName = rest.join('/');
      let project = projects.get(projectName);
      if (!project) {
        project = { id: nextId++, name: projectName, repositories: new Map() };
        projects.set(projectName, project);
      }
      const projectId = project.id;
      const repositoryId = nextId++;
      const firstArtifactId = nextId;
      nextId += image.tags.length;
      const artifacts = image.tags.map((tag, index) => {
        const pushTime = new Date(now.getTime() - (index * 7 + 1) * DAY);
        const counts = {
          Critical: image.vulnerabilities.critical + index,
          High: image.vulnerabilities.high + 2 * index,
          Medium: image.vulnerabilities.medium + 3 * index,
          Low: image.vulnerabilities.low + 4 * index,
        };
        const total =
          counts.Critical + counts.High + counts.Medium + counts.Low;
        const id = firstArtifactId + index;
        return {
          id,
          projectId,
          repositoryId,
          digest: `sha256:${createHash('sha256')
            .update(`${image.repository}:${tag}`)
            .digest('hex')}`,
          size: 180_000_000 + index * 1_250_000,
          pushTime,
          tags: [{ id, name: tag, pushTime }],
          vulnerabilities: counts,
          fixable: Math.floor(total / 2),
          scanStart: new Date(pushTime.getTime() + 60_000),
          scanEnd: new Date(pushTime.getTime() + 95_000),
        };
      });
      project.repositories.set(repositoryName, { id: repositoryId, artifacts });
    }
  }
  return projects;
}
