import {
  DEFAULT_SANDBOX_CREDENTIALS,
  EMPTY_SEED,
  RunningKubernetesServer,
  startKubernetesServer,
} from '@runtime-portal/runtime-sandbox';
import { KubernetesAccess } from '../config';
import { RuntimeUpstreamError } from '../errors';
import { KubernetesClient } from './KubernetesClient';
import { DEPLOYMENT_KIND, MODEL_KIND, NAMESPACE_KIND, POD_KIND } from './kinds';
import { KubeAIModel } from './types';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { startSilentServer } from '../testing/testServer';

const TOKEN = DEFAULT_SANDBOX_CREDENTIALS.kubernetesToken;
const OWNER = 'runtime-portal.io/owner';

function access(
  url: string,
  overrides: Partial<KubernetesAccess> = {},
): KubernetesAccess {
  return {
    url,
    authProvider: 'serviceAccount',
    serviceAccountToken: TOKEN,
    // The sandbox speaks plain HTTP; client-node sends credentials over HTTP only with this set.
    skipTLSVerify: true,
    timeoutMs: 5000,
    ...overrides,
  };
}

function model(
  namespace: string,
  name: string,
  spec: Partial<KubeAIModel['spec']> = {},
  labels?: Record<string, string>,
): KubeAIModel {
  return {
    apiVersion: 'kubeai.org/v1',
    kind: 'Model',
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
    spec: {
      url: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
      engine: 'VLLM',
      features: ['TextGeneration'],
      resourceProfile: 'nvidia-gpu-l4:1',
      minReplicas: 0,
      maxReplicas: 2,
      ...spec,
    },
  };
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

describe('KubernetesClient', () => {
  let sandbox: RunningKubernetesServer;
  let client: KubernetesClient;

  beforeAll(async () => {
    sandbox = await startKubernetesServer({
      port: 0,
      seed: EMPTY_SEED,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      readyAfterMs: 20,
    });
    client = new KubernetesClient({
      environment: 'test',
      access: access(sandbox.url),
    });
    await client.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a' },
    });
  });

  afterAll(() => sandbox.close());

  describe('reads', () => {
    beforeAll(async () => {
      await client.create(
        model('team-a', 'gold-1', {}, { [OWNER]: 'team-a', tier: 'gold' }),
      );
      await client.create(
        model('team-a', 'silver-1', {}, { [OWNER]: 'team-a', tier: 'silver' }),
      );
    });

    it('gets an object, and undefined for one that does not exist', async () => {
      const found = await client.get(MODEL_KIND, 'team-a', 'gold-1');
      expect(found?.spec.engine).toBe('VLLM');
      expect(found?.metadata.uid).toBeDefined();
      expect(await client.get(MODEL_KIND, 'team-a', 'missing')).toBeUndefined();
    });

    it('gets cluster-scoped objects', async () => {
      const namespace = await client.get(NAMESPACE_KIND, undefined, 'team-a');
      expect(namespace?.metadata.name).toBe('team-a');
    });

    it('lists with a label selector', async () => {
      const page = await client.list(MODEL_KIND, {
        namespace: 'team-a',
        labelSelector: `${OWNER}=team-a,tier in (gold)`,
      });
      expect(page.items.map(m => m.metadata.name)).toEqual(['gold-1']);
      expect(page.resourceVersion).toMatch(/^\d+$/);
      expect(page.continue).toBeUndefined();
    });

    it('fills in apiVersion and kind on items of built-in kinds', async () => {
      const { items } = await client.list(NAMESPACE_KIND);
      expect(items[0]).toMatchObject({ apiVersion: 'v1', kind: 'Namespace' });
    });

    it('refuses a namespaced get without a namespace before calling the server', async () => {
      const error = await expectUpstreamFailure(
        client.get(MODEL_KIND, undefined, 'gold-1'),
      );
      expect(error).toMatchObject({
        upstream: 'kubernetes',
        reason: 'Invalid',
      });
    });
  });

  describe('paging', () => {
    beforeAll(async () => {
      await client.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'bulk' },
      });
      await sandbox.insert(
        Array.from({ length: 1200 }, (_, i) =>
          model('bulk', `m-${String(i).padStart(4, '0')}`),
        ),
      );
    });

    it('returns one page at a time with a continue token', async () => {
      const first = await client.list(MODEL_KIND, {
        namespace: 'bulk',
        limit: 500,
      });
      expect(first.items).toHaveLength(500);
      expect(first.continue).toEqual(expect.any(String));
      const second = await client.list(MODEL_KIND, {
        namespace: 'bulk',
        limit: 500,
        continue: first.continue,
      });
      expect(second.items[0].metadata.name).toBe('m-0500');
    });

    it('lists everything past one page with listAll', async () => {
      const pages: number[] = [];
      const all = await collect(
        client.listAll(MODEL_KIND, {
          namespace: 'bulk',
          onPage: p => pages.push(p.items),
        }),
      );
      expect(all).toHaveLength(1200);
      expect(new Set(all.map(m => m.metadata.name)).size).toBe(1200);
      expect(pages).toEqual([500, 500, 200]);
    });

    it('restarts once when a continue token expires, without yielding an object twice', async () => {
      const names: string[] = [];
      let restartedAt: number | undefined;
      for await (const m of client.listAll(MODEL_KIND, {
        namespace: 'bulk',
        limit: 500,
        onPage: p => {
          if (p.restarted && restartedAt === undefined) restartedAt = p.index;
        },
      })) {
        names.push(m.metadata.name);
        if (names.length === 500) sandbox.expireContinueTokens();
      }
      expect(restartedAt).toBe(1);
      expect(names).toHaveLength(1200);
      expect(new Set(names).size).toBe(1200);
    });

    it('fails with Expired when the token expires again after the restart', async () => {
      const iterator = client.listAll(MODEL_KIND, {
        namespace: 'bulk',
        limit: 500,
      });
      let count = 0;
      const error = await expectUpstreamFailure(
        (async () => {
          for await (const _ of iterator) {
            count++;
            if (count % 500 === 0) sandbox.expireContinueTokens();
          }
        })(),
      );
      expect(error).toMatchObject({
        reason: 'Expired',
        status: 410,
        operation: 'list Model in bulk',
      });
    });
  });

  describe('writes', () => {
    it('creates and answers AlreadyExists for a second create', async () => {
      const created = await client.create(model('team-a', 'dup'));
      expect(created.metadata.resourceVersion).toBeDefined();
      const error = await expectUpstreamFailure(
        client.create(model('team-a', 'dup')),
      );
      expect(error).toMatchObject({
        upstream: 'kubernetes',
        environment: 'test',
        operation: 'create Model team-a/dup',
        reason: 'AlreadyExists',
        status: 409,
        detail: 'models.kubeai.org "dup" already exists',
      });
    });

    it('applies server-side as runtime-portal: creates, updates, and returns the live object', async () => {
      const first = await client.apply(
        model('team-a', 'applied', { maxReplicas: 2 }, { [OWNER]: 'team-a' }),
      );
      expect(first.metadata.managedFields).toContainEqual(
        expect.objectContaining({
          manager: 'runtime-portal',
          operation: 'Apply',
        }),
      );
      const second = await client.apply(
        model('team-a', 'applied', { maxReplicas: 3 }, { [OWNER]: 'team-a' }),
      );
      expect(second.spec.maxReplicas).toBe(3);
      expect(second.metadata.uid).toBe(first.metadata.uid);
    });

    it('re-applies an object read from the server (server-owned metadata is dropped)', async () => {
      const live = await client.apply(model('team-a', 'roundtrip'));
      const again = await client.apply({
        ...live,
        spec: { ...live.spec, maxReplicas: 1 },
      });
      expect(again.spec.maxReplicas).toBe(1);
    });

    it('answers Conflict when another manager owns a field, and takes it only with force', async () => {
      await client.apply(model('team-a', 'contested', { maxReplicas: 2 }));
      const edited = await fetch(
        `${sandbox.url}/apis/kubeai.org/v1/namespaces/team-a/models/contested?fieldManager=kubectl-edit`,
        {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/merge-patch+json',
          },
          body: JSON.stringify({ spec: { maxReplicas: 5 } }),
        },
      );
      expect(edited.status).toBe(200);

      const error = await expectUpstreamFailure(
        client.apply(model('team-a', 'contested', { maxReplicas: 2 })),
      );
      expect(error).toMatchObject({ reason: 'Conflict', status: 409 });
      expect(error.detail).toContain('conflict with "kubectl-edit"');

      const forced = await client.apply(
        model('team-a', 'contested', { maxReplicas: 2 }),
        { force: true },
      );
      expect(forced.spec.maxReplicas).toBe(2);
    });

    it('answers Conflict for a replace with a stale resourceVersion', async () => {
      const created = await client.create(model('team-a', 'versioned'));
      await sandbox.controllersIdle();
      const current = (await client.get(MODEL_KIND, 'team-a', 'versioned'))!;
      await client.replace({
        ...current,
        spec: { ...current.spec, maxReplicas: 1 },
      });
      const error = await expectUpstreamFailure(
        client.replace({
          ...current,
          spec: { ...current.spec, maxReplicas: 2 },
        }),
      );
      expect(error).toMatchObject({
        reason: 'Conflict',
        status: 409,
        operation: 'replace Model team-a/versioned',
      });
      expect(created.metadata.name).toBe('versioned');
    });

    it('applies only over the resourceVersion given, answering Conflict after a concurrent change', async () => {
      await client.apply(model('team-a', 'conditional'));
      await sandbox.controllersIdle();
      const read = (await client.get(MODEL_KIND, 'team-a', 'conditional'))!;
      const applied = await client.apply(
        model('team-a', 'conditional', { maxReplicas: 3 }),
        { resourceVersion: read.metadata.resourceVersion },
      );
      expect(applied.spec.maxReplicas).toBe(3);
      const error = await expectUpstreamFailure(
        client.apply(model('team-a', 'conditional', { maxReplicas: 4 }), {
          resourceVersion: read.metadata.resourceVersion,
        }),
      );
      expect(error).toMatchObject({
        reason: 'Conflict',
        status: 409,
        operation: 'apply Model team-a/conditional',
      });
      const live = await client.get(MODEL_KIND, 'team-a', 'conditional');
      expect(live?.spec.maxReplicas).toBe(3);
    });

    it('answers Invalid with the API server’s field errors for a bad Model', async () => {
      const error = await expectUpstreamFailure(
        client.apply(
          model('team-a', 'bad', { engine: 'Triton' as never, maxReplicas: 0 }),
        ),
      );
      expect(error).toMatchObject({ reason: 'Invalid', status: 422 });
      expect(error.detail).toContain(
        'spec.engine: Unsupported value: "Triton"',
      );
      expect(error.detail).toContain('spec.maxReplicas');
    });

    it('writes with fieldValidation=Strict: a field the schema does not know fails instead of being dropped', async () => {
      const typo = model('team-a', 'typo');
      (typo.spec as Record<string, unknown>).maxReplica = 3;
      const error = await expectUpstreamFailure(client.create(typo));
      expect(error).toMatchObject({
        reason: 'Invalid',
        status: 400,
        operation: 'create Model team-a/typo',
      });
      expect(error.detail).toContain(
        'strict decoding error: unknown field "spec.maxReplica"',
      );
      expect(await client.get(MODEL_KIND, 'team-a', 'typo')).toBeUndefined();

      await client.create(model('team-a', 'strict'));
      await sandbox.controllersIdle();
      const current = (await client.get(MODEL_KIND, 'team-a', 'strict'))!;
      const replaced = await expectUpstreamFailure(
        client.replace({
          ...current,
          spec: { ...current.spec, minReplica: 1 } as KubeAIModel['spec'],
        }),
      );
      expect(replaced).toMatchObject({ status: 400 });
      expect(replaced.detail).toContain('unknown field "spec.minReplica"');
    });

    it('sends fieldValidation=Strict on create, replace and apply', async () => {
      const silent = await startSilentServer();
      try {
        const recorder = new KubernetesClient({
          environment: 'test',
          access: access(silent.url, { timeoutMs: 50 }),
        });
        const object = model('team-a', 'recorded');
        await expectUpstreamFailure(recorder.create(object));
        await expectUpstreamFailure(recorder.replace(object));
        await expectUpstreamFailure(recorder.apply(object));
        expect(
          silent.requests.map(r => [
            r.method,
            new URL(r.url, 'http://x').searchParams.get('fieldValidation'),
          ]),
        ).toEqual([
          ['POST', 'Strict'],
          ['PUT', 'Strict'],
          ['PATCH', 'Strict'],
        ]);
      } finally {
        await silent.close();
      }
    });

    it('validates with dryRun without persisting', async () => {
      const dry = await client.apply(model('team-a', 'dry-run'), {
        dryRun: true,
      });
      expect(dry.metadata.name).toBe('dry-run');
      expect(await client.get(MODEL_KIND, 'team-a', 'dry-run')).toBeUndefined();
    });

    it('deletes, answers NotFound for an absent object, and is idempotent on request', async () => {
      await client.create(model('team-a', 'doomed'));
      expect(await client.delete(MODEL_KIND, 'team-a', 'doomed')).toBe(true);
      const error = await expectUpstreamFailure(
        client.delete(MODEL_KIND, 'team-a', 'doomed'),
      );
      expect(error).toMatchObject({
        reason: 'NotFound',
        status: 404,
        operation: 'delete Model team-a/doomed',
      });
      expect(
        await client.delete(MODEL_KIND, 'team-a', 'doomed', {
          ignoreNotFound: true,
        }),
      ).toBe(false);
    });

    it('deletes only the object its preconditions name', async () => {
      const first = await client.create(model('team-a', 'guarded'));
      await client.delete(MODEL_KIND, 'team-a', 'guarded');
      const second = await client.create(model('team-a', 'guarded'));
      const error = await expectUpstreamFailure(
        client.delete(MODEL_KIND, 'team-a', 'guarded', {
          preconditions: { uid: first.metadata.uid },
        }),
      );
      expect(error).toMatchObject({
        reason: 'Conflict',
        status: 409,
        operation: 'delete Model team-a/guarded',
      });
      expect(error.message).toContain('Precondition failed: UID');
      expect(
        await client.delete(MODEL_KIND, 'team-a', 'guarded', {
          preconditions: { uid: second.metadata.uid },
        }),
      ).toBe(true);
      expect(await client.get(MODEL_KIND, 'team-a', 'guarded')).toBeUndefined();
    });

    it('refuses an object of a kind it does not know', async () => {
      const error = await expectUpstreamFailure(
        client.apply({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'x', namespace: 'team-a' },
        }),
      );
      expect(error).toMatchObject({
        reason: 'Invalid',
        operation: 'apply ConfigMap team-a/x',
      });
    });
  });

  it('sees the simulated controllers’ work on Models and Pods', async () => {
    await client.apply(model('team-a', 'served', { minReplicas: 1 }));
    let served: KubeAIModel | undefined;
    for (let i = 0; i < 100 && served?.status?.replicas?.ready !== 1; i++) {
      await new Promise(resolve => setTimeout(resolve, 10));
      served = await client.get(MODEL_KIND, 'team-a', 'served');
    }
    expect(served?.status?.replicas).toEqual({ all: 1, ready: 1 });
    const pods = await client.list(POD_KIND, {
      namespace: 'team-a',
      labelSelector: 'model=served',
    });
    expect(pods.items.map(p => p.metadata.name)).toEqual(['model-served-0']);
    expect(
      (await client.list(DEPLOYMENT_KIND, { namespace: 'team-a' })).items,
    ).toEqual([]);
  });

  describe('failures', () => {
    it('answers a wrong token with Unauthorized naming kubernetes, without the token', async () => {
      const intruder = new KubernetesClient({
        environment: 'test',
        access: access(sandbox.url, {
          serviceAccountToken: 'wrong-token-1234',
        }),
      });
      const error = await expectUpstreamFailure(
        intruder.list(MODEL_KIND, { namespace: 'team-a' }),
      );
      expect(error).toMatchObject({
        upstream: 'kubernetes',
        reason: 'Unauthorized',
        status: 401,
      });
      expect(error.message).toMatch(
        /^kubernetes \[test\] list Model in team-a failed, Unauthorized/,
      );
      expect(error.message).not.toContain('wrong-token-1234');
    });

    it('times out a write against a server that never answers, within the configured timeout', async () => {
      const silent = await startSilentServer();
      try {
        const slow = new KubernetesClient({
          environment: 'test',
          access: access(silent.url, { timeoutMs: 150 }),
        });
        const started = Date.now();
        const error = await expectUpstreamFailure(
          slow.create(model('team-a', 'slow')),
        );
        expect(error).toMatchObject({
          upstream: 'kubernetes',
          reason: 'Timeout',
          operation: 'create Model team-a/slow',
        });
        expect(Date.now() - started).toBeLessThan(1000);
        expect(silent.requests.length).toBe(1);
      } finally {
        await silent.close();
      }
    });

    it('retries a read that timed out, and only a read', async () => {
      const silent = await startSilentServer();
      try {
        const slow = new KubernetesClient({
          environment: 'test',
          access: access(silent.url, { timeoutMs: 100 }),
          retries: 1,
        });
        const error = await expectUpstreamFailure(
          slow.get(MODEL_KIND, 'team-a', 'x'),
        );
        expect(error.reason).toBe('Timeout');
        expect(silent.requests.length).toBe(2);
      } finally {
        await silent.close();
      }
    });

    it('stops when the caller aborts', async () => {
      const silent = await startSilentServer();
      try {
        const slow = new KubernetesClient({
          environment: 'test',
          access: access(silent.url, { timeoutMs: 10_000 }),
        });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 50);
        const started = Date.now();
        const error = await expectUpstreamFailure(
          slow.list(MODEL_KIND, {
            namespace: 'team-a',
            signal: controller.signal,
          }),
        );
        expect(error).toMatchObject({
          reason: 'Aborted',
          upstream: 'kubernetes',
        });
        expect(Date.now() - started).toBeLessThan(1000);
      } finally {
        await silent.close();
      }
    });

    it('answers Unavailable when nothing listens', async () => {
      const silent = await startSilentServer();
      const url = silent.url;
      await silent.close();
      const nowhere = new KubernetesClient({
        environment: 'test',
        access: access(url),
        retries: 0,
      });
      expect(
        (await expectUpstreamFailure(nowhere.get(MODEL_KIND, 'team-a', 'x')))
          .reason,
      ).toBe('Unavailable');
    });

    it('refuses plain HTTP without skipTLSVerify at construction', () => {
      expect(
        () =>
          new KubernetesClient({
            environment: 'test',
            access: access(sandbox.url, { skipTLSVerify: false }),
          }),
      ).toThrow(RuntimeUpstreamError);
    });
  });
});
