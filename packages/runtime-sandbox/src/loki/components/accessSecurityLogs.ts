import { hclogLine, quarkusLine, zapJsonLine } from '../logFormats';
import { ComponentLogCatalog, LineContext } from './lineContext';

const executorThread = (ctx: LineContext) =>
  `executor-thread-${ctx.int(1, 24, 'thread')}`;

/** Keycloak 26 (Quarkus console format): Infinispan cluster views, Vert.x warnings, uncaught errors. */
export const keycloakLogs: ComponentLogCatalog = {
  info: [
    ctx => {
      const members = Array.from(
        { length: ctx.component.replicas },
        (_, i) => `${ctx.pod(i)}-${ctx.int(10000, 99999, `member-${i}`)}`,
      );
      return quarkusLine(
        'info',
        ctx.timeMs,
        'org.infinispan.CLUSTER',
        `jgroups-${ctx.int(4, 12, 'jgroups')},${members[0]}`,
        `ISPN000094: Received new cluster view for channel ISPN: [${
          members[0]
        }|${ctx.int(2, 40, 'view')}] (${members.length}) [${members.join(
          ', ',
        )}]`,
      );
    },
    ctx =>
      quarkusLine(
        'info',
        ctx.timeMs,
        'org.keycloak.services',
        executorThread(ctx),
        `KC-SERVICES0050: Initializing ${ctx.pick(
          ['runtime', 'master'],
          'realm',
        )} realm`,
      ),
  ],
  warn: [
    ctx =>
      quarkusLine(
        'warn',
        ctx.timeMs,
        'io.vertx.core.impl.BlockedThreadChecker',
        'vertx-blocked-thread-checker',
        `Thread Thread[vert.x-eventloop-thread-${ctx.int(
          0,
          3,
          'loop',
        )},5,main] has been blocked for ${ctx.int(
          2001,
          4800,
          'blocked',
        )} ms, time limit is 2000 ms`,
      ),
  ],
  error: [
    ctx =>
      quarkusLine(
        'error',
        ctx.timeMs,
        'org.keycloak.services.error.KeycloakErrorHandler',
        executorThread(ctx),
        `Uncaught server error: ${ctx.pick(
          [
            'org.keycloak.models.ModelException: Database operation failed',
            'java.lang.IllegalStateException: Session/EntityManager is closed',
            'org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection',
          ],
          'error',
        )}`,
      ),
  ],
};

/** OpenFGA 1.8 (zap JSON): a line per gRPC call, errors for failed ones. */
export const openfgaLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      zapJsonLine(
        'info',
        ctx.timeMs,
        'logging/logging.go:74',
        'grpc_req_complete',
        {
          grpc_service: 'openfga.v1.OpenFGAService',
          grpc_method: ctx.pick(['Check', 'ListObjects', 'Read'], 'method'),
          grpc_type: 'unary',
          request_id: ctx.hex(16, 'request'),
          store_id: ctx.ulid('store'),
          authorization_model_id: ctx.ulid('model'),
          'peer.address': `10.42.0.${ctx.int(2, 250, 'peer')}:${ctx.int(
            30000,
            60000,
            'port',
          )}`,
          datastore_query_count: ctx.int(1, 6, 'queries'),
          dispatch_count: ctx.int(0, 4, 'dispatch'),
          grpc_code: 0,
        },
      ),
  ],
  warn: [],
  error: [
    ctx =>
      zapJsonLine(
        'error',
        ctx.timeMs,
        'logging/logging.go:82',
        'grpc_req_complete',
        {
          grpc_service: 'openfga.v1.OpenFGAService',
          grpc_method: ctx.pick(['Check', 'Write'], 'method'),
          grpc_type: 'unary',
          request_id: ctx.hex(16, 'request'),
          store_id: ctx.ulid('store'),
          grpc_code: 4000,
          error: 'rpc error: code = Code(4000) desc = Internal Server Error',
          raw_error: ctx.pick(
            [
              'failed to connect to `user=openfga database=openfga`: 10.43.12.7:5432 (postgresql.runtime-data.svc): dial error: timeout: context deadline exceeded',
              'context deadline exceeded',
            ],
            'raw',
          ),
        },
      ),
  ],
};

/** OpenBao 2 (hclog): mounts and leases, Raft elections, failed logins and forwarded requests. */
export const openbaoLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      hclogLine('info', ctx.timeMs, 'expiration', 'revoked lease', [
        [
          'lease_id',
          `auth/kubernetes/login/${ctx.hex(12, 'lease').slice(0, 24)}`,
        ],
      ]),
    ctx => {
      const service = ctx.pick(ctx.services, 'service');
      return hclogLine('info', ctx.timeMs, 'core', 'successful mount', [
        ['namespace', '""'],
        ['path', `${service.namespace}/`],
        ['type', 'kv-v2'],
      ]);
    },
  ],
  warn: [
    ctx =>
      hclogLine(
        'warn',
        ctx.timeMs,
        'storage.raft',
        'heartbeat timeout reached, starting election',
        [
          ['last-leader-addr', `${ctx.pod(0)}.openbao-internal:8201`],
          ['last-leader-id', ctx.pod(0)],
        ],
      ),
  ],
  error: [
    ctx =>
      hclogLine(
        'error',
        ctx.timeMs,
        `auth.kubernetes.auth_kubernetes_${ctx.hex(4, 'mount')}`,
        'login unauthorized',
        [
          [
            'err',
            '"lookup failed: service account unauthorized; this could mean it has been deleted or recreated with a new token"',
          ],
        ],
      ),
    ctx =>
      hclogLine(
        'error',
        ctx.timeMs,
        'core',
        'error during forwarded RPC request',
        [['error', '"rpc error: code = Canceled desc = context canceled"']],
      ),
  ],
};
