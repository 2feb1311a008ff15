import {
  RuntimeDeliveryReport,
  RuntimePipeline,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  GitLabClient,
  GitLabPipeline,
  GitLabPipelineSummary,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';

type Pipelines = NonNullable<RuntimeDeliveryReport['pipelines']['data']>;

/** Most pipelines shown. */
const PIPELINES = 20;
/** The newest pipelines get their details (duration, author); the list call does not carry them. */
const DETAILED = 5;
/** Most failed jobs named for the latest pipeline. */
const FAILED_JOBS = 20;

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

/**
 * The project's recent pipelines, newest first, with the default branch named; the latest pipeline of
 * the default branch (the newest one when the branch is unknown) names its failed jobs when it failed.
 */
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
  const latest = project.defaultBranch
    ? summaries.find(p => p.ref === project.defaultBranch)
    : summaries[0];
  const [details, failedJobs] = await Promise.all([
    Promise.all(
      summaries
        .slice(0, DETAILED)
        .map(p => client.getPipeline(project.id, p.id, { signal })),
    ),
    latest?.status === 'failed'
      ? loadFailedJobs(client, project.id, latest.id, signal)
      : undefined,
  ]);
  const pipelines = summaries.map(
    (summary, index): GitLabPipelineSummary & Partial<GitLabPipeline> =>
      details[index] ?? summary,
  );
  return {
    project: project.pathWithNamespace,
    defaultBranch: project.defaultBranch,
    webUrl: project.webUrl,
    pipelines: pipelines.map(
      (p): RuntimePipeline => ({
        id: p.id,
        ref: p.ref,
        sha: p.sha,
        status: p.status,
        createdAt: p.createdAt,
        durationSeconds: p.duration,
        author: p.user?.name ?? p.user?.username,
        webUrl: p.webUrl,
        ...(p.id === latest?.id ? failedJobs : {}),
      }),
    ),
  };
}

/**
 * The jobs that failed a pipeline (one call, `scope[]=failed`; failures allowed by `allow_failure`
 * left out). A failure of that call does not fail the pipelines: they show without the jobs, and
 * `failedJobsMessage` says why.
 */
async function loadFailedJobs(
  client: GitLabClient,
  projectId: number,
  pipelineId: number,
  signal: AbortSignal,
): Promise<Pick<RuntimePipeline, 'failedJobs' | 'failedJobsMessage'>> {
  try {
    const jobs = await client.listPipelineJobs(projectId, pipelineId, {
      scope: 'failed',
      perPage: FAILED_JOBS,
      maxPages: 1,
      signal,
    });
    return {
      failedJobs: jobs
        .filter(job => !job.allowFailure)
        .map(job => ({
          id: job.id,
          name: job.name,
          stage: job.stage,
          failureReason: job.failureReason,
          webUrl: job.webUrl,
        })),
    };
  } catch (error) {
    return {
      failedJobsMessage: isRuntimeUpstreamError(error)
        ? `The failed jobs could not be read: ${error.message}`
        : `The failed jobs could not be read (${
            error instanceof Error ? error.name : 'error'
          })`,
    };
  }
}
