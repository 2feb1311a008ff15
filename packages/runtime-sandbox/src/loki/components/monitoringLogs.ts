import { alloyLine, goKitLine, grafanaLine, slogLine } from '../logFormats';
import { ComponentLogCatalog, LineContext } from './lineContext';

const ms = (ctx: LineContext, min: number, max: number, salt: string) =>
  `${(ctx.int(min * 1000, max * 1000, salt) / 1000).toFixed(3)}ms`;

/** A LogQL query a team's dashboard sends, as Loki's query log quotes it. */
const teamQuery = (ctx: LineContext) => {
  const service = ctx.pick(ctx.services, 'service');
  return `{namespace="${service.namespace}", service="${service.name}"} |~ "(?i)(warn|timeout)"`;
};

/** Grafana 11 (logfmt): housekeeping, update checks, failed proxied data source requests. */
export const grafanaLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      grafanaLine('info', ctx.timeMs, 'cleanup', 'Completed cleanup jobs', [
        ['duration', ms(ctx, 5, 40, 'duration')],
      ]),
    ctx =>
      grafanaLine(
        'info',
        ctx.timeMs,
        'plugins.update.checker',
        'Update check succeeded',
        [['duration', ms(ctx, 40, 400, 'duration')]],
      ),
  ],
  warn: [],
  error: [
    ctx =>
      grafanaLine('error', ctx.timeMs, 'context', 'Request Completed', [
        ['userId', ctx.int(1, 40, 'user')],
        ['orgId', 1],
        ['method', 'POST'],
        ['path', '/api/ds/query'],
        ['status', 500],
        ['remote_addr', `10.42.0.${ctx.int(2, 250, 'client')}`],
        ['time_ms', Math.floor(ctx.u('duration') * 30000)],
        ['duration', `${(ctx.u('duration') * 30000).toFixed(3)}ms`],
        ['size', ctx.int(60, 200, 'size')],
        ['referer', `http://grafana.${ctx.component.namespace}.svc/d/runtime`],
        ['handler', '/api/ds/query'],
        ['status_source', 'downstream'],
      ]),
    ctx =>
      grafanaLine(
        'error',
        ctx.timeMs,
        'tsdb.loki',
        'Error received from Loki',
        [
          ['endpoint', 'queryData'],
          ['pluginId', 'loki'],
          ['dsName', 'Loki'],
          ['error', 'context deadline exceeded'],
          ['status', 'error'],
          ['duration', ms(ctx, 30000, 30100, 'duration')],
        ],
      ),
  ],
};

/** Prometheus 3 (`log/slog` text): TSDB housekeeping, notifier and remote-write failures. */
export const prometheusLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      slogLine('info', ctx.timeMs, 'head.go:1370', 'Head GC completed', [
        ['component', 'tsdb'],
        ['caller', 'truncateMemory'],
        ['duration', ms(ctx, 1, 80, 'duration')],
      ]),
    ctx =>
      slogLine('info', ctx.timeMs, 'compact.go:586', 'write block', [
        ['component', 'tsdb'],
        ['mint', Math.floor(ctx.timeMs / 7_200_000) * 7_200_000 - 7_200_000],
        ['maxt', Math.floor(ctx.timeMs / 7_200_000) * 7_200_000],
        ['ulid', ctx.ulid('ulid')],
        ['duration', ms(ctx, 200, 2000, 'duration')],
      ]),
  ],
  warn: [],
  error: [
    ctx =>
      slogLine('error', ctx.timeMs, 'notifier.go:624', 'Error sending alert', [
        ['component', 'notifier'],
        [
          'alertmanager',
          'http://alertmanager.runtime-monitoring.svc:9093/api/v2/alerts',
        ],
        ['count', ctx.int(1, 12, 'count')],
        [
          'err',
          'Post "http://alertmanager.runtime-monitoring.svc:9093/api/v2/alerts": context deadline exceeded',
        ],
      ]),
  ],
};

/**
 * Loki 3 (go-kit logfmt): its query log, checkpoints and index uploads; failed flushes. While one of
 * its replicas fails its scrapes, the others cannot reach it over memberlist and gRPC, and queries
 * find too many unhealthy instances in the ring.
 */
