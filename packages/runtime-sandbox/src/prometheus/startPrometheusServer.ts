import express, { NextFunction, Request, Response } from 'express';
import { listen } from '../http/listen';
import { metricsHandler, TelemetryModel } from '../telemetry';
import { RunningServer, ServerOptions } from '../types';
import { readInstantTime, readRange } from './apiParams';
import { PrometheusApiError } from './PrometheusApiError';
import { runInstantQuery, runRangeQuery } from './runQuery';

/** How much history the stand-in has by default: a day, so every portal range has data. */
export const DEFAULT_PROMETHEUS_HISTORY_SECONDS = 24 * 60 * 60;

/** Options of {@link startPrometheusServer}. */
export interface PrometheusServerOptions extends ServerOptions {
  /** The telemetry to query; by default one built from `seed` that started a day ago. */
  model?: TelemetryModel;
  /**
   * When set, every call needs `Authorization: Bearer <token>` (as behind an authenticating proxy);
   * others get 401 `Unauthorized`.
   */
  bearerToken?: string;
}

/** The build the stand-in reports at `/api/v1/status/buildinfo`. */
const BUILD_INFO = {
  version: '2.42.0',
  revision: 'runtime-sandbox',
  branch: 'HEAD',
  buildUser: 'runtime-sandbox',
  buildDate: '20230201-00:00:00',
  goVersion: 'go1.19.5',
};

/**
 * Starts the sandbox's Prometheus: the HTTP query API (`/api/v1/query`, `/api/v1/query_range` by GET
 * or form POST, `/api/v1/status/buildinfo`, `/-/ready`) evaluating a PromQL subset against the
 * telemetry model, with Prometheus's JSON shapes and errors, plus the model's own `/metrics`.
 */
export async function startPrometheusServer(
  options: PrometheusServerOptions,
): Promise<RunningServer> {
  const model =
    options.model ??
    new TelemetryModel(options.seed, {
      startedAtSeconds: Date.now() / 1000 - DEFAULT_PROMETHEUS_HISTORY_SECONDS,
    });
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(bearerCheck(options.bearerToken));
  const form = express.urlencoded({ extended: false });

  for (const method of ['get', 'post'] as const) {
    app[method]('/api/v1/query', form, (req, res) => {
      const params = requestParams(req);
      const time = readInstantTime(params, Date.now() / 1000);
      success(res, runInstantQuery(model, params.get('query') ?? '', time));
    });
    app[method]('/api/v1/query_range', form, (req, res) => {
      const params = requestParams(req);
      const range = readRange(params);
      success(res, runRangeQuery(model, params.get('query') ?? '', range));
    });
  }
  app.all(['/api/v1/query', '/api/v1/query_range'], (_req, res) => {
    res.status(405).type('text/plain').send('Method Not Allowed\n');
  });
  app.get('/api/v1/status/buildinfo', (_req, res) => success(res, BUILD_INFO));
  app.get('/-/ready', (_req, res) => {
    res.type('text/plain').send('Prometheus Server is Ready.\n');
  });
  app.get('/-/healthy', (_req, res) => {
    res.type('text/plain').send('Prometheus Server is Healthy.\n');
  });
  app.get('/metrics', metricsHandler(model));
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('404 page not found\n');
  });
  app.use(answerError);
  return listen(app, options.port, options.host);
}

/** Query string and form body together, as Go's `r.FormValue` reads them (the body wins). */
function requestParams(req: Request): URLSearchParams {
  const params = new URL(req.originalUrl, 'http://sandbox').searchParams;
  const body = (req.body ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') params.set(key, value);
  }
  return params;
}

function success(res: Response, data: unknown) {
  res.status(200).json({ status: 'success', data });
}

function bearerCheck(token: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      res.status(401).type('text/plain').send('Unauthorized\n');
      return;
    }
    next();
  };
}

function answerError(
  error: unknown,
  _req: Request,
  res: Response,
  _next: NextFunction,
) {
  const apiError =
    error instanceof PrometheusApiError
      ? error
      : new PrometheusApiError(
          'internal',
          (error as Error)?.message ?? 'internal error',
        );
  res.status(apiError.status).json({
    status: 'error',
    errorType: apiError.errorType,
    error: apiError.message,
  });
}
