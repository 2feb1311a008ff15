import { CiJobDefinition } from './ciDefinition';
import { GitLabPipeline, GitLabState } from './GitLabState';
import {
  createPipelineJobs,
  finishRunningJobs,
  latestJobs,
  retryPipelineJobs,
  startNextStage,
} from './pipelineJobs';

/** Statuses a retry starts again (GitLab retries a pipeline's failed and canceled jobs). */
const RETRYABLE = new Set(['failed', 'canceled']);

/**
 * Runs the sandbox's pipelines: a pipeline started by a push or a retry is `running`, its stages run
 * one after another (every job of a stage at once, each succeeding), and it succeeds after
 * `finishAfterMs` in all, with its `finished_at` and `duration` set then.
 */
export class PipelineRunner {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly state: GitLabState,
    private readonly finishAfterMs: number,
  ) {}

  /** Starts a pipeline for a pushed commit, with the jobs its `.gitlab-ci.yml` defines. */
  start(options: {
    projectId: number;
    ref: string;
    sha: string;
    beforeSha: string;
    userId: number;
    committedAt: Date | null;
    jobs: CiJobDefinition[];
  }): GitLabPipeline {
    const { jobs, ...fields } = options;
    const now = new Date();
    const pipeline = this.state.addPipeline({
      ...fields,
      status: 'running',
      source: 'push',
      createdAt: now,
      updatedAt: now,
      startedAt: now,
      finishedAt: null,
      duration: null,
      queuedDuration: 0,
    });
    createPipelineJobs(this.state, pipeline, jobs, now);
    this.run(pipeline);
    return pipeline;
  }

  /**
   * Retries a failed or canceled pipeline: its failed and canceled jobs run again as new jobs, and the
   * same pipeline runs again. As GitLab's `Ci::Pipeline` state machine does (`enqueue`:
   * failed/canceled => running), `started_at`, `finished_at` and `duration` keep the previous run's
   * values until the pipeline completes again. Any other pipeline is answered as it is, as GitLab has
   * no job to retry.
   */
  retry(pipeline: GitLabPipeline): GitLabPipeline {
    if (!RETRYABLE.has(pipeline.status)) return pipeline;
    const now = new Date();
    retryPipelineJobs(this.state, pipeline, now);
    pipeline.status = 'running';
    pipeline.updatedAt = now;
    this.run(pipeline);
    return pipeline;
  }

  /** Stops every pending completion. */
  close() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /**
   * Runs the stages still to run, an equal share of `finishAfterMs` each, then completes the
   * pipeline. A pipeline that stopped running meanwhile is left alone.
   */
  private run(pipeline: GitLabPipeline) {
    const runStartedAt = new Date();
    const stages = new Set(
      latestJobs(this.state, pipeline.id)
        .filter(job => job.status === 'created')
        .map(job => job.stageIndex),
    ).size;
    const stepMs = this.finishAfterMs / Math.max(1, stages);
    startNextStage(this.state, pipeline, runStartedAt);
    const step = () => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (pipeline.status !== 'running') return;
        const now = new Date();
        finishRunningJobs(this.state, pipeline, now);
        if (startNextStage(this.state, pipeline, now)) {
          step();
          return;
        }
        pipeline.status = 'success';
        pipeline.updatedAt = now;
        pipeline.finishedAt = now;
        pipeline.duration = Math.max(
          1,
          Math.round((now.getTime() - runStartedAt.getTime()) / 1000),
        );
      }, stepMs);
      timer.unref?.();
      this.timers.add(timer);
    };
    step();
  }
}
