import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { RuntimeHealthService } from './services/RuntimeHealthService';
import { EntityAccess } from './services/entities/EntityAccess';
import { deliveryTarget } from './services/entities/deliveryTarget';
import { entityOwnership } from './services/entities/entityOwnership';
import { parseRange } from './services/observability/timeRange';
import { DeliveryActions } from './services/delivery/DeliveryActions';
import { ComponentHealthService } from './services/components/ComponentHealthService';
import { ComponentAlertsService } from './services/components/ComponentAlertsService';
import { z } from 'zod';
import { InputError } from '@backstage/errors';
import { sendEncodedReport } from './services/http/EncodedReports';
import { upstreamErrorsAsUnavailable } from './services/http/upstreamErrors';
import { EntityReports } from './services/EntityReports';

/** What the runtime router needs. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  health: RuntimeHealthService;
  entities: EntityAccess;
  /** The observability, delivery and resource reports of an entity (shared with the actions registry). */
  reports: EntityReports;
  deliveryActions: DeliveryActions;
  components: ComponentHealthService;
  /** The firing alerts of every runtime component, per environment. */
  componentAlerts: ComponentAlertsService;
}

const syncBody = z.object({
  environment: z.string().min(1).max(63),
  application: z.string().min(1).max(253),
});

/** Parses a body with a zod schema; an InputError names the bad field. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid request body: ${issue.path.join('.') || 'body'} ${
        issue.message
      }`,
    );
  }
  return result.data;
}

const ENTITY = '/entity/:kind/:namespace/:name';

/** The routes of the runtime backend plugin, mounted under `/api/runtime`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({
      status: 'ok',
      environments: await options.health.environments(),
    });
  });

  router.get('/components/health', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await options.components.health());
  });

  router.get('/alerts', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await options.componentAlerts.report(credentials));
  });

  router.get(`${ENTITY}/observability`, async (req, res) => {
    const range = parseRange(req.query.range);
    const { entity } = await options.entities.entityOf(req);
    sendEncodedReport(
      req,
      res,
      await options.reports.observability(entity, range),
    );
  });

  router.get(`${ENTITY}/delivery`, async (req, res) => {
    const { entity } = await options.entities.entityOf(req);
    sendEncodedReport(req, res, await options.reports.delivery(entity));
  });

  router.post(`${ENTITY}/delivery/sync`, async (req, res) => {
    const { environment, application } = parseBody(syncBody, req.body);
    const { entity, credentials } = await options.entities.entityOf(req);
    const ownership = entityOwnership(entity);
    const result = await upstreamErrorsAsUnavailable(() =>
      options.deliveryActions.sync({
        entity: ownership,
        target: deliveryTarget(entity),
        environment,
        application,
        credentials,
        httpRequest: req,
      }),
    );
    options.reports.forgetDelivery(ownership.entityRef);
    res.status(202).json(result);
  });

  router.post(
    `${ENTITY}/delivery/pipelines/:pipelineId/retry`,
    async (req, res) => {
      const pipelineId = Number(req.params.pipelineId);
      if (!Number.isSafeInteger(pipelineId) || pipelineId <= 0) {
        throw new InputError(`Invalid pipeline id '${req.params.pipelineId}'`);
      }
      const { entity, credentials } = await options.entities.entityOf(req);
      const ownership = entityOwnership(entity);
      const result = await upstreamErrorsAsUnavailable(() =>
        options.deliveryActions.retryPipeline({
          entity: ownership,
          target: deliveryTarget(entity),
          pipelineId,
          credentials,
          httpRequest: req,
        }),
      );
      options.reports.forgetDelivery(ownership.entityRef);
      res.status(202).json(result);
    },
  );

  router.get(`${ENTITY}/resource`, async (req, res) => {
    const { entity, credentials } = await options.entities.entityOf(req);
    res.json(await options.reports.resourceDetails(entity, credentials));
  });

  return router;
}
