import {
  RUNTIME_EXPIRES_AT_ANNOTATION,
  RUNTIME_EXPIRES_AT_METADATA_KEY,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  EVENT_SOURCE_KIND,
  KubeAIModel,
  MODEL_KIND,
  RuntimeClients,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  outputsOf,
  runActionOnce,
  sandboxAdminClients,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { createDefaultEventBuses } from '../workflow/__testUtils__/eventBus';
import { createRuntimeBucketAction } from '../bucket/bucketCreate';
import { createRuntimeBucketRotateCredentialsAction } from '../bucket/bucketRotateCredentials';
import { createRuntimeInferenceEndpointUpdateAction } from '../inferenceEndpoint/inferenceEndpointUpdate';
import { createRuntimeInferenceEndpointAction } from '../inferenceEndpoint/inferenceEndpointCreate';
import { createRuntimeSecretAction } from '../secret/secretCreate';
import { createRuntimeWorkflowAction } from '../workflow/workflowCreate';
import { RuntimeActionDeps, expiryTimestamp } from '../shared';

const HOUR = 3600 * 1000;
/**
 * The faked time: the real one (to the second), since S3 signatures must stay within the sandbox's
 * allowed clock skew of the real time that Node's HTTP server puts in its `Date` header.
 */
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const IN_7_DAYS = expiryTimestamp(NOW.getTime() + 7 * 24 * HOUR);
const common = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
};

