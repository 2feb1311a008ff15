import { RuntimeDeliveryReport } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  GitLabClient,
  GitLabPipeline,
  GitLabPipelineSummary,
} from '@runtime-portal/backstage-plugin-runtime-node';

type Pipelines = NonNullable<RuntimeDeliveryReport['pipelines']['data']>;

/** Most pipelines shown. */
const PIPELINES = 20;
/** The newest pipelines get their details (duration, author); the list call does not carry them. */
const DETAILED = 5;

/**
 * The full path (`group/name`) of the project an annotation names: a slug is its own path, a numeric
 * id is looked up.
 */
export async function gitlabProjectPath(
  client: GitLabClient,
  projectRef: string,
  signal?: AbortSignal,
): Promise<string> {
  if (!/^\d+$/.test(projectRef)) return projectRef;
  return (await client.getProject(projectRef, { signal })).pathWithNamespace;
}

/** The project's recent pipelines, newest first, with the default branch named. */
export async function loadPipelines(
  client: GitLabClient,
  projectRef: string,
  signal: AbortSignal,
): Promise<Pipelines> {
  const project = await client.getProject(projectRef, { signal });
  const summaries = await client.listPipelines(project.id, {
    perPage: PIPELINES,
    maxPages: 1,
    signal,
  });
  const details = await Promise.all(
    summaries
      .slice(0, DETAILED)
      .map(p => client.getPipeline(project.id, p.id, { signal })),
  );
  const pipelines = summaries.map(
    (summary, index): GitLabPipelineSummary & Partial<GitLabPipeline> =>
      details[index] ?? summary,
  );
  return {
    project: project.pathWithNamespace,
    defaultBranch: project.defaultBranch,
    webUrl: project.webUrl,
    pipelines: pipelines.map(p => ({
      id: p.id,
      ref: p.ref,
      sha: p.sha,
      status: p.status,
      createdAt: p.createdAt,
      durationSeconds: p.duration,
      author: p.user?.name ?? p.user?.username,
      webUrl: p.webUrl,
    })),
  };
}