export const lokiLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      goKitLine('info', ctx.timeMs, 'metrics.go:237', '', [
        ['component', 'frontend'],
        ['org_id', 'fake'],
        ['latency', 'fast'],
        ['query', teamQuery(ctx)],
        ['query_type', 'filter'],
        ['range_type', 'range'],
        ['length', '1h0m0s'],
        ['duration', ms(ctx, 5, 900, 'duration')],
        ['status', 200],
        ['limit', 50],
        ['returned_lines', ctx.int(0, 50, 'lines')],
      ]),
    ctx =>
      goKitLine('info', ctx.timeMs, 'checkpoint.go:715', 'starting checkpoint'),
    ctx =>
      goKitLine(
        'info',
        ctx.timeMs,
        'table_manager.go:148',
        'uploading tables',
        [['index-store', 'tsdb-2024-04-01']],
      ),
  ],
  warn: [],
  error: [
    ctx =>
      goKitLine('error', ctx.timeMs, 'flush.go:356', 'failed to flush', [
        ['retries', ctx.int(1, 3, 'retries')],
        [
          'err',
          'failed to flush chunks: store put chunk: RequestCanceled: request context canceled, num_chunks: 1, labels: {namespace="team-search"}',
        ],
      ]),
  ],
  down: {
    warn: [
      ctx => {
        const ip = ctx.ip(ctx.downReplica('down'));
        return goKitLine(
          'warn',
          ctx.timeMs,
          'tcp_transport.go:509',
          'WriteTo failed',
          [
            ['component', 'memberlist TCPTransport'],
            ['addr', `${ip}:7946`],
            ['err', `dial tcp ${ip}:7946: i/o timeout`],
          ],
        );
      },
    ],
    error: [
      ctx => {
        const ip = ctx.ip(ctx.downReplica('down'));
        return goKitLine(
          'error',
          ctx.timeMs,
          'frontend_scheduler_worker.go:237',
          'error contacting scheduler',
          [
            [
              'err',
              `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${ip}:9095: connect: connection refused"`,
            ],
            ['addr', `${ip}:9095`],
          ],
        );
      },
      ctx =>
        goKitLine(
          'error',
          ctx.timeMs,
          'retry.go:108',
          'error processing request',
          [
            ['org_id', 'fake'],
            ['try', ctx.int(0, 4, 'try')],
            ['query', teamQuery(ctx)],
            [
              'err',
              'rpc error: code = Unknown desc = too many unhealthy instances in the ring',
            ],
          ],
        ),
    ],
  },
};

/** Grafana Alloy 1.5 (logfmt): component evaluations, tailed pods, failed pushes to Loki. */
export const alloyLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      alloyLine('info', ctx.timeMs, 'finished node evaluation', [
        ['controller_path', '/'],
        ['controller_id', ''],
        ['trace_id', ctx.hex(16, 'trace')],
        [
          'node_id',
          ctx.pick(['loki.write.default', 'discovery.kubernetes.pods'], 'node'),
        ],
        ['duration', ms(ctx, 0.05, 3, 'duration')],
      ]),
    ctx => {
      const service = ctx.pick(ctx.services, 'service');
      return alloyLine('info', ctx.timeMs, 'opened log stream', [
        ['component_path', '/'],
        ['component_id', 'loki.source.kubernetes.pods'],
        [
          'target',
          `${service.namespace}/${service.name}-${ctx.hex(4, 'pod')}:${
            service.name
          }`,
        ],
      ]);
    },
  ],
  warn: [],
  error: [
    ctx =>
      alloyLine('error', ctx.timeMs, 'final error sending batch', [
        ['component_path', '/'],
        ['component_id', 'loki.write.default'],
        ['component', 'client'],
        ['host', 'loki.runtime-monitoring.svc:3100'],
        ['status', 500],
        ['tenant', ''],
        [
          'error',
          'server returned HTTP status 500 Internal Server Error (500): empty ring',
        ],
      ]),
  ],
};

/** Tempo (go-kit logfmt): its ingester's blocks and failed flushes. */
export const tempoLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      goKitLine('info', ctx.timeMs, 'flush.go:253', 'completing block', [
        ['tenant', 'single-tenant'],
        ['blockID', ctx.uuid('block')],
      ]),
    ctx =>
      goKitLine('info', ctx.timeMs, 'flush.go:310', 'flushing block', [
        ['tenant', 'single-tenant'],
        ['block', ctx.uuid('block')],
      ]),
  ],
  warn: [],
  error: [
    ctx =>
      goKitLine(
        'error',
        ctx.timeMs,
        'flush.go:222',
        'error performing op in flushQueue',
        [
          ['op', 1],
          ['block', ctx.uuid('block')],
          ['attempts', ctx.int(1, 4, 'attempts')],
          ['err', 'error writing block: context deadline exceeded'],
        ],
      ),
  ],
};
