import { harborLine, jsonLine, logrusLine } from '../logFormats';
import { ComponentLogCatalog, LineContext } from './lineContext';

const repository = (ctx: LineContext) => {
  const service = ctx.pick(ctx.services, 'service');
  return `${service.namespace.replace(/^team-/, '')}-team/${service.name}`;
};

/** Harbor 2 core: its execution sweeper and failed registry requests. */
export const harborLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      harborLine(
        'info',
        ctx.timeMs,
        '/pkg/task/dao/execution.go:471',
        `scanned out ${ctx.int(
          1,
          40,
          'executions',
        )} executions with outdate status, refresh status to db`,
      ),
  ],
  warn: [],
  error: [
    ctx =>
      harborLine(
        'error',
        ctx.timeMs,
        `/lib/http/error.go:57][requestID="${ctx.uuid('request')}"`,
        `{"errors":[{"code":"UNAUTHORIZED","message":"unauthorized to access repository: ${repository(
          ctx,
        )}, action: pull: unauthorized to access repository: ${repository(
          ctx,
        )}, action: pull"}]}`,
      ),
  ],
};

/** Exceptions GitLab's `exceptions_json.log` records: Gitaly unreachable, a statement timeout. */
const GITLAB_EXCEPTIONS = [
  {
    'exception.class': 'GRPC::Unavailable',
    'exception.message':
      '14:failed to connect to all addresses; last error: UNKNOWN: ipv4:10.43.18.4:8075: Failed to connect to remote host: Connection refused. debug_error_string:{UNKNOWN:Error received from peer}',
  },
  {
    'exception.class': 'ActiveRecord::QueryCanceled',
    'exception.message':
      'PG::QueryCanceled: ERROR:  canceling statement due to statement timeout',
  },
];

/** GitLab 17 (`api_json.log` and `exceptions_json.log` lines): API requests and Gitaly failures. */
export const gitlabLogs: ComponentLogCatalog = {
  info: [
    ctx => {
      const project = encodeURIComponent(repository(ctx));
      return jsonLine(ctx.timeMs, {
        severity: 'INFO',
        duration_s: ctx.int(5, 400, 'duration') / 1000,
        db_duration_s: ctx.int(1, 40, 'db') / 1000,
        status: 200,
        method: 'GET',
        path: `/api/v4/projects/${project}/pipelines`,
        route: '/api/:version/projects/:id/pipelines',
        correlation_id: ctx.ulid('correlation'),
        'meta.caller_id': 'GET /api/:version/projects/:id/pipelines',
      });
    },
  ],
  warn: [],
  error: [
    ctx =>
      jsonLine(ctx.timeMs, {
        severity: 'ERROR',
        correlation_id: ctx.ulid('correlation'),
        ...ctx.pick(GITLAB_EXCEPTIONS, 'exception'),
      }),
  ],
};

/** Argo CD 3 application controller and repo server (logrus text). */
export const argoCdLogs: ComponentLogCatalog = {
  info: [
    ctx => {
      const service = ctx.pick(ctx.services, 'service');
      return logrusLine('info', ctx.timeMs, 'Reconciliation completed', [
        ['application', `${ctx.component.namespace}/${service.name}`],
        ['dest-namespace', service.namespace],
        ['dest-server', 'https://kubernetes.default.svc'],
        ['diff_ms', ctx.int(1, 40, 'diff')],
        ['git_ms', ctx.int(1, 300, 'git')],
        ['health_ms', ctx.int(0, 5, 'health')],
        ['live_ms', ctx.int(0, 5, 'live')],
        ['time_ms', ctx.int(20, 600, 'time')],
      ]);
    },
    ctx => {
      const service = ctx.pick(ctx.services, 'service');
      return logrusLine(
        'info',
        ctx.timeMs,
        'Refreshing app status (normal refresh requested), level (2)',
        [['application', `${ctx.component.namespace}/${service.name}`]],
      );
    },
  ],
  warn: [],
  error: [
    ctx =>
      logrusLine('error', ctx.timeMs, 'finished unary call with code Unknown', [
        [
          'error',
          `rpc error: code = Unknown desc = failed to list refs: authentication required`,
        ],
        ['grpc.code', 'Unknown'],
        ['grpc.method', 'GenerateManifest'],
        ['grpc.service', 'repository.RepoServerService'],
        ['grpc.time_ms', ctx.int(30, 900, 'time')],
        ['span.kind', 'server'],
        ['system', 'grpc'],
      ]),
  ],
};
