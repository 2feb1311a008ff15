import express, { NextFunction, Request, Response } from 'express';
import { listen } from '../http/listen';
import { RunningServer, ServerOptions } from '../types';
import { AlertStore, AlertView } from './AlertStore';
import { LabelMatcher, MatcherParseError, parseMatcher } from './matchers';
import { PostAlertsError, readPostableAlerts } from './postableAlerts';
import { seedAlerts } from './seedAlerts';

/** The receiver of the sandbox's routing tree (every alert routes to it). */
export const SANDBOX_ALERT_RECEIVER = 'runtime-portal';

const CONFIG_YAML = `global:\n  resolve_timeout: 5m\nroute:\n  receiver: ${SANDBOX_ALERT_RECEIVER}\n  group_by: [alertname, namespace]\nreceivers:\n- name: ${SANDBOX_ALERT_RECEIVER}\ntemplates: []\n`;

/** go-swagger's `swag.ConvertBool`: these words are true, anything else false; absent is the default. */
const TRUE_WORDS = new Set([
  'true',
  '1',
  'yes',
  'ok',
  'y',
  'on',
  'selected',
  'checked',
  't',
  'enabled',
]);

function readBool(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null || value === '') return true;
  return TRUE_WORDS.has(value.toLowerCase());
}

function alertJson(alert: AlertView) {
  return {
    annotations: alert.annotations,
    endsAt: alert.endsAt.toISOString(),
    fingerprint: alert.fingerprint,
    receivers: [{ name: SANDBOX_ALERT_RECEIVER }],
    startsAt: alert.startsAt.toISOString(),
    status: {
      inhibitedBy: alert.inhibitedBy,
      silencedBy: alert.silencedBy,
      state: alert.state,
    },
    updatedAt: alert.updatedAt.toISOString(),
    ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}),
    labels: alert.labels,
  };
}

/**
 * Starts the sandbox's Alertmanager: the v2 API's `GET /api/v2/alerts` (with `active`, `silenced`,
 * `inhibited`, `unprocessed`, `receiver` and repeated `filter` matchers), `POST /api/v2/alerts`,
 * `GET /api/v2/status`, `/-/ready` and `/-/healthy`, in memory, holding the alerts the seeded
 * Runtime fires (see {@link seedAlerts}). Like Alertmanager it needs no credentials.
 */
export async function startAlertmanagerServer(
  options: ServerOptions,
): Promise<RunningServer> {
  const startedAt = new Date();
  const store = new AlertStore();
  for (const alert of seedAlerts(options.seed, startedAt)) store.put(alert);

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.get(['/-/ready', '/-/healthy'], (_req, res) => {
    res.type('text/plain').send('OK');
  });
  app.get('/api/v2/status', (_req, res) => {
    res.json({
      cluster: { peers: [], status: 'disabled' },
      config: { original: CONFIG_YAML },
      uptime: startedAt.toISOString(),
      versionInfo: {
        branch: 'sandbox',
        buildDate: '',
        buildUser: 'runtime-sandbox',
        goVersion: '',
        revision: 'sandbox',
        version: '0.25.0',
      },
    });
  });
  app.get('/api/v2/alerts', (req, res) => {
    const query = new URL(req.originalUrl, 'http://sandbox').searchParams;
    let matchers: LabelMatcher[];
    let receiver: RegExp | undefined;
    try {
      matchers = query.getAll('filter').map(parseMatcher);
      const receiverParam = query.get('receiver');
      receiver = receiverParam
        ? new RegExp(`^(?:${receiverParam})$`)
        : undefined;
    } catch (error) {
      const message =
        error instanceof MatcherParseError
          ? error.message
          : `failed to parse receiver param: ${(error as Error).message}`;
      res.status(400).json(message);
      return;
    }
    if (receiver && !receiver.test(SANDBOX_ALERT_RECEIVER)) {
      res.json([]);
      return;
    }
    const alerts = store.list(
      {
        active: readBool(query, 'active'),
        silenced: readBool(query, 'silenced'),
        inhibited: readBool(query, 'inhibited'),
        unprocessed: readBool(query, 'unprocessed'),
        matchers,
      },
      new Date(),
    );
    res.json(alerts.map(alertJson));
  });
  app.post(
    '/api/v2/alerts',
    express.text({ type: () => true, limit: '5mb' }),
    (req, res) => {
      let body: unknown;
      try {
        body = JSON.parse(typeof req.body === 'string' ? req.body : '');
      } catch (error) {
        throw new PostAlertsError(400, {
          code: 400,
          message: `parsing alerts body from "" failed, because ${
            (error as Error).message
          }`,
        });
      }
      for (const alert of readPostableAlerts(body, new Date()))
        store.put(alert);
      res.status(200).end();
    },
  );
  app.use((_req: Request, res: Response) => {
    res.status(404).type('text/plain').send('404 page not found\n');
  });
  app.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof PostAlertsError) {
        res.status(error.status).json(error.body);
        return;
      }
      res.status(500).json('internal error');
    },
  );

  return listen(app, options.port, options.host);
}
