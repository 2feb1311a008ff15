import { KubeConfig, Watch } from '@kubernetes/client-node';
import {
  TEST_TOKEN,
  TestKubernetes,
  model,
  namespace,
  startTestKubernetes,
} from './testUtils';

const MODELS = '/apis/kubeai.org/v1/models';

const count = (n: number) => (events: WatchEvent[]) => events.length >= n;
const sawType = (type: string) => (events: WatchEvent[]) =>
  events.some(e => e.type === type);
/** Drops repeated MODIFIED events (the simulated controllers also write status). */
const collapsed = (events: WatchEvent[]) =>
  events.filter(
    (e, i) => !(e.type === 'MODIFIED' && events[i - 1]?.type === 'MODIFIED'),
  );

interface WatchEvent {
  type: string;
  object: any;
}

/** Opens a raw watch and collects its events until `enough` says so or the stream ends. */
async function collect(
  url: string,
  path: string,
  enough: (events: WatchEvent[]) => boolean,
): Promise<{
  status: number;
  contentType: string | null;
  events: WatchEvent[];
}> {
  const controller = new AbortController();
  const response = await fetch(`${url}${path}`, {
    headers: { authorization: `Bearer ${TEST_TOKEN}` },
    signal: controller.signal,
  });
  const events: WatchEvent[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  const reader = response.body!.getReader();
  try {
    while (!enough(events)) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line) events.push(JSON.parse(line));
      if (events.some(e => e.type === 'ERROR')) break;
    }
  } finally {
    controller.abort();
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
  };
}

