import { CiJobDefinition } from './ciDefinition';
import { GitLabJob, GitLabPipeline, GitLabState } from './GitLabState';

/** Why the seeded failed pipelines' job failed (one of GitLab's `failure_reason`s). */
const SEEDED_FAILURE_REASON = 'script_failure';

/** Adds a pipeline's jobs as GitLab creates them with the pipeline: all `created`. */
export function createPipelineJobs(
  state: GitLabState,
  pipeline: GitLabPipeline,
  definitions: CiJobDefinition[],
  now: Date,
): GitLabJob[] {
  return definitions.map(definition =>
    state.addJob({
      pipelineId: pipeline.id,
      name: definition.name,
      stage: definition.stage,
      stageIndex: definition.stageIndex,
      status: 'created',
      allowFailure: definition.allowFailure,
      failureReason: null,
      userId: pipeline.userId,
      createdAt: now,
      queuedAt: null,
      startedAt: null,
      finishedAt: null,
      retried: false,
    }),
  );
}

/** The newest run of each of a pipeline's jobs (GitLab's `latest`: retried runs left out). */
export function latestJobs(
  state: GitLabState,
  pipelineId: number,
): GitLabJob[] {
  return state.pipelineJobs(pipelineId).filter(job => !job.retried);
}

/**
 * Starts the next stage: its `created` jobs are queued and picked up by the runner at once
 * (`running`). Answers whether a stage started.
 */
export function startNextStage(
  state: GitLabState,
  pipeline: GitLabPipeline,
  now: Date,
): boolean {
  const waiting = latestJobs(state, pipeline.id).filter(
    job => job.status === 'created',
  );
  if (waiting.length === 0) return false;
  const stageIndex = Math.min(...waiting.map(job => job.stageIndex));
  for (const job of waiting.filter(j => j.stageIndex === stageIndex)) {
    job.status = 'running';
    job.queuedAt = now;
    job.startedAt = now;
  }
  return true;
}

/** Finishes the running jobs of a pipeline; the sandbox's runner succeeds at every script. */
export function finishRunningJobs(
  state: GitLabState,
  pipeline: GitLabPipeline,
  now: Date,
) {
  for (const job of latestJobs(state, pipeline.id)) {
    if (job.status !== 'running') continue;
    job.status = 'success';
    job.finishedAt = now;
  }
}

/**
 * Retries a pipeline's jobs as GitLab's `Ci::RetryPipelineService` does: each failed or canceled job
 * is replaced by a new run (a new job id, `created`) and the old run is marked retried; skipped jobs
 * are created again (same id) to run after them. Jobs that succeeded stay as they are.
 */
export function retryPipelineJobs(
  state: GitLabState,
  pipeline: GitLabPipeline,
  now: Date,
) {
  for (const job of latestJobs(state, pipeline.id)) {
    if (job.status === 'failed' || job.status === 'canceled') {
      job.retried = true;
      state.addJob({
        ...job,
        status: 'created',
        failureReason: null,
        createdAt: now,
        queuedAt: null,
        startedAt: null,
        finishedAt: null,
        retried: false,
      });
    } else if (job.status === 'skipped') {
      job.status = 'created';
    }
  }
}

/**
 * Gives a seeded pipeline its jobs as they ran to the pipeline's status, stage after stage from its
 * `started_at`, sharing its `duration` (`typicalSeconds` for a pipeline still running):
 * - `success`: every job succeeded;
 * - `failed`: the stages before the middle one succeeded, the middle stage's first job failed
 *   (`script_failure`) and the later stages were skipped;
 * - `running`: the middle stage runs, the later stages wait (`created`);
 * - any other status: no job ran yet (`created`).
 */
export function seedPipelineJobs(
  state: GitLabState,
  pipeline: GitLabPipeline,
  definitions: CiJobDefinition[],
  typicalSeconds: number,
): GitLabJob[] {
  const jobs = createPipelineJobs(
    state,
    pipeline,
    definitions,
    pipeline.createdAt,
  );
  const stages = [...new Set(jobs.map(job => job.stageIndex))].sort(
    (a, b) => a - b,
  );
  const focus = Math.floor(stages.length / 2);
  const status = pipeline.status;
  const ranStages = stagesRunToTheirEnd(status, stages.length, focus);
  const stageMs = Math.round(
    ((pipeline.duration ?? typicalSeconds) * 1000) /
      Math.max(1, ranStages || stages.length),
  );
  let cursor = (pipeline.startedAt ?? pipeline.createdAt).getTime();
  stages.forEach((stageIndex, position) => {
    const stageJobs = jobs.filter(job => job.stageIndex === stageIndex);
    const queuedAt = new Date(
      position === 0 ? pipeline.createdAt.getTime() : cursor,
    );
    if (position < ranStages || (status === 'running' && position < focus)) {
      // The last stage that ran ends when the pipeline did.
      const last = position === ranStages - 1 && pipeline.finishedAt;
      const finishedAt = last
        ? pipeline.finishedAt!
        : new Date(cursor + stageMs);
      stageJobs.forEach((job, index) => {
        const failed = status === 'failed' && position === focus && index === 0;
        Object.assign(job, {
          status: failed ? 'failed' : 'success',
          failureReason: failed ? SEEDED_FAILURE_REASON : null,
          queuedAt,
          startedAt: new Date(cursor),
          finishedAt,
        });
      });
      cursor = finishedAt.getTime();
    } else if (status === 'running' && position === focus) {
      for (const job of stageJobs) {
        Object.assign(job, {
          status: 'running',
          queuedAt,
          startedAt: new Date(cursor),
        });
      }
    } else if (status === 'failed') {
      for (const job of stageJobs) job.status = 'skipped';
    }
  });
  return jobs;
}

/** How many of a seeded pipeline's stages ran to their end (see {@link seedPipelineJobs}). */
function stagesRunToTheirEnd(
  status: GitLabPipeline['status'],
  stageCount: number,
  focus: number,
): number {
  if (status === 'success') return stageCount;
  if (status === 'failed') return focus + 1;
  return 0;
}
