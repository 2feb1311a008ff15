import { Request, Router } from 'express';
import { GitLabApiError } from './apiError';
import { GitLabContext } from './context';
import { paginate } from './pagination';

/** `CommitStatus::AVAILABLE_STATUSES` (`app/models/concerns/ci/has_status.rb`): what `scope` may name. */
const JOB_STATUSES = new Set([
  'created',
  'waiting_for_resource',
  'preparing',
  'waiting_for_callback',
  'pending',
  'running',
  'success',
  'failed',
  'canceling',
  'canceled',
  'skipped',
  'manual',
  'scheduled',
]);

/** What Grape reads as a Boolean parameter. */
const TRUE = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

/**
 * A pipeline's jobs (`GET /projects/:id/pipelines/:pipeline_id/jobs`, `lib/api/ci/pipelines.rb`):
 * newest first, paged, without retried jobs unless `include_retried`, filtered by `scope` (one status,
 * or several as `scope[]`). Parameters are checked first (400 with Grape's messages), then the project
 * (`404 Project Not Found`) and the pipeline (`404 Not found`).
 */
export function jobRoutes(context: GitLabContext): Router {
  const { state, json, repositories } = context;
  const router = Router();

  router.get('/projects/:id/pipelines/:pipelineId/jobs', async (req, res) => {
    if (!/^\d+$/.test(req.params.pipelineId)) {
      throw GitLabApiError.badParameter('pipeline_id is invalid');
    }
    const includeRetried = readBoolean(req, 'include_retried') ?? false;
    const scope = readScope(req);
    const project = state.project(req.params.id);
    const pipeline = state.pipeline(project.id, req.params.pipelineId);
    const jobs = state
      .pipelineJobs(pipeline.id)
      .filter(
        job =>
          (includeRetried || !job.retried) &&
          (!scope || scope.includes(job.status)),
      )
      .sort((a, b) => b.id - a.id);
    const page = paginate(req, res, jobs, context.baseUrl());
    const [commit] =
      page.length > 0
        ? await repositories.log(state.fullPath(project), pipeline.sha)
        : [];
    const now = new Date();
    res.json(page.map(job => json.job(job, pipeline, commit, now)));
  });

  return router;
}

/**
 * `scope` as the pipelines API coerces it (`PipelinesHelpers`' `optional_scope`): one status or a list
 * (`scope[]=a&scope[]=b`); anything else, or a value that is not a job status, is refused.
 */
function readScope(req: Request): string[] | undefined {
  const raw: unknown = req.query.scope;
  if (raw === undefined) return undefined;
  let values: unknown[];
  if (typeof raw === 'string') values = [raw];
  else if (Array.isArray(raw)) values = raw;
  else values = ['unknown'];
  if (!values.every(v => typeof v === 'string' && JOB_STATUSES.has(v))) {
    throw GitLabApiError.badParameter('scope does not have a valid value');
  }
  return values as string[];
}

/** A Boolean parameter as Grape reads it; anything else is refused (`<name> is invalid`). */
function readBoolean(req: Request, name: string): boolean | undefined {
  const raw: unknown = req.query[name];
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' ? raw.toLowerCase() : undefined;
  if (value !== undefined && TRUE.has(value)) return true;
  if (value !== undefined && FALSE.has(value)) return false;
  throw GitLabApiError.badParameter(`${name} is invalid`);
}
