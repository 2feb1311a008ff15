import express, { NextFunction, Request, Response } from 'express';
import { listen } from '../http/listen';
import { RunningServer, ServerOptions } from '../types';
import { seedDashboards } from './dashboards';

/** Folders list before dashboards, as Grafana's search orders them. */
const typeRank = (type: string) => (type === 'dash-folder' ? 0 : 1);

/**
 * Grafana's 401 body: an `errutil` error's public part with the request's trace id, as
 * `ReqContext.WriteErrOrFallback` writes it (grafana/grafana pkg/services/contexthandler/model,
 * pkg/apimachinery/errutil `PublicError`; `extra` is null without a payload).
 */
function unauthorized(messageId: string, message: string) {
  return { extra: null, message, messageId, statusCode: 401, traceID: '' };
}

/**
 * Starts the sandbox's Grafana: `GET /api/search` (`type` `dash-db`/`dash-folder`, repeatable `tag`
 * with AND semantics, `query` on titles, `dashboardUIDs`, `limit`, `page`) behind the service-account
 * token (`Authorization: Bearer`; anything else is 401 with Grafana's errutil body), and the open
 * `GET /api/health`.
 */
export async function startGrafanaServer(
  options: ServerOptions,
): Promise<RunningServer> {
  const hits = seedDashboards(options.seed);
  // The version the seeded Runtime runs (it differs between the sandbox's environments).
  const version =
    options.seed.components.find(c => c.name === 'grafana')?.version ??
    '11.4.0';
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.get('/api/health', (_req, res) => {
    res.json({ commit: 'sandbox', database: 'ok', version });
  });
  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    const authorization = req.headers.authorization;
    if (authorization === `Bearer ${options.credentials.grafanaToken}`) {
      next();
      return;
    }
    // No credentials: no authn client applies (`auth.unauthorized`); any other token is an API key
    // (service-account token) the api-key client cannot find (`api-key.invalid`).
    res
      .status(401)
      .json(
        authorization
          ? unauthorized('api-key.invalid', 'Invalid API key')
          : unauthorized('auth.unauthorized', 'Unauthorized'),
      );
  });
  app.get('/api/search', (req, res) => {
    const params = new URL(req.originalUrl, 'http://sandbox').searchParams;
    const type = params.get('type');
    const tags = params.getAll('tag');
    const query = (params.get('query') ?? '').toLowerCase();
    const uids = params
      .getAll('dashboardUIDs')
      .flatMap(v => v.split(','))
      .filter(Boolean);
    const limit = Math.min(5000, Number(params.get('limit')) || 1000);
    const page = Math.max(1, Number(params.get('page')) || 1);
    const found = hits
      .filter(hit => !type || hit.type === type)
      .filter(hit => tags.every(tag => hit.tags.includes(tag)))
      .filter(hit => tags.length === 0 || hit.type === 'dash-db')
      .filter(hit => !query || hit.title.toLowerCase().includes(query))
      .filter(hit => uids.length === 0 || uids.includes(hit.uid))
      .sort(
        (a, b) =>
          typeRank(a.type) - typeRank(b.type) || a.title.localeCompare(b.title),
      );
    res.json(found.slice((page - 1) * limit, page * limit));
  });
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ message: 'Not found' });
  });

  return listen(app, options.port, options.host);
}
