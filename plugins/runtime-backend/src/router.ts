import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { RuntimeHealthService } from './services/RuntimeHealthService';
import { EntityAccess } from './services/entities/EntityAccess';
import { observabilityTarget } from './services/entities/observabilityTarget';
import { deliveryTarget } from './services/entities/deliveryTarget';
import { ObservabilityService } from './services/observability/ObservabilityService';
import { parseRange } from './services/observability/timeRange';
import { DeliveryService } from './services/delivery/DeliveryService';
import { ResourceDetailsService } from './services/resources/ResourceDetailsService';
import { ServiceUnavailableError } from '@backstage/errors';
import { isRuntimeUpstreamError } from '@runtime-portal/backstage-plugin-runtime-node';

/** What the runtime router needs. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  health: RuntimeHealthService;
  entities: EntityAccess;
  observability: ObservabilityService;
  delivery: DeliveryService;
  resources: ResourceDetailsService;
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

  router.get(`${ENTITY}/observability`, async (req, res) => {
    const range = parseRange(req.query.range);
    const { entity } = await options.entities.entityOf(req);
    res.json(
      await options.observability.report(
        stringifyEntityRef(entity),
        observabilityTarget(entity),
        range,
      ),
    );
  });

  router.get(`${ENTITY}/delivery`, async (req, res) => {
    const { entity } = await options.entities.entityOf(req);
    res.json(
      await options.delivery.report(
        stringifyEntityRef(entity),
        deliveryTarget(entity),
      ),
    );
  });

  router.get(`${ENTITY}/resource`, async (req, res) => {
    const { entity } = await options.entities.entityOf(req);
    try {
      res.json(await options.resources.details(entity));
    } catch (error) {
      if (isRuntimeUpstreamError(error)) {
        throw new ServiceUnavailableError(error.message);
      }
      throw error;
    }
  });

  return router;
}
