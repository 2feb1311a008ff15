import express from 'express';
import Router from 'express-promise-router';
import { RuntimeEnvironment } from '@runtime-portal/backstage-plugin-runtime-node';
import { summariseEnvironments } from './services/environmentSummary';

/** What the runtime router needs. */
export interface RouterOptions {
  environments: RuntimeEnvironment[];
}

/** The routes of the runtime backend plugin, mounted under `/api/runtime`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  const environments = summariseEnvironments(options.environments);
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', environments });
  });

  return router;
}
