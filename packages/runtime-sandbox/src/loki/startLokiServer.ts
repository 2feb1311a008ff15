import express, { NextFunction, Request, Response } from 'express';
import { listen } from '../http/listen';
import { RunningServer, ServerOptions } from '../types';
import { componentLogStreams } from './componentLogStreams';
import { logStreams } from './logLines';
import {
  LogQLParseError,
  LogQLUnsupportedError,
  parseLogQuery,
  selectsStream,
} from './logql';
import { LokiBadRequest, readRangeQueryParams } from './queryParams';
import { queryLogs } from './queryLogs';
import { queryStats } from './queryStats';
import { telemetrySources } from '../telemetry/telemetrySources';

/** How the sandbox's Loki is started. */
export interface LokiServerOptions extends ServerOptions {
  /**
   * The tenant whose logs the seed's are (multi-tenant mode, `auth_enabled: true`): every request
   * then needs `X-Scope-OrgID`, and other tenants see no logs. Unset: single-tenant, no header needed.
   */
  tenant?: string;
}

/**
 * A plain-text error: with a trailing newline as Go's `http.Error` writes it (401, 404), or without
 * one as Loki's `WriteError` writes query errors (`fmt.Fprint`, pkg/util/server/error.go).
 */
function plainError(
  res: Response,
  status: number,
  message: string,
  newline = true,
) {
  res
    .status(status)
    .type('text/plain; charset=utf-8')
    .send(newline ? `${message}\n` : message);
}

/**
 * Starts the sandbox's Loki: `GET /loki/api/v1/query_range` over a LogQL subset (stream selector and
 * line filters, see {@link parseLogQuery}) on log lines simulated deterministically from the seed's telemetry (see
 * {@link logStreams}) and of the Runtime's own components (see `componentLogStreams`), answering with Loki's `streams` result and plain-text 400s, plus `/ready`.
 */
export async function startLokiServer(
  options: LokiServerOptions,
): Promise<RunningServer> {
  const streams = [
    ...telemetrySources(options.seed).flatMap(logStreams),
    ...componentLogStreams(options.seed),
  ];
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.get('/ready', (_req, res) => {
    res.type('text/plain').send('ready\n');
  });
  app.get('/loki/api/v1/query_range', (req, res) => {
    const tenant = req.headers['x-scope-orgid'];
    if (options.tenant !== undefined && !tenant) {
      plainError(res, 401, 'no org id');
      return;
    }
    const started = process.hrtime.bigint();
    const params = readRangeQueryParams(
      new URL(req.originalUrl, 'http://sandbox').searchParams,
      new Date(),
    );
    const query = parseLogQuery(params.query);
    const visible =
      options.tenant === undefined || tenant === options.tenant ? streams : [];
    const entries = queryLogs(
      visible.filter(stream => selectsStream(query, stream.labels)),
      query,
      params,
      params.limit,
      params.direction,
    );
    const byStream = new Map<
      (typeof entries)[number]['stream'],
      [string, string][]
    >();
    for (const entry of entries) {
      const values = byStream.get(entry.stream) ?? [];
      values.push([entry.timestampNs.toString(), entry.line]);
      byStream.set(entry.stream, values);
    }
    const bytes = entries.reduce((sum, e) => sum + e.line.length, 0);
    const execTimeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    res.json({
      status: 'success',
      data: {
        resultType: 'streams',
        result: [...byStream].map(([stream, values]) => ({
          stream: stream.labels,
          values,
        })),
        stats: queryStats({
          linesProcessed: entries.length,
          bytesProcessed: bytes,
          entriesReturned: entries.length,
          execTimeSeconds,
        }),
      },
    });
  });
  app.use((_req: Request, res: Response) => {
    plainError(res, 404, '404 page not found');
  });
  app.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      // Loki answers its client errors (parse errors, `UserError`s) 400 in plain text; so does the
      // sandbox for valid LogQL it does not evaluate.
      if (
        error instanceof LokiBadRequest ||
        error instanceof LogQLParseError ||
        error instanceof LogQLUnsupportedError
      ) {
        plainError(res, 400, error.message, false);
        return;
      }
      plainError(res, 500, 'internal error', false);
    },
  );

  return listen(app, options.port, options.host);
}
