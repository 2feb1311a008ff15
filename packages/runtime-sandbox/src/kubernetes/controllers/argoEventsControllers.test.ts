import {
  TestKubernetes,
  eventually,
  namespace,
  startTestKubernetes,
} from '../testUtils';

const ARGO = '/apis/argoproj.io/v1alpha1/namespaces/team-a';
const CORE = '/api/v1/namespaces/team-a';
const APPS = '/apis/apps/v1/namespaces/team-a';

const eventBus = (spec: Record<string, unknown>, name = 'default') => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'EventBus',
  metadata: { name, namespace: 'team-a' },
  spec,
});
const JETSTREAM = { jetstream: { version: 'latest', replicas: 1 } };

const webhookSource = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'EventSource',
  metadata: { name: 'uploads', namespace: 'team-a', labels: { team: 'a' } },
  spec: {
    webhook: {
      uploads: { port: '12000', endpoint: '/uploads', method: 'POST' },
    },
    ...extra,
  },
});
const SERVICE = { service: { ports: [{ port: 12000, targetPort: 12000 }] } };

const sensor = (dependencies?: unknown[]) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Sensor',
  metadata: { name: 'on-upload', namespace: 'team-a' },
  spec: {
    dependencies: dependencies ?? [
      { name: 'dep', eventSourceName: 'uploads', eventName: 'uploads' },
    ],
    triggers: [{ template: { name: 'log', log: {} } }],
  },
});

/** `[type, status, reason, message]` of each condition. */
const conditionsOf = (object: any) =>
  (object.status?.conditions ?? []).map((c: any) => [
    c.type,
    c.status,
    c.reason,
    c.message,
  ]);

