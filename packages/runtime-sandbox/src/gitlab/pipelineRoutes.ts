import { Router } from 'express';
import { GitLabApiError } from './apiError';
import { GitLabContext } from './context';
import { GitLabPipeline } from './GitLabState';
import { paginate } from './pagination';

const STATUSES = new Set([
  'created',
  'waiting_for_resource',
  'preparing',
  'pending',
  'running',
  'success',
  'failed',
  'canceled',
  'skipped',
  'manual',
  'scheduled',
]);

/**
 * Pipelines: list (`ref`, `sha`, `status`, `sort`; newest first, paged), latest of a ref, detail,
 * and retry (`POST .../retry`, 201 with the pipeline running again).
 */
export function pipelineRoutes(context: GitLabContext): Router {
  const { state, json, pipelines } = context;
  const router = Router();

  router.get('/projects/:id/pipelines', (req, res) => {
    const project = state.project(req.params.id);
    const { ref, sha, status, sort } = req.query;
    if (typeof status === 'string' && !STATUSES.has(status)) {
      throw GitLabApiError.badParameter('status does not have a valid value');
    }
    if (sort !== undefined && sort !== 'asc' && sort !== 'desc') {
      throw GitLabApiError.badParameter('sort does not have a valid value');
    }
    const matching = state.pipelines
      .filter(
        p =>
          p.projectId === project.id &&
          (typeof ref !== 'string' || p.ref === ref) &&
          (typeof sha !== 'string' || p.sha === sha) &&
          (typeof status !== 'string' || p.status === status),
      )
      .sort((a, b) => (sort === 'asc' ? a.id - b.id : b.id - a.id));
    res.json(
      paginate(req, res, matching, context.baseUrl()).map(p =>
        json.pipelineBasicWithMetadata(p),
      ),
    );
  });

  router.get('/projects/:id/pipelines/latest', (req, res) => {
    const project = state.project(req.params.id);
    const ref =
      typeof req.query.ref === 'string' ? req.query.ref : project.defaultBranch;
    const latest = state.pipelines
      .filter(p => p.projectId === project.id && p.ref === ref)
      .reduce<GitLabPipeline | undefined>(
        (newest, p) => (!newest || p.id > newest.id ? p : newest),
        undefined,
      );
    if (!latest) throw GitLabApiError.notFound();
    res.json(json.pipelineWithMetadata(latest));
  });

  router.get('/projects/:id/pipelines/:pipelineId', (req, res) => {
    const project = state.project(req.params.id);
    res.json(
      json.pipelineWithMetadata(
        state.pipeline(project.id, req.params.pipelineId),
      ),
    );
  });

  router.post('/projects/:id/pipelines/:pipelineId/retry', (req, res) => {
    const project = state.project(req.params.id);
    const pipeline = state.pipeline(project.id, req.params.pipelineId);
    res.status(201).json(json.pipeline(pipelines.retry(pipeline)));
  });

  return router;
}
