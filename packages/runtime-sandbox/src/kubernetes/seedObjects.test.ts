import { loadSeed } from '../seed';
import { seedObjects } from './seedObjects';
import { startTestKubernetes } from './testUtils';

describe('seedObjects', () => {
  const seeded = seedObjects(loadSeed());
  const objects = seeded.map(s => s.object);
  const ofKind = (kind: string) => objects.filter(o => o.kind === kind);
  const find = (kind: string, name: string) =>
    objects.find(o => o.kind === kind && o.metadata?.name === name)!;

  it('creates one Namespace per component namespace and team, before anything else', () => {
    const namespaces = ofKind('Namespace').map(n => n.metadata!.name);
    expect(namespaces).toEqual(
      expect.arrayContaining([
        'runtime-inference',
        'runtime-data',
        'team-search',
        'team-assistant',
        'team-media',
      ]),
    );
    expect(new Set(namespaces).size).toBe(namespaces.length);
    const firstOther = objects.findIndex(o => o.kind !== 'Namespace');
    expect(objects.slice(firstOther).some(o => o.kind === 'Namespace')).toBe(
      false,
    );
  });

  it('installs each component as its workload kind with the standard labels and a Service, created by Helm', () => {
    const keycloak = find('StatefulSet', 'keycloak');
    expect(keycloak.metadata).toMatchObject({
      namespace: 'runtime-access',
      labels: {
        'app.kubernetes.io/name': 'keycloak',
        'app.kubernetes.io/instance': 'keycloak',
        'app.kubernetes.io/version': '26.0.7',
        'app.kubernetes.io/component': 'access-security',
        'app.kubernetes.io/part-of': 'runtime',
        'app.kubernetes.io/managed-by': 'Helm',
      },
    });
    expect(keycloak.spec.replicas).toBe(2);
    const kubeai = find('Deployment', 'kubeai');
    expect(kubeai.spec.template.metadata.labels).toMatchObject(
      kubeai.spec.selector.matchLabels,
    );
    expect(find('Service', 'kubeai').spec.ports[0]).toMatchObject({
      port: 80,
      targetPort: 8000,
    });
    expect(seeded.find(s => s.object === keycloak)).toMatchObject({
      manager: 'helm',
      operation: 'create',
    });
  });

  it('turns inference endpoints into Models labelled with owner and service, applied by the portal', () => {
    const embeddings = find('Model', 'bge-small-embeddings');
    expect(embeddings).toMatchObject({
      apiVersion: 'kubeai.org/v1',
      metadata: {
        namespace: 'team-search',
        labels: {
          'runtime-portal.io/owner': 'search-team',
          'runtime-portal.io/service': 'semantic-search',
        },
      },
      spec: {
        url: 'hf://BAAI/bge-small-en-v1.5',
        engine: 'Infinity',
        features: ['TextEmbedding'],
        minReplicas: 1,
        maxReplicas: 3,
      },
    });
    expect(seeded.find(s => s.object === embeddings)).toMatchObject({
      manager: 'runtime-portal',
      operation: 'apply',
    });
  });

  it('builds Argo Events spec keys from each source and trigger type', () => {
    expect(find('EventSource', 'transcribe-on-upload').spec).toEqual({
      service: { ports: [{ port: 12000, targetPort: 12000 }] },
      webhook: {
        'transcribe-on-upload': {
          port: '12000',
          endpoint: '/recordings',
          method: 'POST',
        },
      },
    });
    expect(find('EventSource', 'nightly-evaluation').spec).toEqual({
      calendar: { 'nightly-evaluation': { schedule: '0 2 * * *' } },
    });
    expect(
      find('EventSource', 'reindex-on-upload').spec.minio['reindex-on-upload'],
    ).toMatchObject({
      bucket: { name: 'semantic-search-index' },
      events: ['s3:ObjectCreated:*'],
    });
    const sensor = find('Sensor', 'nightly-evaluation');
    expect(sensor.metadata!.labels).toEqual({
      'runtime-portal.io/owner': 'assistant-team',
      'runtime-portal.io/service': 'support-assistant',
    });
    expect(sensor.spec.dependencies).toEqual([
      {
        name: 'nightly-evaluation-dep',
        eventSourceName: 'nightly-evaluation',
        eventName: 'nightly-evaluation',
      },
    ]);
    expect(sensor.spec.triggers[0].template.k8s).toMatchObject({
      operation: 'create',
      source: { resource: { apiVersion: 'batch/v1', kind: 'Job' } },
    });
    expect(
      find('Sensor', 'reindex-on-upload').spec.triggers[0].template.http,
    ).toMatchObject({
      url: 'http://semantic-search.team-search.svc:8080/reindex',
      method: 'POST',
    });
  });

  it('gives each team namespace with Argo Events workflows a default JetStream EventBus, created by Helm, before its workflows', () => {
    const buses = ofKind('EventBus');
    expect(buses.map(b => b.metadata!.namespace).sort()).toEqual([
      'team-assistant',
      'team-media',
      'team-search',
    ]);
    for (const bus of buses) {
      expect(bus.metadata!.name).toBe('default');
      expect(bus.spec).toEqual({ jetstream: { version: 'latest' } });
      expect(seeded.find(s => s.object === bus)).toMatchObject({
        manager: 'helm',
        operation: 'create',
      });
    }
    const lastBus = Math.max(
      ...objects.map((o, i) => (o.kind === 'EventBus' ? i : -1)),
    );
    const firstEventSource = objects.findIndex(o => o.kind === 'EventSource');
    expect(lastBus).toBeLessThan(firstEventSource);
  });

  it('leaves out Temporal workflows (they are not Kubernetes objects)', () => {
    expect(
      objects.some(
        o => o.metadata?.name === 'semantic-search' && o.kind !== 'Deployment',
      ),
    ).toBe(false);
  });
});