describe('watch', () => {
  let k8s: TestKubernetes;

  beforeEach(async () => {
    k8s = await startTestKubernetes({ watch: { bookmarkIntervalMs: 20 } });
    await k8s.server.insert([namespace('team-a'), namespace('team-b')]);
  });

  afterEach(() => k8s.server.close());

  async function listVersion(path = MODELS): Promise<string> {
    const list = await k8s.call('GET', path);
    return list.body.metadata.resourceVersion;
  }

  it('streams the changes after a resourceVersion as newline-delimited events', async () => {
    // A model in another namespace, whose own controller writes may land after the list below: the
    // namespaced watch must not show them.
    await k8s.call('POST', '/apis/kubeai.org/v1/namespaces/team-b/models', {
      body: model('team-b', 'before'),
    });
    const rv = await listVersion();
    const watching = collect(
      k8s.server.url,
      `/apis/kubeai.org/v1/namespaces/team-a/models?watch=true&resourceVersion=${rv}`,
      sawType('DELETED'),
    );
    await k8s.call('POST', '/apis/kubeai.org/v1/namespaces/team-a/models', {
      body: model('team-a', 'llama'),
    });
    await k8s.call(
      'PATCH',
      '/apis/kubeai.org/v1/namespaces/team-a/models/llama',
      {
        body: { spec: { maxReplicas: 3 } },
        contentType: 'application/merge-patch+json',
      },
    );
    const deleted = await k8s.call(
      'DELETE',
      '/apis/kubeai.org/v1/namespaces/team-a/models/llama',
    );
    expect(deleted.status).toBe(200);

    const { status, contentType, events: all } = await watching;
    const events = collapsed(all);
    expect(status).toBe(200);
    expect(contentType).toBe('application/json');
    expect(events.map(e => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events.every(e => e.object.metadata.name === 'llama')).toBe(true);
    expect(events[0].object).toMatchObject({
      apiVersion: 'kubeai.org/v1',
      kind: 'Model',
    });
    const versions = events.map(e => Number(e.object.metadata.resourceVersion));
    expect(versions[0]).toBeGreaterThan(Number(rv));
    expect(versions[1]).toBeGreaterThan(versions[0]);
    expect(versions[2]).toBeGreaterThan(versions[1]);
  });

  it('replays the changes already made after the resourceVersion (watch=1)', async () => {
    const rv = await listVersion();
    await k8s.call('POST', '/apis/kubeai.org/v1/namespaces/team-a/models', {
      body: model('team-a', 'early'),
    });
    const { events } = await collect(
      k8s.server.url,
      `${MODELS}?watch=1&resourceVersion=${rv}`,
      count(1),
    );
    expect(events.slice(0, 1)).toEqual([
      expect.objectContaining({
        type: 'ADDED',
        object: expect.objectContaining({
          metadata: expect.objectContaining({ name: 'early' }),
        }),
      }),
    ]);
  });

  it('starts with every current object as ADDED without a resourceVersion', async () => {
    await k8s.call('POST', '/apis/kubeai.org/v1/namespaces/team-b/models', {
      body: model('team-b', 'b1'),
    });
    const { events } = await collect(
      k8s.server.url,
      `${MODELS}?watch=true`,
      count(1),
    );
    expect(events[0]).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'b1' } },
    });
  });

  it('filters by namespace and label selector; leaving the selector is a DELETED', async () => {
    const rv = await listVersion();
    const watching = collect(
      k8s.server.url,
      `/apis/kubeai.org/v1/namespaces/team-a/models?watch=true&resourceVersion=${rv}&labelSelector=${encodeURIComponent(
        'runtime-portal.io/owner=team-a',
      )}`,
      sawType('DELETED'),
    );
    const owned = { 'runtime-portal.io/owner': 'team-a' };
    await k8s.call('POST', '/apis/kubeai.org/v1/namespaces/team-b/models', {
      body: model('team-b', 'other-namespace', {}, owned),
    });
    await k8s.call('POST', '/apis/kubeai.org/v1/namespaces/team-a/models', {
      body: model('team-a', 'unlabelled'),
    });
    await k8s.call('POST', '/apis/kubeai.org/v1/namespaces/team-a/models', {
      body: model('team-a', 'owned', {}, owned),
    });
    await k8s.call(
      'PATCH',
      '/apis/kubeai.org/v1/namespaces/team-a/models/unlabelled',
      {
        body: { metadata: { labels: owned } },
        contentType: 'application/merge-patch+json',
      },
    );
    await k8s.call(
      'PATCH',
      '/apis/kubeai.org/v1/namespaces/team-a/models/owned',
      {
        body: { metadata: { labels: { 'runtime-portal.io/owner': 'x' } } },
        contentType: 'application/merge-patch+json',
      },
    );
    const { events } = await watching;
    const changes = events.filter(e => e.type !== 'MODIFIED');
    expect(changes.map(e => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'owned'],
      ['ADDED', 'unlabelled'],
      ['DELETED', 'owned'],
    ]);
  });

  it('sends bookmarks with the current resourceVersion when allowed', async () => {
    const rv = await listVersion();
    const { events } = await collect(
      k8s.server.url,
      `${MODELS}?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`,
      count(1),
    );
    expect(events[0]).toEqual({
      type: 'BOOKMARK',
      object: {
        apiVersion: 'kubeai.org/v1',
        kind: 'Model',
        metadata: { resourceVersion: rv },
      },
    });
  });

  it('ends the stream after timeoutSeconds', async () => {
    const rv = await listVersion();
    const { status, events } = await collect(
      k8s.server.url,
      `${MODELS}?watch=true&resourceVersion=${rv}&timeoutSeconds=0`,
      count(1),
    );
    expect(status).toBe(200);
    expect(events).toEqual([]);
  });

  it('answers an ERROR event with a 410 Expired Status for a compacted resourceVersion', async () => {
    const rv = await listVersion();
    await k8s.call('POST', '/apis/kubeai.org/v1/namespaces/team-a/models', {
      body: model('team-a', 'later'),
    });
    k8s.server.compactWatchHistory();
    const { status, events } = await collect(
      k8s.server.url,
      `${MODELS}?watch=true&resourceVersion=${rv}`,
      count(2),
    );
    expect(status).toBe(200);
    expect(events).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({
          kind: 'Status',
          status: 'Failure',
          reason: 'Expired',
          code: 410,
          message: expect.stringMatching(/^too old resource version: /),
        }),
      },
    ]);
  });

  it('requires the bearer token', async () => {
    const response = await k8s.call('GET', `${MODELS}?watch=true`, {
      token: null,
    });
    expect(response.status).toBe(401);
  });

  it('can be consumed by @kubernetes/client-node Watch', async () => {
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser(
      { name: 'sandbox', server: k8s.server.url, skipTLSVerify: true },
      { name: 'portal', token: TEST_TOKEN },
    );
    const rv = await listVersion();
    const seen: string[] = [];
    let resolveSeen: () => void;
    const gotOne = new Promise<void>(resolve => {
      resolveSeen = resolve;
    });
    const controller = await new Watch(kc).watch(
      MODELS,
      { resourceVersion: rv },
      (type, object) => {
        seen.push(`${type} ${object.metadata.name}`);
        resolveSeen();
      },
      () => {},
    );
    await k8s.call('POST', '/apis/kubeai.org/v1/namespaces/team-a/models', {
      body: model('team-a', 'via-client'),
    });
    await gotOne;
    controller.abort();
    expect(seen[0]).toBe('ADDED via-client');
  });
});

describe('closeWatches', () => {
  it('ends open watch streams', async () => {
    const k8s = await startTestKubernetes();
    try {
      const list = await k8s.call('GET', MODELS);
      const watching = collect(
        k8s.server.url,
        `${MODELS}?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`,
        () => false,
      );
      await new Promise(resolve => setTimeout(resolve, 50));
      k8s.server.closeWatches();
      await expect(watching).resolves.toMatchObject({ events: [] });
    } finally {
      await k8s.server.close();
    }
  });
});
