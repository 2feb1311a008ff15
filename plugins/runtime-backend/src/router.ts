import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { RuntimeHealthService } from './services/RuntimeHealthService';

/** What the runtime router needs. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  health: RuntimeHealthService;
}

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

  return router;
}
