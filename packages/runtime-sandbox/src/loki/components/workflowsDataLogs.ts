import {
  gunicornLine,
  jsonLine,
  nginxTimeLocal,
  postgresLine,
  zapJsonLine,
} from '../logFormats';
import { ComponentLogCatalog, LineContext } from './lineContext';

/** Argo Events 1.9 (zap JSON): event sources publishing, sensors triggering. */
export const argoEventsLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      zapJsonLine(
        'info',
        ctx.timeMs,
        'eventsources/eventing.go:614',
        'Succeeded to publish an event',
        {
          logger: 'argo-events.eventsource',
          eventSourceName: 'gitlab',
          eventName: 'push',
          eventSourceType: 'gitlab',
          eventID: ctx.hex(16, 'event'),
        },
        'epoch',
      ),
    ctx =>
      zapJsonLine(
        'info',
        ctx.timeMs,
        'sensors/listener.go:449',
        'Successfully processed trigger',
        {
          logger: 'argo-events.sensor',
          sensorName: ctx.pick(ctx.services, 'service').name,
          triggerName: 'reindex',
          triggerType: 'HTTP',
          triggeredBy: ['push'],
        },
        'epoch',
      ),
  ],
  warn: [],
  error: [
    ctx => {
      const service = ctx.pick(ctx.services, 'service');
      return zapJsonLine(
        'error',
        ctx.timeMs,
        'sensors/listener.go:445',
        'Failed to execute a trigger',
        {
          logger: 'argo-events.sensor',
          sensorName: service.name,
          triggerName: 'reindex',
          error: `failed to execute trigger: timed out waiting for the condition: Post "http://${service.name}.${service.namespace}.svc:8080/reindex": context deadline exceeded`,
        },
        'epoch',
      );
    },
  ],
};

const TEMPORAL_SERVICES = ['history', 'matching', 'frontend'];

/** Temporal 1.26 (zap JSON): shard ownership, slow workflow tasks and persistence failures. */
export const temporalLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      zapJsonLine(
        'info',
        ctx.timeMs,
        'shard/context_impl.go:1196',
        'Range updated for shardID',
        {
          service: 'history',
          'shard-id': ctx.int(1, 512, 'shard'),
          address: `${ctx.ip(ctx.runningReplica('replica'))}:7234`,
          'shard-range-id': ctx.int(2, 90, 'range'),
          'previous-shard-range-id': ctx.int(1, 89, 'previous'),
          number: 0,
          'next-number': 0,
          logging_call_at: 'context_impl.go:1196',
        },
      ),
  ],
  warn: [
    ctx =>
      zapJsonLine(
        'warn',
        ctx.timeMs,
        'workflow/workflow_task_state_machine.go:1107',
        'Critical attempts processing workflow task',
        {
          service: 'history',
          'shard-id': ctx.int(1, 512, 'shard'),
          'wf-namespace': 'default',
          'wf-id': `${ctx.pick(ctx.services, 'service').name}-${ctx.hex(
            4,
            'wf',
          )}`,
          attempt: ctx.int(10, 40, 'attempt'),
          logging_call_at: 'workflow_task_state_machine.go:1107',
        },
      ),
  ],
  error: [
    ctx =>
      zapJsonLine(
        'error',
        ctx.timeMs,
        'persistence/persistence_metric_clients.go:1483',
        'Operation failed with internal error.',
        {
          service: ctx.pick(TEMPORAL_SERVICES, 'service'),
          error: `UpdateWorkflowExecution: failed to update workflow execution. Error: context deadline exceeded`,
          operation: 'UpdateWorkflowExecution',
          logging_call_at: 'persistence_metric_clients.go:1483',
        },
      ),
  ],
};

const DATABASE_TABLES = ['documents', 'conversations', 'jobs'];
const pid = (ctx: LineContext) => ctx.int(200, 9000, 'pid');

/** PostgreSQL 17: checkpoints, client disconnects, constraint violations and failed logins. */
export const postgresqlLogs: ComponentLogCatalog = {
  info: [
    ctx => postgresLine('info', ctx.timeMs, 61, 'checkpoint starting: time'),
    ctx => {
      const buffers = ctx.int(20, 4000, 'buffers');
      return postgresLine(
        'info',
        ctx.timeMs,
        61,
        `checkpoint complete: wrote ${buffers} buffers (${(
          (buffers / 16384) *
          100
        ).toFixed(1)}%); 0 WAL file(s) added, 0 removed, ${ctx.int(
          0,
          3,
          'recycled',
        )} recycled; write=${(ctx.int(1000, 269000, 'write') / 1000).toFixed(
          3,
        )} s, sync=0.004 s, total=${(
          ctx.int(1000, 269000, 'total') / 1000
        ).toFixed(3)} s; sync files=${ctx.int(
          3,
          60,
          'files',
        )}, longest=0.003 s, average=0.001 s; distance=${ctx.int(
          100,
          20000,
          'distance',
        )} kB, estimate=${ctx.int(100, 20000, 'estimate')} kB`,
      );
    },
    ctx =>
      postgresLine(
        'info',
        ctx.timeMs,
        pid(ctx),
        'could not receive data from client: Connection reset by peer',
      ),
  ],
  warn: [
    ctx =>
      postgresLine(
        'warn',
        ctx.timeMs,
        pid(ctx),
        'there is no transaction in progress',
      ),
  ],
  error: [
    ctx => {
      const table = ctx.pick(DATABASE_TABLES, 'table');
      return postgresLine(
        'error',
        ctx.timeMs,
        pid(ctx),
        `duplicate key value violates unique constraint "${table}_pkey"`,
      );
    },
    ctx =>
      postgresLine(
        'error',
        ctx.timeMs,
        pid(ctx),
        'canceling statement due to statement timeout',
      ),
    ctx => {
      const database = ctx
        .pick(ctx.services, 'service')
        .name.replace(/-/g, '_');
      return postgresLine(
        'error',
        ctx.timeMs,
        pid(ctx),
        `password authentication failed for user "${database}"`,
        'FATAL',
      );
    },
  ],
};

/** pgAdmin 8 (gunicorn): its access log and worker failures. */
export const pgadminLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      `::ffff:10.42.0.${ctx.int(2, 250, 'client')} - - [${nginxTimeLocal(
        ctx.timeMs,
      )}] "GET /misc/ping HTTP/1.1" 200 4 "-" "kube-probe/1.31"`,
  ],
  warn: [],
  error: [
    ctx =>
      gunicornLine(
        'error',
        ctx.timeMs,
        `Worker (pid:${ctx.int(
          80,
          400,
          'worker',
        )}) was sent SIGKILL! Perhaps out of memory?`,
      ),
  ],
};

/** MinIO (`--json` logs): drives going offline, quorum failures. */
export const minioLogs: ComponentLogCatalog = {
  info: [],
  warn: [],
  error: [
    ctx => {
      const replica = ctx.int(0, ctx.component.replicas - 1, 'replica');
      const ip = ctx.ip(replica);
      return jsonLine(ctx.timeMs, {
        level: 'ERROR',
        errKind: 'ALL',
        api: { name: 'SYSTEM', args: {} },
        error: {
          message: `Marking http://${ctx.pod(replica)}.minio-svc.${
            ctx.component.namespace
          }.svc.cluster.local:9000/export temporary offline; caused by Post "http://${ip}:9000/minio/storage/export/v61/diskinfo": dial tcp ${ip}:9000: connect: connection refused`,
          source: ['internal/rest/client.go:182:rest.(*Client).MarkOffline()'],
        },
      });
    },
  ],
};