/** Fakes only the clock (`Date`), so the sandbox's own timers keep running. */
function fakeClock(at: Date) {
  jest.useFakeTimers({
    now: at,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

describe('create actions record expiresAfter', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  let admin: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    admin = sandboxAdminClients(sandbox);
    await createDefaultEventBuses(clients, ['team-search']);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => fakeClock(NOW));
  afterEach(() => jest.useRealTimers());

  const run = (
    create: (deps: RuntimeActionDeps) => {
      handler(ctx: any): Promise<void>;
    },
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) => runActionOnce(create, clients, input, options);
  /** Runs `create` again minutes later with a longer expiry: the first one must stay. */
  const rerunLater = (
    create: Parameters<typeof run>[0],
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) => {
    jest.setSystemTime(new Date(NOW.getTime() + 5 * 60 * 1000));
    return run(create, { ...input, expiresAfter: '30d' }, options);
  };
  const metadataOf = async (path: string) =>
    (await admin.client('dev', 'openbao').readSecretMetadata(path))
      ?.customMetadata;

  it('secret: in the metadata with the claim; a re-run keeps it', async () => {
    const input = {
      ...common,
      name: 'expiring-db',
      keys: ['password'],
      namespace: 'team-search',
      expiresAfter: '7d',
    };
    const secrets = { password: 's3cret-value' };
    const dry = await run(createRuntimeSecretAction, input, {
      secrets,
      isDryRun: true,
    });
    expect(dry.error).toBeUndefined();
    expect(dry.said).toContain(`the secret expires at ${IN_7_DAYS}`);
    expect(await metadataOf('semantic-search/expiring-db')).toBeUndefined();

    const first = await run(createRuntimeSecretAction, input, { secrets });
    expect(first.error).toBeUndefined();
    expect(outputsOf(first.ctx).expiresAt).toBe(IN_7_DAYS);
    expect(await metadataOf('semantic-search/expiring-db')).toEqual({
      owner: 'search-team',
      service: 'semantic-search',
      [RUNTIME_EXPIRES_AT_METADATA_KEY]: IN_7_DAYS,
    });

    const again = await rerunLater(createRuntimeSecretAction, input, {
      secrets,
    });
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx).expiresAt).toBe(IN_7_DAYS);
    expect(
      (await metadataOf('semantic-search/expiring-db'))?.[
        RUNTIME_EXPIRES_AT_METADATA_KEY
      ],
    ).toBe(IN_7_DAYS);
  });

  it('secret: without expiresAfter nothing is recorded', async () => {
    const { error, ctx } = await run(
      createRuntimeSecretAction,
      {
        ...common,
        name: 'lasting-db',
        keys: ['password'],
        namespace: 'team-search',
      },
      { secrets: { password: 'x' } },
    );
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).not.toHaveProperty('expiresAt');
    expect(await metadataOf('semantic-search/lasting-db')).toEqual({
      owner: 'search-team',
      service: 'semantic-search',
    });
  });

  it('bucket: a tag, and on its stored keys; a re-run keeps both', async () => {
    const input = {
      ...common,
      name: 'expiring-bucket',
      namespace: 'team-search',
      expiresAfter: '7d',
    };
    const dry = await run(createRuntimeBucketAction, input, { isDryRun: true });
    expect(dry.error).toBeUndefined();
    expect(dry.said).toContain(`the bucket expires at ${IN_7_DAYS}`);

    const first = await run(createRuntimeBucketAction, input);
    expect(first.error).toBeUndefined();
    expect(outputsOf(first.ctx).expiresAt).toBe(IN_7_DAYS);
    const storage = admin.client('dev', 'objectStorage');
    expect(await storage.getTags('expiring-bucket')).toEqual({
      owner: 'search-team',
      service: 'semantic-search',
      [RUNTIME_EXPIRES_AT_METADATA_KEY]: IN_7_DAYS,
    });
    const keys = 'semantic-search/buckets/expiring-bucket';
    expect(await metadataOf(keys)).toMatchObject({
      owner: 'search-team',
      service: 'semantic-search',
      [RUNTIME_EXPIRES_AT_METADATA_KEY]: IN_7_DAYS,
    });

    const again = await rerunLater(createRuntimeBucketAction, input);
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx).expiresAt).toBe(IN_7_DAYS);
    expect(
      (await storage.getTags('expiring-bucket'))[
        RUNTIME_EXPIRES_AT_METADATA_KEY
      ],
    ).toBe(IN_7_DAYS);
    expect((await metadataOf(keys))?.[RUNTIME_EXPIRES_AT_METADATA_KEY]).toBe(
      IN_7_DAYS,
    );

    // New keys keep the expiry of the ones they replace.
    const versionBefore = (
      await admin.client('dev', 'openbao').readSecretMetadata(keys)
    )?.currentVersion;
    const rotated = await run(createRuntimeBucketRotateCredentialsAction, {
      ...common,
      name: 'expiring-bucket',
    });
    expect(rotated.error).toBeUndefined();
    const after = await admin.client('dev', 'openbao').readSecretMetadata(keys);
    expect(after?.currentVersion).toBe(versionBefore! + 1);
    expect(after?.customMetadata[RUNTIME_EXPIRES_AT_METADATA_KEY]).toBe(
      IN_7_DAYS,
    );
  });

  it('inference endpoint: an annotation on the Model; a re-run keeps it', async () => {
    const input = {
      ...common,
      namespace: 'team-search',
      name: 'expiring-model',
      url: 'hf://BAAI/bge-small-en-v1.5',
      engine: 'Infinity',
      features: ['TextEmbedding'],
      minReplicas: 0,
      expiresAfter: '7d',
    };
    const dry = await run(createRuntimeInferenceEndpointAction, input, {
      isDryRun: true,
    });
    expect(dry.said).toContain(`it expires at ${IN_7_DAYS}`);

    const first = await run(createRuntimeInferenceEndpointAction, input);
    expect(first.error).toBeUndefined();
    expect(outputsOf(first.ctx).expiresAt).toBe(IN_7_DAYS);
    const model = () =>
      admin
        .client('dev', 'kubernetes')
        .get<KubeAIModel>(MODEL_KIND, 'team-search', 'expiring-model');
    expect((await model())?.metadata.annotations).toEqual({
      [RUNTIME_EXPIRES_AT_ANNOTATION]: IN_7_DAYS,
    });

    const again = await rerunLater(createRuntimeInferenceEndpointAction, {
      ...input,
      maxReplicas: 2,
    });
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx).expiresAt).toBe(IN_7_DAYS);
    const live = await model();
    expect(live?.spec.maxReplicas).toBe(2);
    expect(live?.metadata.annotations).toEqual({
      [RUNTIME_EXPIRES_AT_ANNOTATION]: IN_7_DAYS,
    });

    // A later change of the Model (server-side apply without the annotation) keeps it.
    const scaled = await run(createRuntimeInferenceEndpointUpdateAction, {
      ...common,
      namespace: 'team-search',
      name: 'expiring-model',
      maxReplicas: 3,
    });
    expect(scaled.error).toBeUndefined();
    const updated = await model();
    expect(updated?.spec.maxReplicas).toBe(3);
    expect(updated?.metadata.annotations).toEqual({
      [RUNTIME_EXPIRES_AT_ANNOTATION]: IN_7_DAYS,
    });
  });

  it('argo-events workflow: on the Sensor and the EventSource; a re-run keeps it', async () => {
    const input = {
      ...common,
      name: 'expiring-flow',
      engine: 'argo-events',
      argoEvents: {
        namespace: 'team-search',
        source: { type: 'calendar', interval: '1h' },
        trigger: {
          type: 'http',
          url: 'http://semantic-search.team-search.svc:8080/reindex',
        },
      },
      expiresAfter: '7d',
    };
    const first = await run(createRuntimeWorkflowAction, input);
    expect(first.error).toBeUndefined();
    expect(outputsOf(first.ctx).expiresAt).toBe(IN_7_DAYS);
    const annotations = async () => {
      const k8s = admin.client('dev', 'kubernetes');
      return [
        (await k8s.get(SENSOR_KIND, 'team-search', 'expiring-flow'))?.metadata
          .annotations,
        (await k8s.get(EVENT_SOURCE_KIND, 'team-search', 'expiring-flow'))
          ?.metadata.annotations,
      ];
    };
    const expected = { [RUNTIME_EXPIRES_AT_ANNOTATION]: IN_7_DAYS };
    expect(await annotations()).toEqual([expected, expected]);

    const again = await rerunLater(createRuntimeWorkflowAction, input);
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx).expiresAt).toBe(IN_7_DAYS);
    expect(await annotations()).toEqual([expected, expected]);
  });

  it('temporal workflow: in the namespace data; a re-run keeps it', async () => {
    const input = {
      ...common,
      name: 'expiring-namespace',
      engine: 'temporal',
      temporal: { retentionDays: 3 },
      expiresAfter: '12h',
    };
    const first = await run(createRuntimeWorkflowAction, input);
    expect(first.error).toBeUndefined();
    const in12h = expiryTimestamp(NOW.getTime() + 12 * HOUR);
    expect(outputsOf(first.ctx).expiresAt).toBe(in12h);
    const data = async () =>
      (
        await admin
          .client('dev', 'temporal')
          .describeNamespace('expiring-namespace')
      )?.data;
    expect(await data()).toEqual({
      owner: 'search-team',
      service: 'semantic-search',
      [RUNTIME_EXPIRES_AT_METADATA_KEY]: in12h,
    });

    const again = await rerunLater(createRuntimeWorkflowAction, input);
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx).expiresAt).toBe(in12h);
    expect((await data())?.[RUNTIME_EXPIRES_AT_METADATA_KEY]).toBe(in12h);
  });

  it.each([
    ['0d', 'must be a duration'],
    ['366d', 'must be between 1h and 365d'],
    ['8761h', 'must be between 1h and 365d'],
    ['never', 'must be a duration'],
    ['1w', 'must be a duration'],
  ])(
    'refuses expiresAfter %s before anything is written',
    async (value, message) => {
      const before = await sandbox.snapshot();
      const { error } = await run(createRuntimeBucketAction, {
        ...common,
        name: 'refused-bucket',
        expiresAfter: value,
      });
      expect(error?.name).toBe('InputError');
      expect(error?.message).toContain(message);
      expect(await sandbox.snapshot()).toEqual(before);
    },
  );
});
