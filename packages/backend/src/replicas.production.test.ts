import {
  Sandbox,
  sandboxEnvironmentConfig,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';
import { BackendProcess } from './testing/startBackendProcess';
import {
  oidcRedirectUri,
  startProductionBackend,
} from './testing/startProductionBackend';
import {
  dropTestDatabases,
  flushTestRedisKeys,
  newTestRun,
} from './testing/testDatabases';
import { signInWithKeycloak } from './testing/signInWithKeycloak';
import {
  RecordedRequest,
  RecordingProxy,
  startRecordingProxy,
} from './testing/recordingProxy';

jest.setTimeout(240_000);

// Two replicas of the production backend on one PostgreSQL (databases of this run's prefix) and one
// Redis (keys of this run's namespace). Each replica reaches the sandbox through its own recording
// proxies, so every upstream call is seen, with its time and the replica that made it.
const run = newTestRun();
const apiToken = `test-token-${Math.random().toString(36).slice(2)}`;
const PORTS = [17211, 17212];
const PROXIED = [
  'temporal',
  'openbao',
  'prometheus',
  'alertmanager',
  'loki',
  'tempo',
  'grafana',
  'argocd',
] as const;
type Proxied = (typeof PROXIED)[number];
const OBSERVABILITY_UPSTREAMS: Proxied[] = [
  'prometheus',
  'alertmanager',
  'loki',
  'tempo',
  'grafana',
];
/** The Runtime refresh's schedule for the test: every 3 s, a run may take 6 s. */
const REFRESH_SECONDS = 3;
const REFRESH_TIMEOUT_SECONDS = 6;
const SERVICE = 'meeting-transcriber';
/** How often Backstage's scheduler frees the runs of tasks past their timeout (every replica, each plugin). */
const JANITOR_MS = 60_000;

interface Replica {
  name: string;
  backend: BackendProcess;
  proxies: Record<Proxied, RecordingProxy>;
}

/** The first page of Temporal's ListNamespaces: each Runtime refresh reads it exactly once. */
const isRefreshRead = (r: RecordedRequest) =>
  r.method === 'GET' &&
  r.url.startsWith('/api/v1/namespaces?') &&
  !/[?&]nextPageToken=[^&]/.test(r.url);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('two backend replicas on one PostgreSQL and one Redis', () => {
  let sandbox: Sandbox;
  const replicas: Replica[] = [];
  let userToken = '';

  const refreshReads = (replica: Replica, since = 0) =>
    replica.proxies.temporal
      .requests()
      .filter(r => isRefreshRead(r) && r.at >= since);

  const api = async (
    replica: Replica,
    path: string,
    init: RequestInit & { token?: string } = {},
  ) => {
    const response = await fetch(`${replica.backend.baseUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${init.token ?? apiToken}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  };

  /** The refs of the entities the Runtime's entity provider made, as a replica's catalog has them. */
  const runtimeEntities = async (replica: Replica): Promise<string[]> => {
    const { status, body } = await api(
      replica,
      '/api/catalog/entities?fields=kind,metadata.namespace,metadata.name,metadata.annotations',
    );
    expect(status).toBe(200);
    return (body as any[])
      .filter(e =>
        e.metadata.annotations?.[
          'backstage.io/managed-by-location'
        ]?.startsWith('runtime:'),
      )
      .map(e => `${e.kind}:${e.metadata.namespace}/${e.metadata.name}`)
      .sort();
  };

  /** Polls `fn` until it gives a value; a throw counts as not yet (the last one is reported). */
  const until = async <T>(
    what: string,
    fn: () => Promise<T | undefined>,
    timeoutMs = 60_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
      try {
        const value = await fn();
        if (value !== undefined) return value;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out: ${what} (${lastError ?? 'no value'})`);
      }
      await sleep(250);
    }
  };

  /** Starts one replica behind its own recording proxies to the sandbox. */
  const startReplica = async (
    index: number,
    port: number,
  ): Promise<Replica> => {
    const proxies = Object.fromEntries(
      await Promise.all(
        PROXIED.map(async u => [u, await startRecordingProxy(sandbox.urls[u])]),
      ),
    ) as Record<Proxied, RecordingProxy>;
    const environment = sandboxEnvironmentConfig(
      {
        ...sandbox,
        urls: {
          ...sandbox.urls,
          ...Object.fromEntries(PROXIED.map(u => [u, proxies[u].url])),
        },
      },
      'staging',
    );
    const backend = await startProductionBackend({
      sandbox,
      run,
      port,
      apiToken,
      subject: 'replicas-test',
      config: {
        catalog: {
          providers: {
            runtime: {
              // `minutes: 0`: app-config.yaml's `{ minutes: 5 }` merges with what is set here.
              schedule: {
                frequency: { minutes: 0, seconds: REFRESH_SECONDS },
                timeout: { minutes: 0, seconds: REFRESH_TIMEOUT_SECONDS },
                initialDelay: { seconds: 1 },
              },
            },
          },
        },
        runtime: { environments: [environment] },
      },
    });
    return { name: `replica ${index + 1}`, backend, proxies };
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: 'free',
      keycloakRedirectUris: PORTS.map(oidcRedirectUri),
    });
    // One after the other: two backends creating one empty database's tables at once fail on the
    // migrations' lock (`MigrationLocked`) or race to create the migrations table.
    for (const [index, port] of PORTS.entries()) {
      replicas.push(await startReplica(index, port));
    }
    // The catalog has the Runtime and the org (both read by whichever replica runs the task).
    for (const replica of replicas) {
      await until('the Runtime in the catalog', async () =>
        (await runtimeEntities(replica)).length > 0 ? true : undefined,
      );
    }
    await until('maya in the catalog', async () =>
      (
        await api(
          replicas[1],
          '/api/catalog/entities/by-name/user/default/maya',
        )
      ).status === 200
        ? true
        : undefined,
    );
    const signIn = await signInWithKeycloak({
      baseUrl: replicas[0].backend.baseUrl,
      username: 'maya',
      password: 'sandbox-maya',
    });
    userToken = signIn.backstageIdentity.token;
  });

  afterAll(async () => {
    for (const replica of replicas) {
      await replica.backend.stop();
      await Promise.all(Object.values(replica.proxies).map(p => p.close()));
    }
    await sandbox?.close();
    await dropTestDatabases(run);
    await flushTestRedisKeys(run);
  });

  it('runs the Runtime refresh once per interval across both replicas', async () => {
    const windowMs = 15_000;
    const since = Date.now();
    await sleep(windowMs);
    const runs = replicas
      .flatMap(replica =>
        refreshReads(replica, since).map(r => ({
          replica: replica.name,
          at: r.at,
        })),
      )
      .sort((a, b) => a.at - b.at);
    // eslint-disable-next-line no-console
    console.log(
      `refresh runs in ${windowMs} ms: ${runs
        .map(r => `${r.replica}@+${r.at - since}`)
        .join(', ')} (ms after the window opened)`,
    );
    // A refresh every 3 s: about one per interval in the window, both replicas together. Two replicas
    // each running it on their own schedule would read about twice as often. (Runs are not evenly
    // spaced: a run that starts late is followed by the next one as soon as a replica polls.)
    const intervals = windowMs / (REFRESH_SECONDS * 1000);
    expect(runs.length).toBeGreaterThanOrEqual(intervals - 2);
    expect(runs.length).toBeLessThanOrEqual(intervals + 1);
  });

  it('runs a scaffolder task on exactly one replica, and both report it the same', async () => {
    const name = `replica-test-${Date.now().toString(36)}`;
    const writesBefore = replicas.map(
      r => r.proxies.openbao.requests().filter(q => q.method !== 'GET').length,
    );
    const created = await api(replicas[0], '/api/scaffolder/v2/tasks', {
      method: 'POST',
      token: userToken,
      body: JSON.stringify({
        templateRef: 'template:default/runtime-secret',
        values: {
          environment: 'staging',
          owner: 'group:default/media-team',
          service: `component:default/${SERVICE}`,
          namespace: 'team-media',
          name,
          // As the Secret field does: the form holds a mask, the values travel in the task's secrets.
          username: '***',
          password: '********',
        },
        secrets: { username: 'svc', password: 'replica-test-password' },
      }),
    });
    expect(created.status).toBe(201);
    const taskId = created.body.id;
    const finished = await until('the task to finish', async () => {
      const { body } = await api(
        replicas[1],
        `/api/scaffolder/v2/tasks/${taskId}`,
        { token: userToken },
      );
      return ['completed', 'failed'].includes(body.status) ? body : undefined;
    });
    expect(finished.status).toBe('completed');
    const onFirst = await api(
      replicas[0],
      `/api/scaffolder/v2/tasks/${taskId}`,
      {
        token: userToken,
      },
    );
    expect(onFirst.body).toEqual(finished);

    // One execution: the secret's writes reached OpenBao through one replica only, each once.
    const writes = replicas.map((r, i) =>
      r.proxies.openbao
        .requests()
        .filter(q => q.method !== 'GET')
        .slice(writesBefore[i])
        .map(q => `${q.method} ${q.url}`),
    );
    // eslint-disable-next-line no-console
    console.log(
      `task ${taskId}: OpenBao writes per replica ${JSON.stringify(writes)}`,
    );
    const executing = writes.filter(w => w.length > 0);
    expect(executing).toHaveLength(1);
    expect(executing[0]).toEqual(
      expect.arrayContaining([expect.stringContaining(`${SERVICE}/${name}`)]),
    );
    expect(new Set(executing[0]).size).toBe(executing[0].length);
  });

  it('shows a sync made through one replica on the other within 2 s', async () => {
    const delivery = `/api/runtime/entity/component/default/${SERVICE}/delivery`;
    const lastSync = async (replica: Replica) => {
      const { status, body } = await api(replica, delivery, {
        token: userToken,
      });
      expect(status).toBe(200);
      return JSON.stringify(body.deployments[0].data[0].lastSync ?? null);
    };
    // Both replicas hold the current status in their in-memory layers.
    const before = await lastSync(replicas[1]);
    expect(await lastSync(replicas[0])).toBe(before);
    await sleep(500);
    expect(await lastSync(replicas[1])).toBe(before);

    const synced = await api(replicas[0], `${delivery}/sync`, {
      method: 'POST',
      token: userToken,
      body: JSON.stringify({ environment: 'staging', application: SERVICE }),
    });
    expect(synced.status).toBe(202);
    const syncedAt = Date.now();
    let seenAfterMs = -1;
    while (Date.now() - syncedAt < 5_000) {
      const askedAt = Date.now();
      if ((await lastSync(replicas[1])) !== before) {
        seenAfterMs = askedAt - syncedAt;
        break;
      }
      await sleep(50);
    }
    // eslint-disable-next-line no-console
    console.log(`the sync showed on the other replica after ${seenAfterMs} ms`);
    expect(seenAfterMs).toBeGreaterThanOrEqual(0);
    expect(seenAfterMs).toBeLessThanOrEqual(2_000);
  });

  it('costs each upstream one call per signal per TTL, whichever replica is asked', async () => {
    const path = `/api/runtime/entity/component/default/${SERVICE}/observability`;
    const counts = () =>
      replicas.map(r =>
        Object.fromEntries(
          OBSERVABILITY_UPSTREAMS.map(u => [u, r.proxies[u].requests().length]),
        ),
      );
    const start = counts();
    const first = await api(replicas[0], path);
    expect(first.status).toBe(200);
    const afterFirst = counts();
    const firstCalls = Object.fromEntries(
      OBSERVABILITY_UPSTREAMS.map(u => [u, afterFirst[0][u] - start[0][u]]),
    );
    // eslint-disable-next-line no-console
    console.log(`upstream calls of one report: ${JSON.stringify(firstCalls)}`);
    for (const u of OBSERVABILITY_UPSTREAMS) {
      expect(firstCalls[u]).toBeGreaterThan(0);
      expect(afterFirst[1][u]).toBe(start[1][u]);
    }
    // Many viewers on both replicas within the TTLs: no more upstream calls, and the same signals.
    const more = await Promise.all(
      [0, 1, 1, 0, 1, 1].map(i => api(replicas[i], path)),
    );
    expect(counts()).toEqual(afterFirst);
    const fetchedAt = (report: any) =>
      report.environments.map((e: any) =>
        Object.fromEntries(
          Object.entries(e)
            .filter(([, v]) => (v as any)?.fetchedAt)
            .map(([k, v]) => [k, (v as any).fetchedAt]),
        ),
      );
    for (const report of more) {
      expect(report.status).toBe(200);
      expect(fetchedAt(report.body)).toEqual(fetchedAt(first.body));
    }
  });

  it('loses no entity when a replica is killed during a refresh, and the other refreshes next', async () => {
    // The replicas share one catalog: either one's view is the view before the kill.
    const catalogBefore = await runtimeEntities(replicas[1]);
    // The platform model (1 Domain, 7 Systems, 24 Components, their APIs) and the live resources.
    expect(catalogBefore.length).toBeGreaterThan(40);
    // Hold the next refresh in the middle (at its Temporal read), whichever replica runs it.
    const holds = replicas.map(r => r.proxies.temporal.holdNext(isRefreshRead));
    const held = await Promise.race(
      holds.map((h, i) => h.arrived.then(() => i)),
    );
    const victim = replicas[held];
    const survivor = replicas[1 - held];
    holds[1 - held].release();
    const killedAt = Date.now();
    await victim.backend.kill();

    // No entity lost. (One may have been added: a refresh already past its Temporal read when the hold
    // was set still applies, e.g. with the secret an earlier test's task created.)
    const entitiesAfterKill = await runtimeEntities(survivor);
    expect(entitiesAfterKill).toEqual(expect.arrayContaining(catalogBefore));

    const next = await until(
      'the surviving replica to refresh',
      async () => refreshReads(survivor, killedAt)[0],
      JANITOR_MS + (REFRESH_TIMEOUT_SECONDS + 3 * REFRESH_SECONDS) * 1000,
    );
    // eslint-disable-next-line no-console
    console.log(
      `${victim.name} killed during a refresh; ${survivor.name} refreshed ${
        next.at - killedAt
      } ms later; ${catalogBefore.length} Runtime entities before and after`,
    );
    // Runs never overlap: once the next one has started, the survivor's first run has been applied.
    await until('the survivor to refresh again', async () =>
      refreshReads(survivor, next.at + 1).length > 0 ? true : undefined,
    );
    expect(await runtimeEntities(survivor)).toEqual(
      expect.arrayContaining(entitiesAfterKill),
    );
    // The killed replica's run holds the task until its timeout; Backstage's scheduler then frees it
    // in its janitor pass (every minute), and the survivor runs the overdue refresh at its next poll.
    expect(next.at - killedAt).toBeLessThanOrEqual(
      JANITOR_MS + (REFRESH_TIMEOUT_SECONDS + 2 * REFRESH_SECONDS) * 1000,
    );
  });
});
