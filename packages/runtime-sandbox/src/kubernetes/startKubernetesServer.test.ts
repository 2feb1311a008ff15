import {
  TestKubernetes,
  eventually,
  model,
  namespace,
  startTestKubernetes,
} from './testUtils';

const MODELS = '/apis/kubeai.org/v1/namespaces/team-a/models';
const APPLY = 'application/apply-patch+yaml';

describe('sandbox Kubernetes API server', () => {
  let k8s: TestKubernetes;

  beforeEach(async () => {
    k8s = await startTestKubernetes();
    await k8s.server.insert([namespace('team-a')]);
  });

  afterEach(() => k8s.server.close());

  describe('authentication', () => {
    it.each([
      ['missing', null],
      ['wrong', 'not-the-token'],
    ])(
      'answers a %s bearer token with 401 and an Unauthorized Status',
      async (_, token) => {
        const { status, body } = await k8s.call('GET', MODELS, { token });
        expect(status).toBe(401);
        expect(body).toEqual({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'Unauthorized',
          reason: 'Unauthorized',
          code: 401,
        });
      },
    );

    it('serves health checks without a token', async () => {
      expect(await k8s.call('GET', '/readyz', { token: null })).toMatchObject({
        status: 200,
        body: 'ok',
      });
    });
  });

  describe('discovery', () => {
    it('lists the served groups and resources with their scope and subresources', async () => {
      const groups = await k8s.call('GET', '/apis');
      expect(groups.body.groups.map((g: { name: string }) => g.name)).toEqual(
        expect.arrayContaining(['apps', 'kubeai.org', 'argoproj.io']),
      );
      const kubeai = await k8s.call('GET', '/apis/kubeai.org/v1');
      expect(kubeai.body).toMatchObject({
        kind: 'APIResourceList',
        groupVersion: 'kubeai.org/v1',
      });
      expect(
        kubeai.body.resources.map((r: { name: string }) => r.name),
      ).toEqual(['models', 'models/status']);
      const core = await k8s.call('GET', '/api/v1');
      expect(core.body.resources).toContainEqual(
        expect.objectContaining({
          name: 'namespaces',
          namespaced: false,
          kind: 'Namespace',
        }),
      );
      expect((await k8s.call('GET', '/api')).body.versions).toEqual(['v1']);
    });

    it('answers an unknown resource path with a NotFound Status', async () => {
      const { status, body } = await k8s.call(
        'GET',
        '/apis/kubeai.org/v1/namespaces/team-a/widgets',
      );
      expect(status).toBe(404);
      expect(body).toMatchObject({
        kind: 'Status',
        reason: 'NotFound',
        code: 404,
      });
    });
  });

  describe('create and get', () => {
    it('creates with 201, sets server metadata and defaults, and reads the object back', async () => {
      const created = await k8s.call('POST', MODELS, {
        body: model('team-a', 'llama'),
      });
      expect(created.status).toBe(201);
      expect(created.body.metadata).toMatchObject({
        name: 'llama',
        namespace: 'team-a',
        generation: 1,
        uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        resourceVersion: expect.stringMatching(/^\d+$/),
        creationTimestamp: expect.stringMatching(
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
        ),
      });
      expect(created.body.spec).toMatchObject({
        targetRequests: 100,
        scaleDownDelaySeconds: 30,
        loadBalancing: { strategy: 'LeastLoad' },
      });
      const read = await k8s.call('GET', `${MODELS}/llama`);
      expect(read.status).toBe(200);
      expect(read.body.metadata.uid).toBe(created.body.metadata.uid);
    });

    it('answers a second create of the name with 409 AlreadyExists', async () => {
      await k8s.call('POST', MODELS, { body: model('team-a', 'llama') });
      const { status, body } = await k8s.call('POST', MODELS, {
        body: model('team-a', 'llama'),
      });
      expect(status).toBe(409);
      expect(body).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'AlreadyExists',
        message: 'models.kubeai.org "llama" already exists',
        details: { name: 'llama', group: 'kubeai.org', kind: 'models' },
        code: 409,
      });
    });

    it('answers a missing object with 404 NotFound naming the resource', async () => {
      const { status, body } = await k8s.call('GET', `${MODELS}/nope`);
      expect(status).toBe(404);
      expect(body).toMatchObject({
        reason: 'NotFound',
        message: 'models.kubeai.org "nope" not found',
        details: { name: 'nope', group: 'kubeai.org', kind: 'models' },
      });
      const pod = await k8s.call('GET', '/api/v1/namespaces/team-a/pods/nope');
      expect(pod.body.message).toBe('pods "nope" not found');
    });

    it('refuses content in a namespace that does not exist', async () => {
      const { status, body } = await k8s.call(
        'POST',
        '/apis/kubeai.org/v1/namespaces/ghost/models',
        {
          body: model('ghost', 'llama'),
        },
      );
      expect(status).toBe(404);
      expect(body.message).toBe('namespaces "ghost" not found');
    });

    it('rejects names that are not DNS-1123 with 422 naming metadata.name', async () => {
      const { status, body } = await k8s.call('POST', MODELS, {
        body: model('team-a', 'Bad_Name'),
      });
      expect(status).toBe(422);
      expect(body.details.causes).toEqual([
        expect.objectContaining({
          field: 'metadata.name',
          reason: 'FieldValueInvalid',
        }),
      ]);
      expect(body.message).toMatch(
        /^Model\.kubeai\.org "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
      );
    });

    it('honours dryRun=All: answers as if created but stores nothing', async () => {
      const { status, body } = await k8s.call('POST', `${MODELS}?dryRun=All`, {
        body: model('team-a', 'llama'),
      });
      expect(status).toBe(201);
      expect(body.metadata.name).toBe('llama');
      expect(body.metadata.resourceVersion).toBeUndefined();
      expect((await k8s.call('GET', `${MODELS}/llama`)).status).toBe(404);
    });
  });

  describe('validation of KubeAI Models', () => {
    it('answers a Model breaking the CRD with 422 Invalid and one cause per field', async () => {
      const bad = model('team-a', 'bad', {
        url: 'ftp://nope',
        engine: 'TensorRT',
        features: ['Dancing'],
        minReplicas: -1,
        maxReplicas: 0,
      });
      const { status, body } = await k8s.call('POST', MODELS, { body: bad });
      expect(status).toBe(422);
      expect(body).toMatchObject({
        kind: 'Status',
        reason: 'Invalid',
        code: 422,
        details: { name: 'bad', group: 'kubeai.org', kind: 'Model' },
      });
      // The enum errors block the CEL rules (the url rule), as kube-apiserver's hasBlockingErr.
      expect(
        body.details.causes.map((c: { field: string }) => c.field).sort(),
      ).toEqual([
        '<nil>',
        'spec.engine',
        'spec.features[0]',
        'spec.maxReplicas',
        'spec.minReplicas',
      ]);
      expect(body.message).toContain(
        'spec.engine: Unsupported value: "TensorRT": supported values: "OLlama", "VLLM", "FasterWhisper", "Infinity"',
      );
    });

    it('requires url, engine and features', async () => {
      const { body } = await k8s.call('POST', MODELS, {
        body: {
          apiVersion: 'kubeai.org/v1',
          kind: 'Model',
          metadata: { name: 'empty' },
          spec: {},
        },
      });
      expect(body.details.causes).toEqual([
        ...['spec.engine', 'spec.features', 'spec.url'].map(field =>
          expect.objectContaining({
            field,
            reason: 'FieldValueRequired',
            message: 'Required value',
          }),
        ),
        expect.objectContaining({ field: '<nil>' }),
      ]);
    });

    it('rejects minReplicas above maxReplicas and names longer than 40 characters', async () => {
      const crossed = await k8s.call('POST', MODELS, {
        body: model('team-a', 'crossed', { minReplicas: 3, maxReplicas: 2 }),
      });
      expect(crossed.body.details.causes).toEqual([
        expect.objectContaining({
          field: 'spec',
          message:
            'Invalid value: "object": minReplicas should be less than or equal to maxReplicas.',
        }),
      ]);
      const long = await k8s.call('POST', MODELS, {
        body: model('team-a', 'a'.repeat(41)),
      });
      expect(long.status).toBe(422);
      expect(long.body.message).toContain(
        'name must not exceed 40 characters.',
      );
    });
  });

  describe('list', () => {
    beforeEach(async () => {
      await k8s.server.insert([
        namespace('team-b'),
        model('team-a', 'a1', {}, { tier: 'gold', team: 'a' }),
        model('team-a', 'a2', {}, { tier: 'silver', team: 'a' }),
        model('team-a', 'a3', {}, { team: 'a' }),
        model('team-b', 'b1', {}, { tier: 'gold', team: 'b' }),
      ]);
    });

    const names = (body: { items: Array<{ metadata: { name: string } }> }) =>
      body.items.map(i => i.metadata.name);

    it('lists one namespace, or all namespaces at the cluster path', async () => {
      const inA = await k8s.call('GET', MODELS);
      expect(inA.body).toMatchObject({
        kind: 'ModelList',
        apiVersion: 'kubeai.org/v1',
        metadata: { resourceVersion: expect.any(String) },
      });
      expect(names(inA.body)).toEqual(['a1', 'a2', 'a3']);
      expect(
        names((await k8s.call('GET', '/apis/kubeai.org/v1/models')).body),
      ).toEqual(['a1', 'a2', 'a3', 'b1']);
    });

    it.each([
      ['tier=gold', ['a1', 'b1']],
      ['tier==gold', ['a1', 'b1']],
      ['tier!=gold', ['a2', 'a3']],
      ['tier in (gold,silver)', ['a1', 'a2', 'b1']],
      ['tier notin (gold)', ['a2', 'a3']],
      ['tier', ['a1', 'a2', 'b1']],
      ['!tier', ['a3']],
      ['team=a,tier', ['a1', 'a2']],
    ])('filters by the label selector %s', async (selector, expected) => {
      const { body } = await k8s.call(
        'GET',
        `/apis/kubeai.org/v1/models?labelSelector=${encodeURIComponent(
          selector,
        )}`,
      );
      expect(names(body)).toEqual(expected);
    });

    it('answers a malformed label selector with 400 BadRequest', async () => {
      const { status, body } = await k8s.call(
        'GET',
        `${MODELS}?labelSelector=${encodeURIComponent('tier in gold')}`,
      );
      expect(status).toBe(400);
      expect(body.reason).toBe('BadRequest');
    });

    it('filters by metadata.name field selector', async () => {
      const { body } = await k8s.call(
        'GET',
        `${MODELS}?fieldSelector=metadata.name%3Da2`,
      );
      expect(names(body)).toEqual(['a2']);
    });

    it('omits apiVersion and kind on the items of built-in kinds, as kube-apiserver does', async () => {
      const { body } = await k8s.call('GET', '/api/v1/namespaces');
      expect(body.items[0].kind).toBeUndefined();
      expect((await k8s.call('GET', MODELS)).body.items[0].kind).toBe('Model');
    });
  });

  describe('paging', () => {
    beforeEach(async () => {
      await k8s.server.insert(
        Array.from({ length: 7 }, (_, i) => model('team-a', `m${i}`)),
      );
    });

    it('pages with limit and continue, counting the remaining items', async () => {
      const first = await k8s.call('GET', `${MODELS}?limit=3`);
      expect(first.body.items).toHaveLength(3);
      expect(first.body.metadata).toMatchObject({
        continue: expect.any(String),
        remainingItemCount: 4,
      });
      const second = await k8s.call(
        'GET',
        `${MODELS}?limit=3&continue=${first.body.metadata.continue}`,
      );
      const third = await k8s.call(
        'GET',
        `${MODELS}?limit=3&continue=${second.body.metadata.continue}`,
      );
      expect(third.body.metadata.continue).toBeUndefined();
      const all = [first, second, third].flatMap(r =>
        r.body.items.map((i: any) => i.metadata.name),
      );
      expect(all).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    });

    it('answers an expired continue token with 410 Expired and an inconsistent token to go on with', async () => {
      const first = await k8s.call('GET', `${MODELS}?limit=3`);
      k8s.server.expireContinueTokens();
      const expired = await k8s.call(
        'GET',
        `${MODELS}?limit=3&continue=${first.body.metadata.continue}`,
      );
      expect(expired.status).toBe(410);
      expect(expired.body).toMatchObject({
        kind: 'Status',
        reason: 'Expired',
        code: 410,
        metadata: { continue: expect.any(String) },
      });
      const rest = await k8s.call(
        'GET',
        `${MODELS}?limit=10&continue=${expired.body.metadata.continue}`,
      );
      expect(rest.body.items.map((i: any) => i.metadata.name)).toEqual([
        'm3',
        'm4',
        'm5',
        'm6',
      ]);
    });

    it('expires continue tokens after the configured time', async () => {
      const shortLived = await startTestKubernetes({ continueTokenTtlMs: 30 });
      try {
        await shortLived.server.insert([
          namespace('team-a'),
          model('team-a', 'x'),
          model('team-a', 'y'),
        ]);
        const first = await shortLived.call('GET', `${MODELS}?limit=1`);
        await new Promise(resolve => setTimeout(resolve, 50));
        const late = await shortLived.call(
          'GET',
          `${MODELS}?limit=1&continue=${first.body.metadata.continue}`,
        );
        expect(late.status).toBe(410);
      } finally {
        await shortLived.server.close();
      }
    });

    it('rejects a forged continue token with 400', async () => {
      const { status } = await k8s.call(
        'GET',
        `${MODELS}?limit=1&continue=garbage`,
      );
      expect(status).toBe(400);
    });
  });

  describe('update and patch', () => {
    let created: any;
    beforeEach(async () => {
      // minReplicas 0: no Pods, so the model controller is done once it has settled.
      await k8s.call('POST', MODELS, {
        body: model('team-a', 'llama', { minReplicas: 0 }),
      });
      await k8s.server.controllersIdle();
      created = (await k8s.call('GET', `${MODELS}/llama`)).body;
    });

    it('replaces with the current resourceVersion, bumping resourceVersion and generation', async () => {
      const updated = await k8s.call('PUT', `${MODELS}/llama`, {
        body: { ...created, spec: { ...created.spec, maxReplicas: 5 } },
      });
      expect(updated.status).toBe(200);
      expect(Number(updated.body.metadata.resourceVersion)).toBeGreaterThan(
        Number(created.metadata.resourceVersion),
      );
      expect(updated.body.metadata.generation).toBe(
        created.metadata.generation + 1,
      );
    });

    it('answers a replace with a stale resourceVersion with 409 Conflict', async () => {
      await k8s.call('PUT', `${MODELS}/llama`, {
        body: { ...created, spec: { ...created.spec, maxReplicas: 5 } },
      });
      const stale = await k8s.call('PUT', `${MODELS}/llama`, {
        body: { ...created, spec: { ...created.spec, maxReplicas: 6 } },
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({
        reason: 'Conflict',
        message:
          'Operation cannot be fulfilled on models.kubeai.org "llama": the object has been modified; please apply your changes to the latest version and try again',
      });
    });

    it('requires a resourceVersion to replace a custom resource', async () => {
      const { metadata, ...rest } = created;
      const { status, body } = await k8s.call('PUT', `${MODELS}/llama`, {
        body: { ...rest, metadata: { name: 'llama' } },
      });
      expect(status).toBe(422);
      expect(body.details.causes[0].field).toBe('metadata.resourceVersion');
    });

    it('applies merge patches', async () => {
      const merged = await k8s.call('PATCH', `${MODELS}/llama`, {
        body: {
          metadata: { labels: { tier: 'gold' } },
          spec: { maxReplicas: 3 },
        },
        contentType: 'application/merge-patch+json',
      });
      expect(merged.status).toBe(200);
      expect(merged.body.metadata.labels).toMatchObject({ tier: 'gold' });
      expect(merged.body.spec.maxReplicas).toBe(3);
    });

    const unsupportedMediaType = (accepted: string[]) => ({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
        ', ',
      )}`,
      reason: 'UnsupportedMediaType',
      code: 415,
    });

    it('refuses JSON patches of a custom resource with 415, naming the patch types it accepts, and changes nothing', async () => {
      const { status, body } = await k8s.call('PATCH', `${MODELS}/llama`, {
        body: [{ op: 'replace', path: '/spec/maxReplicas', value: 4 }],
        contentType: 'application/json-patch+json',
      });
      expect(status).toBe(415);
      expect(body).toEqual(
        unsupportedMediaType([
          'application/merge-patch+json',
          'application/apply-patch+yaml',
        ]),
      );
      expect((await k8s.call('GET', `${MODELS}/llama`)).body).toEqual(created);
    });

    it('refuses JSON patches of a built-in kind with 415, offering strategic merge patch too', async () => {
      const configMaps = '/api/v1/namespaces/team-a/configmaps';
      await k8s.call('POST', configMaps, {
        body: { metadata: { name: 'settings' }, data: { mode: 'a' } },
      });
      const refused = await k8s.call('PATCH', `${configMaps}/settings`, {
        body: [{ op: 'replace', path: '/data/mode', value: 'b' }],
        contentType: 'application/json-patch+json',
      });
      expect(refused.status).toBe(415);
      expect(refused.body).toEqual(
        unsupportedMediaType([
          'application/merge-patch+json',
          'application/strategic-merge-patch+json',
          'application/apply-patch+yaml',
        ]),
      );
      const strategic = await k8s.call('PATCH', `${configMaps}/settings`, {
        body: { data: { mode: 'c' } },
        contentType: 'application/strategic-merge-patch+json',
      });
      expect(strategic.status).toBe(200);
      expect(strategic.body.data).toEqual({ mode: 'c' });
    });

    it('checks the patch type before the body, as kube-apiserver does', async () => {
      const { status, body } = await k8s.call('PATCH', `${MODELS}/llama`, {
        body: 'not json at all',
        contentType: 'text/plain',
      });
      expect(status).toBe(415);
      expect(body).toEqual(
        unsupportedMediaType([
          'application/merge-patch+json',
          'application/apply-patch+yaml',
        ]),
      );
    });

    it('refuses strategic merge patches on custom resources with 415', async () => {
      const { status, body } = await k8s.call('PATCH', `${MODELS}/llama`, {
        body: { spec: { maxReplicas: 3 } },
        contentType: 'application/strategic-merge-patch+json',
      });
      expect(status).toBe(415);
      expect(body).toEqual(
        unsupportedMediaType([
          'application/merge-patch+json',
          'application/apply-patch+yaml',
        ]),
      );
    });

    it('ignores status on main-resource writes and writes it through /status only', async () => {
      const main = await k8s.call('PATCH', `${MODELS}/llama`, {
        body: { status: { replicas: { all: 9, ready: 9 } } },
        contentType: 'application/merge-patch+json',
      });
      expect(main.body.status?.replicas?.all).not.toBe(9);
      const viaStatus = await k8s.call('PATCH', `${MODELS}/llama/status`, {
        body: {
          status: { replicas: { all: 9, ready: 9 } },
          spec: { maxReplicas: 1 },
        },
        contentType: 'application/merge-patch+json',
      });
      expect(viaStatus.body.status.replicas).toEqual({ all: 9, ready: 9 });
      expect(viaStatus.body.spec.maxReplicas).toBe(2);
    });

    it('answers the scale subresource of a custom resource with the NotFound of a subresource its CRD does not serve', async () => {
      for (const method of ['GET', 'PUT', 'PATCH']) {
        const { status, body } = await k8s.call(
          method,
          `${MODELS}/llama/scale`,
          {
            body:
              method === 'GET'
                ? undefined
                : {
                    apiVersion: 'autoscaling/v1',
                    kind: 'Scale',
                    metadata: { name: 'llama' },
                    spec: { replicas: 2 },
                  },
            contentType:
              method === 'PATCH' ? 'application/merge-patch+json' : undefined,
          },
        );
        expect(status).toBe(404);
        expect(body).toEqual({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'models.kubeai.org "llama" not found',
          reason: 'NotFound',
          details: { name: 'llama', group: 'kubeai.org', kind: 'models' },
          code: 404,
        });
      }
      expect((await k8s.call('GET', `${MODELS}/llama`)).body).toEqual(created);
    });

    it('answers the scale subresource of a built-in kind with the 404 of a path the server does not route', async () => {
      const { status, body } = await k8s.call(
        'GET',
        '/apis/apps/v1/namespaces/team-a/deployments/web/scale',
      );
      expect(status).toBe(404);
      expect(body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server could not find the requested resource',
        reason: 'NotFound',
        details: {},
        code: 404,
      });
      const apps = await k8s.call('GET', '/apis/apps/v1');
      expect(
        apps.body.resources
          .map((r: { name: string }) => r.name)
          .filter((n: string) => n.startsWith('deployments')),
      ).toEqual(['deployments', 'deployments/status']);
    });

    it('answers /status of a custom resource whose CRD has no status subresource with NotFound', async () => {
      const { status, body } = await k8s.call(
        'GET',
        '/apis/argoproj.io/v1alpha1/namespaces/team-a/applications/web/status',
      );
      expect(status).toBe(404);
      expect(body).toMatchObject({
        reason: 'NotFound',
        message: 'applications.argoproj.io "web" not found',
        details: { name: 'web', group: 'argoproj.io', kind: 'applications' },
      });
    });
  });

  describe('server-side apply', () => {
    const applied = (spec: Record<string, unknown> = {}) =>
      JSON.stringify(
        model('team-a', 'llama', spec, { 'runtime-portal.io/owner': 'team-a' }),
      );

    it('creates with 201 and records the manager in managedFields', async () => {
      const { status, body } = await k8s.call(
        'PATCH',
        `${MODELS}/llama?fieldManager=runtime-portal`,
        {
          body: applied(),
          contentType: APPLY,
        },
      );
      expect(status).toBe(201);
      expect(body.metadata.managedFields).toEqual([
        expect.objectContaining({
          manager: 'runtime-portal',
          operation: 'Apply',
          apiVersion: 'kubeai.org/v1',
          fieldsType: 'FieldsV1',
          fieldsV1: expect.objectContaining({
            'f:spec': expect.objectContaining({
              'f:url': {},
              'f:minReplicas': {},
            }),
          }),
        }),
      ]);
    });

    it('accepts a YAML body', async () => {
      const yamlBody = [
        'apiVersion: kubeai.org/v1',
        'kind: Model',
        'metadata:',
        '  name: llama',
        'spec:',
        '  url: ollama://qwen2:0.5b',
        '  engine: OLlama',
        '  features: [TextGeneration]',
      ].join('\n');
      const { status, body } = await k8s.call(
        'PATCH',
        `${MODELS}/llama?fieldManager=runtime-portal`,
        {
          body: yamlBody,
          contentType: APPLY,
        },
      );
      expect(status).toBe(201);
      expect(body.spec.engine).toBe('OLlama');
    });

    it('requires a fieldManager', async () => {
      const { status, body } = await k8s.call('PATCH', `${MODELS}/llama`, {
        body: applied(),
        contentType: APPLY,
      });
      expect(status).toBe(422);
      expect(body.message).toContain('fieldManager: Required value');
    });

    it('removes fields the manager stopped applying and keeps the object unchanged on a no-op apply', async () => {
      // No replicas, so no status update (a new resourceVersion) can land between the applies.
      const idle = { minReplicas: 0 };
      const first = await k8s.call(
        'PATCH',
        `${MODELS}/llama?fieldManager=runtime-portal`,
        {
          body: applied({ ...idle, args: ['--max-model-len=4096'] }),
          contentType: APPLY,
        },
      );
      expect(first.body.spec.args).toEqual(['--max-model-len=4096']);
      const second = await k8s.call(
        'PATCH',
        `${MODELS}/llama?fieldManager=runtime-portal`,
        {
          body: applied(idle),
          contentType: APPLY,
        },
      );
      expect(second.status).toBe(200);
      expect(second.body.spec.args).toBeUndefined();
      const third = await k8s.call(
        'PATCH',
        `${MODELS}/llama?fieldManager=runtime-portal`,
        {
          body: applied(idle),
          contentType: APPLY,
        },
      );
      expect(third.body.metadata.resourceVersion).toBe(
        second.body.metadata.resourceVersion,
      );
    });

    it('answers a conflicting apply with 409 Conflict naming the other manager and field, and takes the field with force', async () => {
      await k8s.call('PATCH', `${MODELS}/llama?fieldManager=runtime-portal`, {
        body: applied(),
        contentType: APPLY,
      });
      await k8s.call('PATCH', `${MODELS}/llama?fieldManager=kubectl-edit`, {
        body: { spec: { maxReplicas: 7 } },
        contentType: 'application/merge-patch+json',
      });

      const conflicting = await k8s.call(
        'PATCH',
        `${MODELS}/llama?fieldManager=runtime-portal`,
        {
          body: applied({ maxReplicas: 3 }),
          contentType: APPLY,
        },
      );
      expect(conflicting.status).toBe(409);
      expect(conflicting.body).toMatchObject({
        kind: 'Status',
        reason: 'Conflict',
        code: 409,
        message:
          'Apply failed with 1 conflict: conflict with "kubectl-edit" using kubeai.org/v1: .spec.maxReplicas',
        details: {
          causes: [
            {
              reason: 'FieldManagerConflict',
              message: 'conflict with "kubectl-edit" using kubeai.org/v1',
              field: '.spec.maxReplicas',
            },
          ],
        },
      });

      const forced = await k8s.call(
        'PATCH',
        `${MODELS}/llama?fieldManager=runtime-portal&force=true`,
        {
          body: applied({ maxReplicas: 3 }),
          contentType: APPLY,
        },
      );
      expect(forced.status).toBe(200);
      expect(forced.body.spec.maxReplicas).toBe(3);
      const editor = forced.body.metadata.managedFields.find(
        (m: any) => m.manager === 'kubectl-edit',
      );
      expect(editor).toBeUndefined();
    });

    it('shares a field without conflict when another manager set the same value', async () => {
      await k8s.call('POST', `${MODELS}?fieldManager=kubectl-create`, {
        body: model('team-a', 'llama'),
      });
      const { status } = await k8s.call(
        'PATCH',
        `${MODELS}/llama?fieldManager=runtime-portal`,
        {
          body: applied(),
          contentType: APPLY,
        },
      );
      expect(status).toBe(200);
    });

    it('derives the manager of a non-apply write from the User-Agent', async () => {
      const { body } = await k8s.call('POST', MODELS, {
        body: model('team-a', 'llama'),
        userAgent: 'kubectl/v1.31.0 (linux/amd64)',
      });
      expect(body.metadata.managedFields[0]).toMatchObject({
        manager: 'kubectl',
        operation: 'Update',
      });
    });
  });

  describe('delete', () => {
    it('deletes with 200 and a Success Status, then 404', async () => {
      await k8s.call('POST', MODELS, { body: model('team-a', 'llama') });
      const deleted = await k8s.call('DELETE', `${MODELS}/llama`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toMatchObject({
        kind: 'Status',
        status: 'Success',
        details: { name: 'llama', kind: 'models' },
      });
      expect((await k8s.call('DELETE', `${MODELS}/llama`)).status).toBe(404);
    });

    it('keeps the object on a dry-run delete', async () => {
      await k8s.call('POST', MODELS, { body: model('team-a', 'llama') });
      expect(
        (await k8s.call('DELETE', `${MODELS}/llama?dryRun=All`)).status,
      ).toBe(200);
      expect((await k8s.call('GET', `${MODELS}/llama`)).status).toBe(200);
    });

    it('checks delete preconditions', async () => {
      await k8s.call('POST', MODELS, { body: model('team-a', 'llama') });
      const { status } = await k8s.call('DELETE', `${MODELS}/llama`, {
        body: { preconditions: { resourceVersion: '1' } },
      });
      expect(status).toBe(409);
    });
  });

  describe('simulated controllers', () => {
    it('runs a new Model: Pods labelled for the model, then ready replicas after readyAfterMs', async () => {
      await k8s.call('POST', MODELS, {
        body: model('team-a', 'llama', { minReplicas: 2, maxReplicas: 3 }),
      });
      const ready = await eventually(async () => {
        const { body } = await k8s.call('GET', `${MODELS}/llama`);
        return body.status?.replicas?.ready === 2 ? body : undefined;
      });
      expect(ready.status.replicas).toEqual({ all: 2, ready: 2 });
      expect(ready.spec.replicas).toBe(2);
      expect(ready.metadata.labels['features.kubeai.org/TextGeneration']).toBe(
        'true',
      );
      const pods = await k8s.call(
        'GET',
        '/api/v1/namespaces/team-a/pods?labelSelector=model%3Dllama',
      );
      expect(pods.body.items.map((p: any) => p.metadata.name)).toEqual([
        'model-llama-0',
        'model-llama-1',
      ]);
      expect(pods.body.items[0].metadata.labels).toMatchObject({
        'app.kubernetes.io/name': 'vllm',
        'app.kubernetes.io/managed-by': 'kubeai',
      });
    });

    it('keeps a Model with minReplicas 0 at zero replicas', async () => {
      await k8s.call('POST', MODELS, {
        body: model('team-a', 'idle', { minReplicas: 0 }),
      });
      await k8s.server.controllersIdle();
      const { body } = await k8s.call('GET', `${MODELS}/idle`);
      expect(body.status.replicas).toEqual({ all: 0, ready: 0 });
    });

    it('reports cache.loaded for a Model with a cacheProfile', async () => {
      await k8s.call('POST', MODELS, {
        body: model('team-a', 'cached', { cacheProfile: 'efs' }),
      });
      const loaded = await eventually(async () => {
        const { body } = await k8s.call('GET', `${MODELS}/cached`);
        return body.status?.cache?.loaded ? body : undefined;
      });
      expect(loaded.status.replicas.ready).toBe(1);
    });

    it('deletes a Model’s Pods with the Model', async () => {
      await k8s.call('POST', MODELS, { body: model('team-a', 'llama') });
      await eventually(async () =>
        (
          await k8s.call('GET', '/api/v1/namespaces/team-a/pods')
        ).body.items.length === 1
          ? true
          : undefined,
      );
      await k8s.call('DELETE', `${MODELS}/llama`);
      await k8s.server.controllersIdle();
      expect(
        (await k8s.call('GET', '/api/v1/namespaces/team-a/pods')).body.items,
      ).toEqual([]);
    });

    it('deploys Argo Events sensors: provided conditions at once, Deployed after readyAfterMs', async () => {
      // Argo Events runs nothing in a namespace without an EventBus (see argoEventsControllers.test.ts).
      await k8s.server.insert([
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'EventBus',
          metadata: { name: 'default', namespace: 'team-a' },
          spec: { jetstream: { version: 'latest', replicas: 1 } },
        },
      ]);
      const sensor = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Sensor',
        metadata: { name: 'on-upload' },
        spec: {
          dependencies: [
            { name: 'dep', eventSourceName: 'uploads', eventName: 'uploads' },
          ],
          triggers: [
            {
              template: {
                name: 'notify',
                http: { url: 'http://x', method: 'POST' },
              },
            },
          ],
        },
      };
      await k8s.call(
        'POST',
        '/apis/argoproj.io/v1alpha1/namespaces/team-a/sensors',
        { body: sensor },
      );
      const deployed = await eventually(async () => {
        const { body } = await k8s.call(
          'GET',
          '/apis/argoproj.io/v1alpha1/namespaces/team-a/sensors/on-upload',
        );
        const conditions = body.status?.conditions ?? [];
        return conditions.some(
          (c: any) => c.type === 'Deployed' && c.status === 'True',
        )
          ? conditions
          : undefined;
      });
      expect(deployed.map((c: any) => [c.type, c.status])).toEqual([
        ['DependenciesProvided', 'True'],
        ['Deployed', 'True'],
        ['TriggersProvided', 'True'],
      ]);
    });

    it('brings a Deployment to readyReplicas', async () => {
      const labels = { app: 'web' };
      await k8s.call('POST', '/apis/apps/v1/namespaces/team-a/deployments', {
        body: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web' },
          spec: {
            replicas: 2,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: { containers: [{ name: 'web', image: 'nginx' }] },
            },
          },
        },
      });
      const status = await eventually(async () => {
        const { body } = await k8s.call(
          'GET',
          '/apis/apps/v1/namespaces/team-a/deployments/web',
        );
        return body.status?.readyReplicas === 2 ? body.status : undefined;
      });
      expect(status).toMatchObject({
        replicas: 2,
        availableReplicas: 2,
        observedGeneration: 1,
      });
    });

    it('terminates a Namespace with its content', async () => {
      await k8s.call('POST', MODELS, { body: model('team-a', 'llama') });
      const deleted = await k8s.call('DELETE', '/api/v1/namespaces/team-a');
      expect(deleted.body.status.phase).toBe('Terminating');
      await eventually(async () =>
        (await k8s.call('GET', '/api/v1/namespaces/team-a')).status === 404
          ? true
          : undefined,
      );
      expect((await k8s.call('GET', `${MODELS}/llama`)).status).toBe(404);
    });
  });
});
