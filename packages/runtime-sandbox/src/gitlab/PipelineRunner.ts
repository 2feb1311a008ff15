import { GitLabPipeline, GitLabState } from './GitLabState';

/** Statuses a retry starts again (GitLab retries a pipeline's failed and canceled jobs). */
const RETRYABLE = new Set(['failed', 'canceled']);

/**
 * Runs the sandbox's pipelines: a pipeline started by a push or a retry is `running` and succeeds
 * after `finishAfterMs`, with its `finished_at` and `duration` set then.
 */
export class PipelineRunner {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly state: GitLabState,
    private readonly finishAfterMs: number,
  ) {}

  /** Starts a pipeline for a pushed commit. */
  start(options: {
    projectId: number;
    ref: string;
    sha: string;
    beforeSha: string;
    userId: number;
    committedAt: Date | null;
  }): GitLabPipeline {
    const now = new Date();
    const pipeline = this.state.addPipeline({
      ...options,
      status: 'running',
      source: 'push',
      createdAt: now,
      updatedAt: now,
      startedAt: now,
      finishedAt: null,
      duration: null,
      queuedDuration: 0,
    });
    this.finishLater(pipeline);
    return pipeline;
  }

  /**
   * Retries a failed or canceled pipeline: the same pipeline runs again (`running`, no
   * `finished_at`). Any other pipeline is answered as it is, as GitLab has no job to retry.
   */
  retry(pipeline: GitLabPipeline): GitLabPipeline {
    if (!RETRYABLE.has(pipeline.status)) return pipeline;
    const now = new Date();
    pipeline.status = 'running';
    pipeline.updatedAt = now;
    pipeline.startedAt = now;
    pipeline.finishedAt = null;
    pipeline.duration = null;
    this.finishLater(pipeline);
    return pipeline;
  }

  /** Stops every pending completion. */
  close() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private finishLater(pipeline: GitLabPipeline) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (pipeline.status !== 'running') return;
      const now = new Date();
      pipeline.status = 'success';
      pipeline.finishedAt = now;
      pipeline.updatedAt = now;
      pipeline.duration = Math.max(
        1,
        Math.round(
          (now.getTime() - (pipeline.startedAt ?? now).getTime()) / 1000,
        ),
      );
    }, this.finishAfterMs);
    timer.unref?.();
    this.timers.add(timer);
  }
}