describe('a server started from the default seed', () => {
  it('is ready when it starts: workloads, Models and Argo Events objects report ready status', async () => {
    // The default start-up delay (3 s) applies to new objects; the seeded Runtime starts ready.
    const { server, call } = await startTestKubernetes({
      seed: loadSeed(),
      readyAfterMs: 3000,
    });
    try {
      const keycloak = await call(
        'GET',
        '/apis/apps/v1/namespaces/runtime-access/statefulsets/keycloak',
      );
      expect(keycloak.body.status).toMatchObject({
        replicas: 2,
        readyReplicas: 2,
      });
      const pods = await call(
        'GET',
        `/api/v1/namespaces/runtime-access/pods?labelSelector=${encodeURIComponent(
          'app.kubernetes.io/name=keycloak',
        )}`,
      );
      expect(
        pods.body.items.map((p: any) => [p.metadata.name, p.status.phase]),
      ).toEqual([
        ['keycloak-0', 'Running'],
        ['keycloak-1', 'Running'],
      ]);
      const models = await call(
        'GET',
        `/apis/kubeai.org/v1/models?labelSelector=${encodeURIComponent(
          'runtime-portal.io/owner=assistant-team',
        )}`,
      );
      expect(
        models.body.items.map((m: any) => [m.metadata.name, m.status.replicas]),
      ).toEqual([
        ['llama-3-1-8b-instruct', { all: 1, ready: 1 }],
        ['qwen2-5-7b-instruct', { all: 0, ready: 0 }],
      ]);
      for (const plural of ['eventsources', 'sensors']) {
        const list = await call('GET', `/apis/argoproj.io/v1alpha1/${plural}`);
        expect(list.body.items.length).toBeGreaterThan(0);
        for (const item of list.body.items) {
          expect(item.status.conditions).toContainEqual(
            expect.objectContaining({ type: 'Deployed', status: 'True' }),
          );
        }
      }
      const buses = await call('GET', '/apis/argoproj.io/v1alpha1/eventbus');
      for (const bus of buses.body.items) {
        expect(bus.status.conditions.map((c: any) => c.status)).toEqual([
          'True',
          'True',
        ]);
      }
      const webhookService = await call(
        'GET',
        '/api/v1/namespaces/team-media/services/transcribe-on-upload-eventsource-svc',
      );
      expect(webhookService.body.spec.ports).toMatchObject([
        { port: 12000, targetPort: 12000 },
      ]);
    } finally {
      await server.close();
    }
  });
});
