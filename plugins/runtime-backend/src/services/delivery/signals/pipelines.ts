import { RuntimeDeliveryReport } from '@runtime-portal/backstage-plugin-runtime-common';
import { GitLabClient } from '@runtime-portal/backstage-plugin-runtime-node';

type Pipelines = NonNullable<RuntimeDeliveryReport['pipelines']['data']>;

/** Most pipelines shown. */
const PIPELINES = 20;

/** The project's recent pipelines, newest first, with the default branch named. */
export async function loadPipelines(
  client: GitLabClient,
  projectRef: string,
  signal: AbortSignal,
): Promise<Pipelines> {
  const project = await client.getProject(projectRef, { signal });
  const pipelines = await client.listPipelines(project.id, {
    perPage: PIPELINES,
    maxPages: 1,
    signal,
  });
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
