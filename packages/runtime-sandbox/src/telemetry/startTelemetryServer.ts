import express from 'express';
import { listen } from '../http/listen';
import { RunningServer, ServerOptions } from '../types';
import { metricsHandler } from './metricsHandler';
import { TelemetryModel } from './TelemetryModel';

/** Options of {@link startTelemetryServer}. */
export interface TelemetryServerOptions extends ServerOptions {
  /** The model to serve; by default one built from `seed`, starting now. */
  model?: TelemetryModel;
}

/**
 * Starts a scrape target serving the seeded services' and endpoints' metrics at `GET /metrics`
 * (Prometheus text format 0.0.4), e.g. for a real Prometheus to scrape.
 */
export async function startTelemetryServer(
  options: TelemetryServerOptions,
): Promise<RunningServer> {
  const model = options.model ?? new TelemetryModel(options.seed);
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsHandler(model));
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('404 page not found\n');
  });
  return listen(app, options.port, options.host);
}
