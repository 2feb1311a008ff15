import express, { NextFunction, Request, Response } from 'express';
import { listen } from '../http/listen';
import { telemetrySources } from '../telemetry/telemetrySources';
import { RunningServer, ServerOptions } from '../types';
import { otlpTraceJson, traceSearchJson } from './otlpJson';
import { TempoBadRequest, readTraceSearch } from './searchParams';
import { TraceQLParseError, TraceQLUnsupportedError } from './parseTraceQL';
import { matchingSpans } from './traceql';
import { decodeTraceId, findTraces, simulatedTrace } from './traces';

/**
 * A plain-text error: Tempo's query frontend sends a request error's text as it is (no trailing
 * newline, modules/frontend `httpInvalidRequest`); Go's `http.NotFound` adds one.
 */
function plainError(
  res: Response,
  status: number,
  message: string,
  newline = false,
) {
  res
    .status(status)
    .type('text/plain; charset=utf-8')
    .send(newline ? `${message}\n` : message);
}

/**
 * Starts the sandbox's Tempo: `GET /api/search` (TraceQL subset in `q`, or `tags` with
 * `minDuration`/`maxDuration`; `limit`, `start`, `end`), `GET /api/traces/{traceID}` (OTLP JSON,
 * 404 with no body) and `/ready`, over traces simulated deterministically from the seed's
 * telemetry: failures follow each source's error ratio, durations its latency percentiles.
 */
export async function startTempoServer(
  options: ServerOptions,
): Promise<RunningServer> {
  const sources = telemetrySources(options.seed);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.get('/ready', (_req, res) => {
    res.type('text/plain').send('ready\n');
  });
  app.get('/api/search', (req, res) => {
    const search = readTraceSearch(
      new URL(req.originalUrl, 'http://sandbox').searchParams,
      new Date(),
    );
    const { traces, inspected } = findTraces(
      sources,
      search,
      search.selector,
      search.limit,
    );
    res.json({
      traces: traces.map(trace =>
        traceSearchJson(
          trace,
          search.filter && matchingSpans(search.filter, trace),
        ),
      ),
      metrics: {
        inspectedTraces: inspected,
        inspectedBytes: String(inspected * 1024),
        completedJobs: 1,
        totalJobs: 1,
      },
    });
  });
  app.get(['/api/traces/:traceId', '/api/v2/traces/:traceId'], (req, res) => {
    const traceId = String(req.params.traceId);
    if (!/^[0-9a-fA-F]{1,32}$/.test(traceId)) {
      plainError(
        res,
        400,
        traceId.length > 32
          ? "trace IDs can't be larger than 128 bits"
          : 'invalid TraceID',
      );
      return;
    }
    const decoded = decodeTraceId(sources, traceId);
    if (!decoded) {
      // The frontend's trace-by-id combiner answers 404 with no body when no shard found the trace.
      res.status(404).end();
      return;
    }
    const json = otlpTraceJson(
      simulatedTrace(sources, decoded.sourceIndex, decoded.index),
    );
    res.json(
      req.path.startsWith('/api/v2/')
        ? { trace: { resourceSpans: json.batches } }
        : json,
    );
  });
  app.use((_req: Request, res: Response) => {
    plainError(res, 404, '404 page not found', true);
  });
  app.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (
        error instanceof TempoBadRequest ||
        error instanceof TraceQLParseError ||
        // Valid TraceQL the sandbox does not evaluate: a 400 in Tempo's plain-text form.
        error instanceof TraceQLUnsupportedError
      ) {
        plainError(res, 400, error.message);
        return;
      }
      plainError(res, 500, 'internal error');
    },
  );

  return listen(app, options.port, options.host);
}
