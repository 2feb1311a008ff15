import {
  DEFAULT_SANDBOX_CREDENTIALS,
  EMPTY_SEED,
  RunningKubernetesServer,
  startKubernetesServer,
} from '@runtime-portal/runtime-sandbox';
import { RuntimeUpstreamError } from '../errors';
import { KubernetesClient } from './KubernetesClient';
import { MODEL_KIND, NAMESPACE_KIND } from './kinds';
import { KubeAIModel, KubernetesWatchEvent } from './types';

const TOKEN = DEFAULT_SANDBOX_CREDENTIALS.kubernetesToken;

function clientFor(url: string, token = TOKEN) {
  return new KubernetesClient({
    environment: 'dev',
    access: {
      url,
      authProvider: 'serviceAccount',
      serviceAccountToken: token,
      skipTLSVerify: true,
      timeoutMs: 5000,
    },
  });
}

function model(namespace: string, name: string): KubeAIModel {
  return {
    apiVersion: 'kubeai.org/v1',
    kind: 'Model',
    metadata: { name, namespace },
    spec: {
      url: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
      engine: 'VLLM',
      features: ['TextGeneration'],
      minReplicas: 0,
      maxReplicas: 1,
    },
  };
}

async function until(check: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

describe('KubernetesClient.watch', () => {
  let server: RunningKubernetesServer;
  let client: KubernetesClient;

  beforeEach(async () => {
    server = await startKubernetesServer({
      port: 0,
      seed: EMPTY_SEED,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      readyAfterMs: 20,
    });
    client = clientFor(server.url);
    await client.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a' },
    });
  });

  afterEach(() => server.close());

  it('delivers the changes after a list, until aborted', async () => {
    const { resourceVersion } = await client.list(MODEL_KIND);
    const events: KubernetesWatchEvent<KubeAIModel>[] = [];
    const controller = new AbortController();
    let opened = false;
    const watching = client.watch(MODEL_KIND, {
      resourceVersion,
      signal: controller.signal,
      onOpen: () => {
        opened = true;
      },
      onEvent: event => events.push(event),
    });
    await until(() => opened);
    await client.create(model('team-a', 'llama'));
    await client.delete(MODEL_KIND, 'team-a', 'llama');
    await until(() => events.some(e => e.type === 'DELETED'));
    controller.abort();
    await expect(watching).resolves.toBeUndefined();

    expect(events[0]).toMatchObject({
      type: 'ADDED',
      object: { kind: 'Model', metadata: { name: 'llama' } },
    });
    expect(events[events.length - 1].type).toBe('DELETED');
  });

  it('filters by namespace and label selector', async () => {
    await client.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-b' },
    });
    const { resourceVersion } = await client.list(MODEL_KIND);
    const names: string[] = [];
    const controller = new AbortController();
    const watching = client.watch(MODEL_KIND, {
      namespace: 'team-a',
      labelSelector: 'runtime-portal.io/owner=team-a',
      resourceVersion,
      signal: controller.signal,
      onEvent: e => names.push(`${e.type} ${e.object.metadata.name}`),
    });
    const owned = { 'runtime-portal.io/owner': 'team-a' };
    const labelled = (ns: string, name: string) => {
      const m = model(ns, name);
      m.metadata.labels = owned;
      return m;
    };
    await client.create(labelled('team-b', 'elsewhere'));
    await client.create(model('team-a', 'unowned'));
    await client.create(labelled('team-a', 'owned'));
    await until(() => names.length > 0);
    controller.abort();
    await watching;
    expect(names[0]).toBe('ADDED owned');
    expect(names.every(n => n.endsWith(' owned'))).toBe(true);
  });

  it('fails with Expired (410) for a resourceVersion older than the history', async () => {
    const { resourceVersion } = await client.list(MODEL_KIND);
    await client.create(model('team-a', 'later'));
    server.compactWatchHistory();
    const error = await client
      .watch(MODEL_KIND, { resourceVersion, onEvent: () => {} })
      .catch(e => e);
    expect(error).toBeInstanceOf(RuntimeUpstreamError);
    expect(error).toMatchObject({
      upstream: 'kubernetes',
      environment: 'dev',
      reason: 'Expired',
      status: 410,
    });
  });

  it('fails with Unauthorized for a wrong token, without the token in the message', async () => {
    const error = await clientFor(server.url, 'wrong-token')
      .watch(NAMESPACE_KIND, { resourceVersion: '0', onEvent: () => {} })
      .catch(e => e);
    expect(error).toMatchObject({ reason: 'Unauthorized', status: 401 });
    expect(error.message).not.toContain('wrong-token');
  });

  it('resolves when the server ends the watch', async () => {
    const { resourceVersion } = await client.list(MODEL_KIND);
    await expect(
      client.watch(MODEL_KIND, {
        resourceVersion,
        timeoutSeconds: 0,
        onEvent: () => {},
      }),
    ).resolves.toBeUndefined();
  });

  it('fails with Timeout when the stream stays silent past the idle timeout', async () => {
    const { resourceVersion } = await client.list(MODEL_KIND);
    const error = await client
      .watch(MODEL_KIND, {
        resourceVersion,
        idleTimeoutMs: 100,
        onEvent: () => {},
      })
      .catch(e => e);
    expect(error).toMatchObject({ reason: 'Timeout' });
  });

  it('answers Unavailable when nothing listens', async () => {
    const url = server.url;
    await server.close();
    const error = await clientFor(url)
      .watch(MODEL_KIND, { resourceVersion: '1', onEvent: () => {} })
      .catch(e => e);
    expect(error).toMatchObject({ reason: 'Unavailable' });
    server = await startKubernetesServer({
      port: 0,
      seed: EMPTY_SEED,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
  });
});
