import {
  ArgoEventBus,
  ArgoEventSource,
  ArgoSensor,
  EVENT_BUS_KIND,
  EVENT_SOURCE_KIND,
  KubernetesClient,
  RuntimeClients,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  outputsOf,
  runActionOnce,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { createRuntimeWorkflowAction } from './workflowCreate';
import { WorkflowEventBusPolicy } from './workflowEventBusPolicy';

/** A webhook workflow in team-search, which (in the test seed) has no EventBus. */
const input = (name: string, argoEvents: Record<string, unknown> = {}) => ({
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
  name,
  engine: 'argo-events',
  argoEvents: {
    namespace: 'team-search',
    source: { type: 'webhook' },
    trigger: {
      type: 'http',
      url: 'http://semantic-search.team-search.svc:8080/run',
    },
    ...argoEvents,
  },
});

const CREATE: WorkflowEventBusPolicy = {
  createDefault: true,
  jetStreamVersion: '2.10.29',
};

describe('runtime:workflow:create and the namespace EventBus', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  const kubernetes = () => clients.client('dev', 'kubernetes');

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    // The namespace starts without an EventBus, whatever the seed gives team namespaces.
    await kubernetes().delete(EVENT_BUS_KIND, 'team-search', 'default', {
      ignoreNotFound: true,
    });
  });
  afterAll(() => sandbox.close());
  afterEach(() => jest.restoreAllMocks());

  const live = async (name: string, bus = 'default') => ({
    eventBus: await kubernetes().get<ArgoEventBus>(
      EVENT_BUS_KIND,
      'team-search',
      bus,
    ),
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
  const nothing = { eventBus: undefined, source: undefined, sensor: undefined };
  const run = (
    runInput: Record<string, unknown>,
    eventBus?: WorkflowEventBusPolicy,
    options: ActionRunOptions = {},
  ) =>
    runActionOnce(
      deps => createRuntimeWorkflowAction({ ...deps, eventBus }),
      clients,
      runInput,
      options,
    );
  /** Makes every create of a Sensor fail, as an API server that refuses it would. */
  const failSensorCreates = () => {
    const create = KubernetesClient.prototype.create;
    jest
      .spyOn(KubernetesClient.prototype, 'create')
      .mockImplementation(function fail(this: KubernetesClient, object, opts) {
        if (object.kind === 'Sensor') {
          return Promise.reject(new Error('the API server is unavailable'));
        }
        return create.call(this, object, opts) as Promise<any>;
      });
  };

  it('refuses a namespace without an EventBus, saying how to get one, and writes nothing', async () => {
    const { error, auditEvent } = await run(input('no-bus'));
    expect(error?.name).toBe('InputError');
    expect(error?.message).toBe(
      "Invalid input: argoEvents.namespace: namespace team-search in dev has no Argo Events EventBus 'default', without which Argo Events runs neither the EventSource nor the Sensor; ask the platform team to create the EventBus 'default' in team-search, or to set runtime.workflows.createDefaultEventBus: true so that the portal creates one",
    );
    expect(auditEvent.fail).toHaveBeenCalled();
    expect(await live('no-bus')).toEqual(nothing);
  });

  it('refuses a named EventBus that is missing, even when it may create the default one', async () => {
    const { error } = await run(
      input('other-bus', { eventBusName: 'fast' }),
      CREATE,
    );
    expect(error?.name).toBe('InputError');
    expect(error?.message).toContain(
      "argoEvents.eventBusName: namespace team-search in dev has no Argo Events EventBus 'fast'",
    );
    expect(await live('other-bus')).toEqual(nothing);
  });

  it('dry run reports the EventBus it would create, and creates nothing', async () => {
    const { ctx, error } = await run(input('dry-bus'), CREATE, {
      isDryRun: true,
    });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx).webhookUrl).toBe(
      'http://dry-bus-eventsource-svc.team-search.svc:12000/dry-bus',
    );
    expect(JSON.stringify(ctx.logger.info.mock.calls)).toContain(
      'Dry run: the API server accepted EventSource and Sensor team-search/dry-bus (webhook → http), with a new JetStream EventBus team-search/default; nothing was created',
    );
    expect(await live('dry-bus')).toEqual(nothing);
  });

  it('deletes the EventBus and EventSource it created when the Sensor cannot be written', async () => {
    failSensorCreates();
    const { error, ctx } = await run(input('half-made'), CREATE);
    expect(error?.message).toBe('the API server is unavailable');
    expect(await live('half-made')).toEqual(nothing);
    expect(JSON.stringify(ctx.logger.warn.mock.calls)).toContain(
      'Deleting EventBus team-search/default, created by this run, after the failure',
    );
  });

  it('creates a JetStream EventBus default when configured to, then the workflow on it', async () => {
    const { error, ctx } = await run(input('with-bus'), CREATE);
    expect(error).toBeUndefined();
    const { eventBus, source, sensor } = await live('with-bus');
    expect(eventBus?.spec).toEqual({ jetstream: { version: '2.10.29' } });
    expect(eventBus?.metadata.labels).toEqual({
      'runtime-portal.io/owner': 'search-team',
      'app.kubernetes.io/managed-by': 'runtime-portal',
    });
    expect(source?.spec.service?.ports).toEqual([
      { port: 12000, targetPort: 12000 },
    ]);
    expect(sensor).toBeDefined();
    expect(JSON.stringify(ctx.logger.info.mock.calls)).toContain(
      'Created EventBus team-search/default',
    );
  });

  it('uses the existing EventBus without the configuration, and keeps what existed when a later write fails', async () => {
    // The EventBus the previous test created is there now.
    const { error } = await run(input('on-existing-bus'));
    expect(error).toBeUndefined();
    const before = await live('on-existing-bus');

    // A second workflow whose Sensor fails: its own new EventSource goes, the EventBus stays.
    failSensorCreates();
    const failed = await run(input('second'), CREATE);
    expect(failed.error?.message).toBe('the API server is unavailable');
    expect(await live('second')).toEqual({
      ...nothing,
      eventBus: expect.objectContaining({ spec: before.eventBus?.spec }),
    });
    expect((await live('on-existing-bus')).eventBus?.metadata.uid).toBe(
      before.eventBus?.metadata.uid,
    );
  });

  it('names a non-default EventBus in both objects', async () => {
    await kubernetes().create<ArgoEventBus>({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'EventBus',
      metadata: { name: 'fast', namespace: 'team-search' },
      spec: { jetstream: { version: '2.10.29' } },
    });
    const { error } = await run(input('fast-flow', { eventBusName: 'fast' }));
    expect(error).toBeUndefined();
    const { source, sensor } = await live('fast-flow', 'fast');
    expect(source?.spec.eventBusName).toBe('fast');
    expect(sensor?.spec.eventBusName).toBe('fast');
  });
});
