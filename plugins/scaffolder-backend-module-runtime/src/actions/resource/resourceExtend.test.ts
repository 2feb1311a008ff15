import {
  RUNTIME_EXPIRES_AT_ANNOTATION,
  RUNTIME_EXPIRES_AT_METADATA_KEY,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  APISIX_ROUTE_KIND,
  APISIX_TLS_KIND,
  CERTIFICATE_KIND,
  DNS_ENDPOINT_KIND,
  EVENT_SOURCE_KIND,
  KubernetesKind,
  MODEL_KIND,
  RuntimeClients,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  TEST_USERS,
  outputsOf,
  runActionOnce,
  sandboxAdminClients,
} from '../__testUtils__/actionTestKit';
import { createDefaultEventBuses } from '../workflow/__testUtils__/eventBus';
import { createRuntimeBucketAction } from '../bucket/bucketCreate';
import { createRuntimeDatabaseAction } from '../database/databaseCreate';
import { createRuntimeRouteExposeAction } from '../route/routeExpose';
import {
  routeClients,
  startRouteSandbox,
} from '../route/__testUtils__/routeSandbox';
import { createRuntimeInferenceEndpointAction } from '../inferenceEndpoint/inferenceEndpointCreate';
import { createRuntimeSecretAction } from '../secret/secretCreate';
import { createRuntimeWorkflowAction } from '../workflow/workflowCreate';
import { expiryTimestamp } from '../shared';
import { createRuntimeResourceExtendAction } from './resourceExtend';

const HOUR = 3600 * 1000;
/** The faked time: the real one to the second (S3 signatures must stay within the allowed skew). */
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const LATER = new Date(NOW.getTime() + 5 * 60 * 1000);
const FIRST = expiryTimestamp(NOW.getTime() + 7 * 24 * HOUR);
const EXTENDED = expiryTimestamp(LATER.getTime() + 30 * 24 * HOUR);
const common = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
};

/** Fakes only `Date`, so the sandbox's own timers keep running. */
function fakeClock(at: Date) {
  jest.useFakeTimers({
    now: at,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

/** How each type is named in the extend input, and how its recorded expiry is read back. */
type Target = {
  type: string;
  input: Record<string, unknown>;
  recorded(admin: RuntimeClients): Promise<Array<string | undefined>>;
};

const TARGETS: Record<string, Target> = {
  secret: {
    type: 'secret',
    input: { type: 'secret', name: 'extend-db' },
    recorded: async admin => [
      (
        await admin
          .client('dev', 'openbao')
          .readSecretMetadata('semantic-search/extend-db')
      )?.customMetadata[RUNTIME_EXPIRES_AT_METADATA_KEY],
    ],
  },
  bucket: {
    type: 'bucket',
    input: { type: 'bucket', name: 'extend-bucket' },
    recorded: async admin => [
      (await admin.client('dev', 'objectStorage').getTags('extend-bucket'))[
        RUNTIME_EXPIRES_AT_METADATA_KEY
      ],
      (
        await admin
          .client('dev', 'openbao')
          .readSecretMetadata('semantic-search/buckets/extend-bucket')
      )?.customMetadata[RUNTIME_EXPIRES_AT_METADATA_KEY],
    ],
  },
  'inference-endpoint': {
    type: 'inference-endpoint',
    input: {
      type: 'inference-endpoint',
      namespace: 'team-search',
      name: 'extend-model',
    },
    recorded: async admin => [
      (
        await admin
          .client('dev', 'kubernetes')
          .get(MODEL_KIND, 'team-search', 'extend-model')
      )?.metadata.annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION],
    ],
  },
  'argo-events workflow': {
    type: 'workflow',
    input: {
      type: 'workflow',
      engine: 'argo-events',
      namespace: 'team-search',
      name: 'extend-flow',
    },
    recorded: async admin => {
      const k8s = admin.client('dev', 'kubernetes');
      return Promise.all(
        [SENSOR_KIND, EVENT_SOURCE_KIND as KubernetesKind<any>].map(
          async kind =>
            (await k8s.get(kind, 'team-search', 'extend-flow'))?.metadata
              .annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION],
        ),
      );
    },
  },
  'temporal workflow': {
    type: 'workflow',
    input: { type: 'workflow', engine: 'temporal', name: 'extend-namespace' },
    recorded: async admin => [
      (await admin
        .client('dev', 'temporal')
        .describeNamespace('extend-namespace'))!.data[
        RUNTIME_EXPIRES_AT_METADATA_KEY
      ] || undefined,
    ],
  },
  database: {
    type: 'database',
    input: { type: 'database', name: 'extend_db' },
    recorded: async admin => {
      const postgres = admin.client('dev', 'postgres');
      return [
        (await postgres.getDatabase('extend_db'))?.claims?.[
          RUNTIME_EXPIRES_AT_METADATA_KEY
        ],
        (await postgres.getRole('extend_db'))?.claims?.[
          RUNTIME_EXPIRES_AT_METADATA_KEY
        ],
      ];
    },
  },
  route: {
    type: 'route',
    input: { type: 'route', namespace: 'team-search', name: 'extend-route' },
    recorded: async admin => {
      const k8s = admin.client('dev', 'kubernetes');
      return Promise.all(
        [
          APISIX_ROUTE_KIND,
          APISIX_TLS_KIND,
          DNS_ENDPOINT_KIND,
          CERTIFICATE_KIND,
        ].map(
          async (kind: KubernetesKind<any>) =>
            (await k8s.get(kind, 'team-search', 'extend-route'))?.metadata
              .annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION],
        ),
      );
    },
  },
};