describe('Argo Events controllers', () => {
  let k8s: TestKubernetes;
  beforeEach(async () => {
    k8s = await startTestKubernetes();
    await k8s.server.insert([namespace('team-a')]);
  });
  afterEach(() => k8s.server.close());

  const get = async (path: string) => (await k8s.call('GET', path)).body;
  /** The object at `path` once `ready` holds for it. */
  const until = (path: string, ready: (object: any) => boolean) =>
    eventually(async () => {
      const object = await get(path);
      return ready(object) ? object : undefined;
    });
  const deployed = (object: any) =>
    (object.status?.conditions ?? []).some(
      (c: any) => c.type === 'Deployed' && c.status === 'True',
    );
  const ownedBy = (items: any[], uid: string) =>
    items.filter(i =>
      (i.metadata.ownerReferences ?? []).some((r: any) => r.uid === uid),
    );

  describe('EventBus', () => {
    it('is Configured at once and Deployed after the delay, with its JetStream Service and StatefulSet', async () => {
      // A delay long enough to see the bus before it is deployed.
      await k8s.server.close();
      k8s = await startTestKubernetes({ readyAfterMs: 300 });
      await k8s.server.insert([namespace('team-a')]);
      const created = await k8s.call('POST', `${ARGO}/eventbus`, {
        body: eventBus(JETSTREAM),
      });
      expect(created.status).toBe(201);
      await k8s.server.controllersIdle();
      expect(conditionsOf(await get(`${ARGO}/eventbus/default`))).toEqual([
        ['Configured', 'True', undefined, undefined],
        ['Deployed', 'Unknown', undefined, undefined],
      ]);
      const bus = await until(`${ARGO}/eventbus/default`, deployed);
      expect(conditionsOf(bus)).toEqual([
        ['Configured', 'True', undefined, undefined],
        ['Deployed', 'True', 'Succeeded', 'JetStream is deployed'],
      ]);
      expect(bus.status.config.jetstream).toEqual({
        url: 'nats://eventbus-default-js-svc.team-a.svc:4222',
        accessSecret: {
          name: 'eventbus-default-js-client-auth',
          key: 'client-auth',
        },
      });
      const service = await get(`${CORE}/services/eventbus-default-js-svc`);
      expect(service.spec).toMatchObject({
        clusterIP: 'None',
        ports: [
          { name: 'tcp-client', port: 4222 },
          { name: 'cluster', port: 6222 },
          { name: 'metrics', port: 7777 },
          { name: 'monitor', port: 8222 },
        ],
        selector: {
          controller: 'eventbus-controller',
          'eventbus-name': 'default',
          'owner-name': 'default',
        },
      });
      const statefulSet = await get(`${APPS}/statefulsets/eventbus-default-js`);
      expect(statefulSet.spec).toMatchObject({
        replicas: 1,
        serviceName: 'eventbus-default-js-svc',
      });
      expect(statefulSet.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'EventBus', uid: bus.metadata.uid }),
      ]);
    });

    it('fails to deploy an unsupported JetStream version, as upstream’s installer does', async () => {
      await k8s.call('POST', `${ARGO}/eventbus`, {
        body: eventBus({ jetstream: { version: '9.9.9' } }),
      });
      const bus = await until(`${ARGO}/eventbus/default`, b =>
        conditionsOf(b).some((c: any) => c[1] === 'False'),
      );
      expect(conditionsOf(bus)).toEqual([
        ['Configured', 'True', undefined, undefined],
        [
          'Deployed',
          'False',
          'JetStreamStatefulSetFailed',
          'failed to get jetstream version, err: unsupported version "9.9.9", supported versions: "latest,2.8.1,2.8.1-alpine,2.8.2,2.8.2-alpine,2.9.1,2.9.12,2.9.16,2.10.29"',
        ],
      ]);
      expect(
        (await k8s.call('GET', `${APPS}/statefulsets/eventbus-default-js`))
          .status,
      ).toBe(404);
    });

    it('skips deployment of an exotic bus and reports its config', async () => {
      const exotic = { url: 'nats://nats.shared.svc:4222' };
      await k8s.call('POST', `${ARGO}/eventbus`, {
        body: eventBus({ jetstreamExotic: exotic }),
      });
      const bus = await until(`${ARGO}/eventbus/default`, deployed);
      expect(conditionsOf(bus)[1]).toEqual([
        'Deployed',
        'True',
        'Skipped',
        'Skip deployment because of using exotic config.',
      ]);
      expect(bus.status.config).toEqual({ jetstream: exotic });
    });

    it('is refused with 422 when ValidateEventBus fails', async () => {
      const { status, body } = await k8s.call('POST', `${ARGO}/eventbus`, {
        body: eventBus({ jetstream: { version: 'latest', replicas: 2 } }),
      });
      expect(status).toBe(422);
      expect(body.message).toBe(
        'EventBus.argoproj.io "default" is invalid: spec.jetstream.replicas: Invalid value: 2: invalid spec: a jetstream eventbus requires 1 replica or >= 3 replicas',
      );
    });
  });

  describe('EventSource and Sensor', () => {
    it('refuses a misspelled field with 422 Invalid naming it (real Argo Events would ignore it)', async () => {
      const body = webhookSource({ servce: SERVICE.service });
      const answer = await k8s.call('POST', `${ARGO}/eventsources`, { body });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({
        reason: 'Invalid',
        message:
          'EventSource.argoproj.io "uploads" is invalid: spec.servce: Forbidden: unknown field "spec.servce"',
        details: {
          causes: [
            {
              reason: 'FieldValueForbidden',
              field: 'spec.servce',
              message: 'Forbidden: unknown field "spec.servce"',
            },
          ],
        },
      });
    });

    it('does not deploy an EventSource without its EventBus, and deploys it once the EventBus is ready', async () => {
      await k8s.call('POST', `${ARGO}/eventsources`, { body: webhookSource() });
      await k8s.server.controllersIdle();
      expect(conditionsOf(await get(`${ARGO}/eventsources/uploads`))).toEqual([
        ['Deployed', 'False', 'EventBusNotFound', 'EventBus not found.'],
        ['SourcesProvided', 'True', undefined, undefined],
      ]);
      expect((await get(`${APPS}/deployments`)).items).toEqual([]);

      await k8s.call('POST', `${ARGO}/eventbus`, { body: eventBus(JETSTREAM) });
      const source = await until(`${ARGO}/eventsources/uploads`, deployed);
      expect(conditionsOf(source)).toEqual([
        ['Deployed', 'True', undefined, undefined],
        ['SourcesProvided', 'True', undefined, undefined],
      ]);
      const [deployment] = ownedBy(
        (await get(`${APPS}/deployments`)).items,
        source.metadata.uid,
      );
      expect(deployment.metadata.name).toMatch(
        /^uploads-eventsource-[a-z0-9]{5}$/,
      );
      expect(deployment.metadata.labels).toEqual({
        team: 'a',
        controller: 'eventsource-controller',
        'eventsource-name': 'uploads',
        'owner-name': 'uploads',
      });
      expect(deployment.spec.selector.matchLabels).toEqual({
        controller: 'eventsource-controller',
        'eventsource-name': 'uploads',
        'owner-name': 'uploads',
      });
      expect(deployment.spec.template.spec.containers[0]).toMatchObject({
        name: 'main',
        image: 'quay.io/argoproj/argo-events:v1.9.11',
        args: ['eventsource-service'],
      });
    });

    it('does not deploy a Sensor without its EventBus, and deploys it once the EventBus is ready', async () => {
      await k8s.call('POST', `${ARGO}/sensors`, { body: sensor() });
      await k8s.server.controllersIdle();
      expect(conditionsOf(await get(`${ARGO}/sensors/on-upload`))).toEqual([
        ['DependenciesProvided', 'Unknown', undefined, undefined],
        ['Deployed', 'False', 'EventBusNotFound', 'EventBus not found.'],
        ['TriggersProvided', 'Unknown', undefined, undefined],
      ]);
      await k8s.call('POST', `${ARGO}/eventbus`, { body: eventBus(JETSTREAM) });
      const deployedSensor = await until(`${ARGO}/sensors/on-upload`, deployed);
      expect(
        conditionsOf(deployedSensor).map((c: any) => c.slice(0, 2)),
      ).toEqual([
        ['DependenciesProvided', 'True'],
        ['Deployed', 'True'],
        ['TriggersProvided', 'True'],
      ]);
      const [deployment] = ownedBy(
        (await get(`${APPS}/deployments`)).items,
        deployedSensor.metadata.uid,
      );
      expect(deployment.metadata.name).toMatch(/^on-upload-sensor-/);
      expect(deployment.spec.template.spec.containers[0].args).toEqual([
        'sensor-service',
      ]);
    });

    it('looks for the EventBus named by spec.eventBusName', async () => {
      await k8s.server.insert([eventBus(JETSTREAM)]);
      await k8s.call('POST', `${ARGO}/eventsources`, {
        body: webhookSource({ eventBusName: 'other' }),
      });
      await k8s.server.controllersIdle();
      expect(
        conditionsOf(await get(`${ARGO}/eventsources/uploads`))[0],
      ).toEqual([
        'Deployed',
        'False',
        'EventBusNotFound',
        'EventBus not found.',
      ]);
    });

    it('reports EventBusNotReady while the EventBus is not ready', async () => {
      await k8s.server.insert([eventBus({ jetstream: { version: '9.9.9' } })]);
      await k8s.call('POST', `${ARGO}/eventsources`, { body: webhookSource() });
      const source = await until(`${ARGO}/eventsources/uploads`, s =>
        conditionsOf(s).some((c: any) => c[2] === 'EventBusNotReady'),
      );
      expect(conditionsOf(source)[0]).toEqual([
        'Deployed',
        'False',
        'EventBusNotReady',
        'EventBus not ready.',
      ]);
    });

    it('goes back to EventBusNotFound when the EventBus is deleted', async () => {
      await k8s.call('POST', `${ARGO}/eventbus`, { body: eventBus(JETSTREAM) });
      await k8s.call('POST', `${ARGO}/eventsources`, { body: webhookSource() });
      await until(`${ARGO}/eventsources/uploads`, deployed);
      await k8s.call('DELETE', `${ARGO}/eventbus/default`);
      await k8s.server.controllersIdle();
      expect(
        conditionsOf(await get(`${ARGO}/eventsources/uploads`))[0],
      ).toEqual([
        'Deployed',
        'False',
        'EventBusNotFound',
        'EventBus not found.',
      ]);
    });

    it('marks the dependencies invalid on a NATS bus when one event backs two dependencies', async () => {
      await k8s.call('POST', `${ARGO}/eventbus`, {
        body: eventBus({ nats: { native: {} } }),
      });
      const dependency = { eventSourceName: 'uploads', eventName: 'uploads' };
      await k8s.call('POST', `${ARGO}/sensors`, {
        body: sensor([
          { name: 'a', ...dependency },
          { name: 'b', ...dependency },
        ]),
      });
      await until(`${ARGO}/eventbus/default`, deployed);
      await k8s.server.controllersIdle();
      expect(conditionsOf(await get(`${ARGO}/sensors/on-upload`))).toEqual([
        [
          'DependenciesProvided',
          'False',
          'InvalidDependencies',
          "event 'uploads' from EventSource 'uploads' is referenced for more than one dependency in this Sensor object",
        ],
        ['Deployed', 'Unknown', undefined, undefined],
        ['TriggersProvided', 'Unknown', undefined, undefined],
      ]);
    });
  });

  describe('the Service of an EventSource', () => {
    beforeEach(async () => {
      await k8s.call('POST', `${ARGO}/eventbus`, { body: eventBus(JETSTREAM) });
      await until(`${ARGO}/eventbus/default`, deployed);
    });

    it('is <name>-eventsource-svc with the ports of spec.service, owned by the EventSource, and goes with it', async () => {
      await k8s.call('POST', `${ARGO}/eventsources`, {
        body: webhookSource(SERVICE),
      });
      const source = await until(`${ARGO}/eventsources/uploads`, deployed);
      const service = await get(`${CORE}/services/uploads-eventsource-svc`);
      expect(service.metadata.labels).toEqual({
        team: 'a',
        controller: 'eventsource-controller',
        'eventsource-name': 'uploads',
        'owner-name': 'uploads',
      });
      expect(service.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'EventSource',
          name: 'uploads',
          uid: source.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(service.spec).toMatchObject({
        type: 'ClusterIP',
        ports: [{ port: 12000, targetPort: 12000 }],
        selector: {
          controller: 'eventsource-controller',
          'eventsource-name': 'uploads',
          'owner-name': 'uploads',
        },
      });

      await k8s.call('DELETE', `${ARGO}/eventsources/uploads`);
      await k8s.server.controllersIdle();
      expect(
        (await k8s.call('GET', `${CORE}/services/uploads-eventsource-svc`))
          .status,
      ).toBe(404);
      expect(
        ownedBy((await get(`${APPS}/deployments`)).items, source.metadata.uid),
      ).toEqual([]);
    });

    it('is not made without spec.service, made when it is added and deleted when it is removed', async () => {
      await k8s.call('POST', `${ARGO}/eventsources`, { body: webhookSource() });
      await until(`${ARGO}/eventsources/uploads`, deployed);
      await k8s.server.controllersIdle();
      const servicesNamed = async () =>
        (await get(`${CORE}/services`)).items.map((s: any) => s.metadata.name);
      expect(await servicesNamed()).toEqual(['eventbus-default-js-svc']);

      const merge = 'application/merge-patch+json';
      await k8s.call('PATCH', `${ARGO}/eventsources/uploads`, {
        body: { spec: SERVICE },
        contentType: merge,
      });
      await eventually(async () =>
        (await servicesNamed()).includes('uploads-eventsource-svc')
          ? true
          : undefined,
      );
      await k8s.call('PATCH', `${ARGO}/eventsources/uploads`, {
        body: { spec: { service: null } },
        contentType: merge,
      });
      await eventually(async () =>
        (await servicesNamed()).includes('uploads-eventsource-svc')
          ? undefined
          : true,
      );
      expect(await servicesNamed()).toEqual(['eventbus-default-js-svc']);
    });
  });
});
