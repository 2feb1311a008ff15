import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ArgoEventSource,
  ArgoSensor,
  EVENT_SOURCE_KIND,
  RuntimeClients,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  outputsOf,
  sandboxClients,
  startTestSandbox,
  ActionRunOptions,
  runActionOnce,
} from '../__testUtils__/actionTestKit';
import { createDefaultEventBuses } from './__testUtils__/eventBus';
import { createRuntimeWorkflowAction } from './workflowCreate';

const common = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
};
const argoInput = {
  ...common,
  name: 'reindex-on-upload',
  engine: 'argo-events',
  argoEvents: {
    namespace: 'team-search',
    source: {
      type: 'minio',
      bucket: 'semantic-search-index',
      credentialsSecret: 'minio-events',
    },
    trigger: {
      type: 'http',
      url: 'http://semantic-search.team-search.svc:8080/reindex',
    },
  },
};
const temporalInput = {
  ...common,
  name: 'semantic-search',
  engine: 'temporal',
  temporal: { retentionDays: 7 },
};

describe('runtime:workflow:create', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    await createDefaultEventBuses(clients, ['team-search']);
  });
  afterAll(() => sandbox.close());

  const kubernetes = () => clients.client('dev', 'kubernetes');
  const temporal = () => clients.client('dev', 'temporal');
  const argoObjects = async (name: string) => ({
    source: await kubernetes().get<ArgoEventSource>(
      EVENT_SOURCE_KIND,
      'team-search',
      name,
    ),
    sensor: await kubernetes().get<ArgoSensor>(
      SENSOR_KIND,
      'team-search',
      name,
    ),
  });

  const run = (
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) => runActionOnce(createRuntimeWorkflowAction, clients, input, options);

  describe('argo-events', () => {
    it('dry run has the API server validate both objects and creates nothing', async () => {
      const { ctx, error } = await run(argoInput, { isDryRun: true });
      expect(error).toBeUndefined();
      expect(outputsOf(ctx)).toEqual({
        engine: 'argo-events',
        name: 'reindex-on-upload',
        entityRef:
          'resource:default/dev-workflow-team-search-reindex-on-upload',
      });
      expect(await argoObjects('reindex-on-upload')).toEqual({
        source: undefined,
        sensor: undefined,
      });
    });

    it('applies a labelled EventSource and Sensor wired together', async () => {
      const { error, auditEvent } = await run(argoInput);
      expect(error).toBeUndefined();
      expect(auditEvent.success).toHaveBeenCalled();
      const { source, sensor } = await argoObjects('reindex-on-upload');
      for (const object of [source, sensor]) {
        expect(object?.metadata.labels).toMatchObject({
          'runtime-portal.io/owner': 'search-team',
          'runtime-portal.io/service': 'semantic-search',
        });
      }
      expect(source?.spec.minio).toEqual({
        'reindex-on-upload': expect.objectContaining({
          bucket: { name: 'semantic-search-index' },
          endpoint: new URL(sandbox.urls.s3).host,
          events: ['s3:ObjectCreated:*'],
          accessKey: { name: 'minio-events', key: 'accesskey' },
        }),
      });
      expect(sensor?.spec.dependencies).toEqual([
        {
          name: 'event',
          eventSourceName: 'reindex-on-upload',
          eventName: 'reindex-on-upload',
        },
      ]);
      expect(sensor?.spec.triggers[0].template).toMatchObject({
        name: 'reindex-on-upload',
        http: {
          url: 'http://semantic-search.team-search.svc:8080/reindex',
          method: 'POST',
        },
      });
    });

    it('a second run is a no-op success', async () => {
      const before = await argoObjects('reindex-on-upload');
      const { error } = await run(argoInput);
      expect(error).toBeUndefined();
      const after = await argoObjects('reindex-on-upload');
      expect(after.sensor?.metadata.generation).toBe(
        before.sensor?.metadata.generation,
      );
      expect(after.source?.metadata.generation).toBe(
        before.source?.metadata.generation,
      );
    });

    it('creates a calendar source with a Kubernetes trigger', async () => {
      const { error } = await run({
        ...argoInput,
        name: 'nightly',
        argoEvents: {
          namespace: 'team-search',
          source: { type: 'calendar', schedule: '0 3 * * *' },
          trigger: {
            type: 'k8s',
            resource: {
              apiVersion: 'argoproj.io/v1alpha1',
              kind: 'Workflow',
              metadata: { generateName: 'nightly-' },
            },
          },
        },
      });
      expect(error).toBeUndefined();
      const { source, sensor } = await argoObjects('nightly');
      expect(source?.spec.calendar).toEqual({
        nightly: { schedule: '0 3 * * *' },
      });
      expect(sensor?.spec.triggers[0].template).toMatchObject({
        k8s: { operation: 'create' },
      });
    });

    describe('with a webhook source', () => {
      const webhookInput = {
        ...argoInput,
        name: 'on-upload',
        argoEvents: {
          ...argoInput.argoEvents,
          source: { type: 'webhook', endpoint: '/uploaded', port: 12001 },
        },
      };
      const webhookUrl =
        'http://on-upload-eventsource-svc.team-search.svc:12001/uploaded';

      it('dry run outputs the URL the webhook would have, creating nothing', async () => {
        const { ctx, error } = await run(webhookInput, { isDryRun: true });
        expect(error).toBeUndefined();
        expect(outputsOf(ctx).webhookUrl).toBe(webhookUrl);
        expect((await argoObjects('on-upload')).source).toBeUndefined();
      });

      it("declares the webhook's port as the EventSource's Service and outputs its in-cluster URL", async () => {
        const { ctx, error } = await run(webhookInput);
        expect(error).toBeUndefined();
        expect(outputsOf(ctx)).toEqual({
          engine: 'argo-events',
          name: 'on-upload',
          entityRef: 'resource:default/dev-workflow-team-search-on-upload',
          webhookUrl,
        });
        const { source } = await argoObjects('on-upload');
        expect(source?.spec.service).toEqual({
          ports: [{ port: 12001, targetPort: 12001 }],
        });
        expect(source?.spec.webhook).toEqual({
          'on-upload': { port: '12001', endpoint: '/uploaded', method: 'POST' },
        });
        expect(source?.spec.eventBusName).toBeUndefined();
      });

      it('has no webhook URL for a source that is not a webhook', async () => {
        const { ctx, error } = await run(argoInput, { isDryRun: true });
        expect(error).toBeUndefined();
        expect(outputsOf(ctx)).not.toHaveProperty('webhookUrl');
        expect(
          (await argoObjects('reindex-on-upload')).source?.spec,
        ).not.toHaveProperty('service');
      });
    });

    it('refuses the workflow of another service of the team', async () => {
      const { error } = await run({ ...argoInput, service: 'other-service' });
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toContain("service 'semantic-search'");
    });
  });

  describe('temporal', () => {
    it('dry run registers nothing', async () => {
      const { ctx, error } = await run(temporalInput, { isDryRun: true });
      expect(error).toBeUndefined();
      expect(outputsOf(ctx).entityRef).toBe(
        'resource:default/dev-workflow-temporal-semantic-search',
      );
      expect(await temporal().describeNamespace('semantic-search')).toBe(
        undefined,
      );
    });

    it('registers the namespace with its retention and owner data, and a re-run succeeds', async () => {
      for (let i = 0; i < 2; i++) {
        const { error } = await run(temporalInput);
        expect(error).toBeUndefined();
      }
      expect(
        await temporal().describeNamespace('semantic-search'),
      ).toMatchObject({
        retentionDays: 7,
        data: { owner: 'search-team', service: 'semantic-search' },
      });
    });

    it('refuses the same namespace with another retention', async () => {
      const { error } = await run({
        ...temporalInput,
        temporal: { retentionDays: 30 },
      });
      expect(error?.name).toBe('ConflictError');
      expect(error?.message).toContain('retention is 7 days');
    });
  });

  const invalid = { ...argoInput, name: 'invalid-workflow' };
  it.each([
    [
      'a name that is not a DNS label',
      { ...invalid, name: 'Bad Name' },
      'name:',
    ],
    [
      'argo-events without argoEvents',
      { ...invalid, argoEvents: undefined },
      'argoEvents: is required',
    ],
    [
      'a retention of 0 days',
      {
        ...temporalInput,
        name: 'invalid-workflow',
        temporal: { retentionDays: 0 },
      },
      'temporal.retentionDays: must be at least 1 day',
    ],
    [
      'a schedule that is not cron',
      {
        ...invalid,
        argoEvents: {
          ...argoInput.argoEvents,
          source: { type: 'calendar', schedule: 'every day' },
        },
      },
      'argoEvents.source.schedule: must be a cron expression',
    ],
    [
      'an http trigger without an http URL',
      {
        ...invalid,
        argoEvents: {
          ...argoInput.argoEvents,
          trigger: { type: 'http', url: 'ftp://x' },
        },
      },
      'argoEvents.trigger.url: must be an http(s) URL',
    ],
  ])(
    'rejects %s with an error naming the field, creating nothing',
    async (_, input, message) => {
      const { error } = await run(input);
      expect(error?.name).toBe('InputError');
      expect(error?.message).toContain(message);
      expect((await argoObjects('invalid-workflow')).sensor).toBeUndefined();
      expect(await temporal().describeNamespace('invalid-workflow')).toBe(
        undefined,
      );
    },
  );

  it('refuses a namespace that does not exist: it belongs to no team', async () => {
    const { error } = await run({
      ...invalid,
      argoEvents: { ...argoInput.argoEvents, namespace: 'team-missing' },
    });
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toBe(
      'Not allowed: namespace team-missing in dev belongs to no team, not group:default/search-team',
    );
  });

  it('refuses a user without runtime.workflow.create and creates nothing', async () => {
    const { error } = await run(
      { ...temporalInput, name: 'denied' },
      { result: AuthorizeResult.DENY },
    );
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toContain('runtime.workflow.create');
    expect(await temporal().describeNamespace('denied')).toBe(undefined);
  });
});