describe('runtime:resource:extend', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  let admin: RuntimeClients;

  const run = (
    create: Parameters<typeof runActionOnce>[0],
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) => runActionOnce(create, clients, input, options);
  const extend = (
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) => run(createRuntimeResourceExtendAction, { ...common, ...input }, options);

  beforeAll(async () => {
    // With the network area (the gateway, cert-manager's issuer), so a route can be exposed.
    sandbox = await startRouteSandbox();
    clients = routeClients(sandbox);
    admin = sandboxAdminClients(sandbox);
    await createDefaultEventBuses(clients, ['team-search']);
    fakeClock(NOW);
    const expiresAfter = '7d';
    const created = [
      await run(
        createRuntimeSecretAction,
        {
          ...common,
          name: 'extend-db',
          keys: ['password'],
          namespace: 'team-search',
          expiresAfter,
        },
        { secrets: { password: 'x' } },
      ),
      await run(createRuntimeBucketAction, {
        ...common,
        name: 'extend-bucket',
        namespace: 'team-search',
        expiresAfter,
      }),
      await run(createRuntimeInferenceEndpointAction, {
        ...common,
        namespace: 'team-search',
        name: 'extend-model',
        url: 'hf://BAAI/bge-small-en-v1.5',
        engine: 'Infinity',
        features: ['TextEmbedding'],
        minReplicas: 0,
        expiresAfter,
      }),
      await run(createRuntimeWorkflowAction, {
        ...common,
        name: 'extend-flow',
        engine: 'argo-events',
        argoEvents: {
          namespace: 'team-search',
          source: { type: 'calendar', interval: '1h' },
          trigger: {
            type: 'http',
            url: 'http://semantic-search.team-search.svc:8080/reindex',
          },
        },
        expiresAfter,
      }),
      await run(createRuntimeWorkflowAction, {
        ...common,
        name: 'extend-namespace',
        engine: 'temporal',
        temporal: { retentionDays: 3 },
        expiresAfter,
      }),
      await run(createRuntimeDatabaseAction, {
        ...common,
        name: 'extend_db',
        expiresAfter,
      }),
      await run(createRuntimeRouteExposeAction, {
        ...common,
        namespace: 'team-search',
        name: 'extend-route',
        host: 'extend-api',
        servicePort: 8080,
        expiresAfter,
      }),
    ];
    const failed = created.filter(c => c.error);
    if (failed.length > 0) throw failed[0].error;
    jest.setSystemTime(LATER);
  });
  afterAll(async () => {
    jest.useRealTimers();
    await sandbox.close();
  });

  describe.each(Object.entries(TARGETS))('a %s', (_label, target) => {
    it('dry run reports the new expiry and changes nothing', async () => {
      const before = await sandbox.snapshot();
      const { ctx, error } = await extend(
        { ...target.input, expiresAfter: '30d' },
        { isDryRun: true },
      );
      expect(error).toBeUndefined();
      expect(outputsOf(ctx)).toMatchObject({
        expiresAt: EXTENDED,
        previousExpiresAt: FIRST,
      });
      expect((outputsOf(ctx).changed as string[]).length).toBeGreaterThan(0);
      expect(ctx.logger.info).toHaveBeenCalledWith(
        expect.stringContaining(`Dry run: would set the expiry`),
      );
      expect(await sandbox.snapshot()).toEqual(before);
    });

    it('extends to now + expiresAfter; a re-run changes nothing', async () => {
      const { ctx, error } = await extend({
        ...target.input,
        expiresAfter: '30d',
      });
      expect(error).toBeUndefined();
      expect(outputsOf(ctx)).toMatchObject({
        expiresAt: EXTENDED,
        previousExpiresAt: FIRST,
      });
      const recorded = await target.recorded(admin);
      expect(recorded).toEqual(recorded.map(() => EXTENDED));

      const before = await sandbox.snapshot();
      const again = await extend({ ...target.input, expiresAfter: '30d' });
      expect(again.error).toBeUndefined();
      expect(outputsOf(again.ctx).changed).toEqual([]);
      // Minutes later (a new task, a new now) it is still the same expiry: kept as it is.
      jest.setSystemTime(new Date(LATER.getTime() + 2 * 60 * 1000));
      const later = await extend({ ...target.input, expiresAfter: '30d' });
      jest.setSystemTime(LATER);
      expect(later.error).toBeUndefined();
      expect(outputsOf(later.ctx)).toMatchObject({
        changed: [],
        expiresAt: EXTENDED,
      });
      expect(await sandbox.snapshot()).toEqual(before);
    });

    it('never removes the expiry, keeping the claim', async () => {
      const { ctx, error } = await extend({
        ...target.input,
        expiresAfter: 'never',
      });
      expect(error).toBeUndefined();
      expect(outputsOf(ctx)).not.toHaveProperty('expiresAt');
      expect(outputsOf(ctx).previousExpiresAt).toBe(EXTENDED);
      const recorded = await target.recorded(admin);
      expect(recorded).toEqual(recorded.map(() => undefined));
      // Put it back for the next tests of this type.
      expect(
        (await extend({ ...target.input, expiresAfter: '7d' })).error,
      ).toBeUndefined();
    });

    it("refuses another team's member acting for the owner, with nothing changed", async () => {
      const before = await sandbox.snapshot();
      const { error } = await extend(
        { ...target.input, expiresAfter: '365d' },
        { user: TEST_USERS.assistant },
      );
      expect(error?.name).toBe('NotAllowedError');
      expect(await sandbox.snapshot()).toEqual(before);
    });
  });

  it.each([
    ['bucket', TARGETS.bucket, 'Bucket extend-bucket'],
    ['temporal workflow', TARGETS['temporal workflow'], 'Temporal namespace'],
    ['database', TARGETS.database, 'PostgreSQL database extend_db'],
  ])(
    "refuses another team's claim on a %s typed by its name, with nothing changed",
    async (_label, target, subject) => {
      const before = await sandbox.snapshot();
      const { error } = await extend(
        {
          ...target.input,
          owner: 'group:default/assistant-team',
          service: 'chat-assistant',
          expiresAfter: '365d',
        },
        { user: TEST_USERS.assistant },
      );
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toContain(subject);
      expect(error?.message).toContain("belongs to owner 'search-team'");
      expect(await sandbox.snapshot()).toEqual(before);
    },
  );

  it.each([
    ['route', TARGETS.route, 'ApisixRoute team-search/extend-route'],
    ['database', TARGETS.database, 'PostgreSQL database extend_db'],
  ])(
    'refuses a %s of another service of the same team, with nothing changed',
    async (_label, target, subject) => {
      const before = await sandbox.snapshot();
      const { error } = await extend(
        { ...target.input, service: 'search-indexer', expiresAfter: '365d' },
        {
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'search-indexer', namespace: 'default' },
              spec: {
                type: 'service',
                lifecycle: 'production',
                owner: 'group:default/search-team',
              },
            },
          ],
        },
      );
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toContain(subject);
      expect(error?.message).toContain(
        "belongs to owner 'search-team', service 'semantic-search', not search-team/search-indexer",
      );
      expect(await sandbox.snapshot()).toEqual(before);
    },
  );

  it('answers NotFoundError for a resource that does not exist', async () => {
    const { error } = await extend({
      type: 'secret',
      name: 'missing-db',
      expiresAfter: '7d',
    });
    expect(error?.name).toBe('NotFoundError');
    const model = await extend({
      type: 'inference-endpoint',
      namespace: 'team-search',
      name: 'missing-model',
      expiresAfter: '7d',
    });
    expect(model.error?.name).toBe('NotFoundError');
  });

  it.each([
    [
      'database',
      { type: 'database', name: 'missing_db' },
      'PostgreSQL database missing_db does not exist in dev',
    ],
    [
      'route',
      { type: 'route', namespace: 'team-search', name: 'missing-route' },
      'ApisixRoute team-search/missing-route does not exist in dev',
    ],
  ])(
    'answers NotFoundError for a %s that does not exist, writing nothing',
    async (_label, input, message) => {
      const before = await sandbox.snapshot();
      const { error } = await extend({ ...input, expiresAfter: '7d' });
      expect(error?.name).toBe('NotFoundError');
      expect(error?.message).toBe(message);
      expect(await sandbox.snapshot()).toEqual(before);
    },
  );

  it('keeps the other claims of the database and its role', async () => {
    const postgres = admin.client('dev', 'postgres');
    const claimsOf = async () => [
      (await postgres.getDatabase('extend_db'))?.claims,
      (await postgres.getRole('extend_db'))?.claims,
    ];
    const { error } = await extend({
      ...TARGETS.database.input,
      expiresAfter: '90d',
    });
    expect(error).toBeUndefined();
    const expected = {
      owner: 'search-team',
      service: 'semantic-search',
      [RUNTIME_EXPIRES_AT_METADATA_KEY]: expiryTimestamp(
        LATER.getTime() + 90 * 24 * HOUR,
      ),
    };
    expect(await claimsOf()).toEqual([expected, expected]);
    // Put it back for the other tests.
    expect(
      (await extend({ ...TARGETS.database.input, expiresAfter: '7d' })).error,
    ).toBeUndefined();
  });

  it.each([
    [
      { type: 'inference-endpoint', name: 'x', expiresAfter: '7d' },
      'namespace',
    ],
    [{ type: 'workflow', name: 'x', expiresAfter: '7d' }, 'engine'],
    [
      { type: 'route', name: 'x', expiresAfter: '7d' },
      'namespace: is required for a route',
    ],
    [{ type: 'database', name: 'orders-db', expiresAfter: '7d' }, 'name'],
    [{ type: 'database', name: 'postgres', expiresAfter: '7d' }, 'name'],
    [{ type: 'bucket', name: 'my_bucket', expiresAfter: '7d' }, '"_"'],
    [{ type: 'secret', name: 'x', expiresAfter: '400d' }, '365d'],
    [{ type: 'queue', name: 'x', expiresAfter: '7d' }, 'type'],
  ])('refuses the input %j', async (input, message) => {
    const { error } = await extend(input);
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(message);
  });
});
