import {
  TestKubernetes,
  model,
  namespace,
  startTestKubernetes,
} from './testUtils';

/**
 * KubeAI Model validation over HTTP: the 422 Status of the CRD's schema and CEL rules, transition
 * rules on PUT, and unknown fields under each `fieldValidation` mode, as kube-apiserver 1.31
 * answers them.
 */

const MODELS = '/apis/kubeai.org/v1/namespaces/team-a/models';
const APPLY = 'application/apply-patch+yaml';
const MERGE = 'application/merge-patch+json';

describe('KubeAI Model validation over HTTP', () => {
  let k8s: TestKubernetes;

  beforeEach(async () => {
    k8s = await startTestKubernetes();
    await k8s.server.insert([namespace('team-a')]);
  });

  afterEach(() => k8s.server.close());

  /**
   * Reads the Model and PUTs it back with `change` in its spec, again when the simulated model
   * controller wrote it in between (409 Conflict), as client-go's RetryOnConflict does.
   */
  async function putSpec(name: string, change: Record<string, unknown>) {
    for (let attempt = 1; ; attempt++) {
      const live = (await k8s.call('GET', `${MODELS}/${name}`)).body;
      const answer = await k8s.call('PUT', `${MODELS}/${name}`, {
        body: { ...live, spec: { ...live.spec, ...change } },
      });
      if (answer.status !== 409 || attempt === 5) return answer;
    }
  }

  it('answers Reranking (a feature only since KubeAI v0.22.0) with 422 Invalid and the API server message', async () => {
    const { status, body } = await k8s.call('POST', MODELS, {
      body: model('team-a', 'bad', {
        engine: 'Infinity',
        url: 'hf://BAAI/bge-reranker-base',
        features: ['Reranking'],
      }),
    });
    expect(status).toBe(422);
    expect(body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Model.kubeai.org "bad" is invalid: [spec.features[0]: Unsupported value: "Reranking": supported values: "TextGeneration", "TextEmbedding", "SpeechToText", <nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]',
      reason: 'Invalid',
      details: {
        name: 'bad',
        group: 'kubeai.org',
        kind: 'Model',
        causes: [
          {
            reason: 'FieldValueNotSupported',
            message:
              'Unsupported value: "Reranking": supported values: "TextGeneration", "TextEmbedding", "SpeechToText"',
            field: 'spec.features[0]',
          },
          {
            reason: 'FieldValueInvalid',
            message:
              'Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
            field: '<nil>',
          },
        ],
      },
      code: 422,
    });
  });

  it('answers a failed CEL rule with its message', async () => {
    const { status, body } = await k8s.call('POST', MODELS, {
      body: model('team-a', 'gcs', { url: 'gs://bucket/llama' }),
    });
    expect(status).toBe(422);
    expect(body.message).toBe(
      'Model.kubeai.org "gcs" is invalid: spec: Invalid value: "object": urls of format "gs://..." only supported when using a cacheProfile',
    );
    const s3 = await k8s.call('POST', MODELS, {
      body: model('team-a', 's3', { url: 's3://bucket/llama' }),
    });
    expect(s3.status).toBe(422);
    expect(s3.body.message).toBe(
      'Model.kubeai.org "s3" is invalid: spec: Invalid value: "object": urls of format "s3://..." only supported when using a cacheProfile',
    );
  });

  it('stores the CRD defaults', async () => {
    const { status, body } = await k8s.call('POST', MODELS, {
      body: model('team-a', 'llama'),
    });
    expect(status).toBe(201);
    expect(body.spec).toMatchObject({
      scaleDownDelaySeconds: 30,
      targetRequests: 100,
      loadBalancing: { strategy: 'LeastLoad' },
    });
  });

  it('applies transition rules on an update', async () => {
    const created = await k8s.call('POST', MODELS, {
      body: model('team-a', 'cached', {
        url: 's3://bucket/llama',
        cacheProfile: 'standard',
      }),
    });
    expect(created.status).toBe(201);
    const { status, body } = await putSpec('cached', {
      cacheProfile: 'premium',
    });
    expect(status).toBe(422);
    expect(body.details.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "string": cacheProfile is immutable.',
        field: 'spec.cacheProfile',
      },
    ]);
  });

  it('keeps the url immutable on a merge patch', async () => {
    await k8s.call('POST', MODELS, { body: model('team-a', 'llama') });
    const { status, body } = await k8s.call('PATCH', `${MODELS}/llama`, {
      body: { spec: { url: 'hf://Qwen/Qwen2.5-1.5B-Instruct' } },
      contentType: MERGE,
    });
    expect(status).toBe(422);
    expect(body.message).toBe(
      'Model.kubeai.org "llama" is invalid: spec.url: Invalid value: "string": url is immutable.',
    );
  });

  describe('unknown fields', () => {
    const withTypo = () => {
      const body = model('team-a', 'typo') as any;
      body.spec.maxReplica = 3;
      body.spec.loadBalancing = { strategy: 'LeastLoad', prefixHsh: {} };
      return body;
    };

    it('prunes them and warns by default (fieldValidation=Warn)', async () => {
      const { status, headers, body } = await k8s.call('POST', MODELS, {
        body: withTypo(),
      });
      expect(status).toBe(201);
      expect(body.spec.maxReplica).toBeUndefined();
      expect(body.spec.loadBalancing.prefixHsh).toBeUndefined();
      expect(headers.get('warning')).toBe(
        '299 - "unknown field \\"spec.loadBalancing.prefixHsh\\"", 299 - "unknown field \\"spec.maxReplica\\""',
      );
    });

    it('treats the fields later KubeAI releases added (files, envFrom, priorityClassName) as unknown', async () => {
      const body = model('team-a', 'newer', {
        files: [{ path: '/etc/a', content: 'a' }],
        envFrom: [{ secretRef: { name: 'hf' } }],
        priorityClassName: 'high',
      });
      const created = await k8s.call('POST', MODELS, { body });
      expect(created.status).toBe(201);
      expect(created.body.spec.files).toBeUndefined();
      expect(created.body.spec.envFrom).toBeUndefined();
      expect(created.body.spec.priorityClassName).toBeUndefined();
      expect(created.headers.get('warning')).toBe(
        '299 - "unknown field \\"spec.envFrom\\"", 299 - "unknown field \\"spec.files\\"", 299 - "unknown field \\"spec.priorityClassName\\""',
      );
    });

    it('prunes them silently with fieldValidation=Ignore', async () => {
      const { status, headers, body } = await k8s.call(
        'POST',
        `${MODELS}?fieldValidation=Ignore`,
        { body: withTypo() },
      );
      expect(status).toBe(201);
      expect(body.spec.maxReplica).toBeUndefined();
      expect(headers.get('warning')).toBeNull();
    });

    it('refuses a create with 400 BadRequest under fieldValidation=Strict', async () => {
      const { status, body } = await k8s.call(
        'POST',
        `${MODELS}?fieldValidation=Strict`,
        { body: withTypo() },
      );
      expect(status).toBe(400);
      expect(body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'Model in version "v1" cannot be handled as a Model: strict decoding error: unknown field "spec.loadBalancing.prefixHsh", unknown field "spec.maxReplica"',
        reason: 'BadRequest',
        code: 400,
      });
      expect((await k8s.call('GET', `${MODELS}/typo`)).status).toBe(404);
    });

    it('refuses an update with 400 under Strict', async () => {
      await k8s.call('POST', MODELS, { body: model('team-a', 'llama') });
      const live = (await k8s.call('GET', `${MODELS}/llama`)).body;
      const { status, body } = await k8s.call(
        'PUT',
        `${MODELS}/llama?fieldValidation=Strict`,
        { body: { ...live, spec: { ...live.spec, replica: 2 } } },
      );
      expect(status).toBe(400);
      expect(body.message).toBe(
        'Model in version "v1" cannot be handled as a Model: strict decoding error: unknown field "spec.replica"',
      );
    });

    it('refuses a merge patch with 422 naming the patch under Strict, warns otherwise', async () => {
      await k8s.call('POST', MODELS, { body: model('team-a', 'llama') });
      const strict = await k8s.call(
        'PATCH',
        `${MODELS}/llama?fieldValidation=Strict`,
        { body: { spec: { replica: 2 } }, contentType: MERGE },
      );
      expect(strict.status).toBe(422);
      expect(strict.body.reason).toBe('Invalid');
      expect(strict.body.details.causes).toHaveLength(1);
      expect(strict.body.details.causes[0]).toMatchObject({
        reason: 'FieldValueInvalid',
        field: 'patch',
      });
      expect(strict.body.message).toMatch(
        /^"" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"kubeai\.org\/v1\\",.*\\"replica\\":2.*\}": strict decoding error: unknown field "spec\.replica"$/,
      );

      const warned = await k8s.call('PATCH', `${MODELS}/llama`, {
        body: { spec: { replica: 2, maxReplicas: 4 } },
        contentType: MERGE,
      });
      expect(warned.status).toBe(200);
      expect(warned.body.spec.maxReplicas).toBe(4);
      expect(warned.body.spec.replica).toBeUndefined();
      expect(warned.headers.get('warning')).toBe(
        '299 - "unknown field \\"spec.replica\\""',
      );
    });

    it('fails a server-side apply with unknown fields as the API server does (500), whatever fieldValidation says', async () => {
      for (const mode of ['Ignore', 'Strict']) {
        const { status, body } = await k8s.call(
          'PATCH',
          `${MODELS}/typo?fieldManager=portal&fieldValidation=${mode}`,
          { body: withTypo(), contentType: APPLY },
        );
        expect(status).toBe(500);
        expect(body).toEqual({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message:
            'failed to create typed patch object (team-a/typo; kubeai.org/v1, Kind=Model): errors:\n  .spec.loadBalancing.prefixHsh: field not declared in schema\n  .spec.maxReplica: field not declared in schema',
          code: 500,
        });
      }
    });

    it('refuses an unknown fieldValidation value', async () => {
      const { status, body } = await k8s.call(
        'POST',
        `${MODELS}?fieldValidation=Loud`,
        { body: model('team-a', 'llama') },
      );
      expect(status).toBe(422);
      expect(body.message).toBe(
        'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Loud": supported values: "", "Ignore", "Strict", "Warn"',
      );
    });
  });
});
