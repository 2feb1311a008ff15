import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  KubeAIModel,
  MODEL_KIND,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  outputsOf,
  sandboxClients,
  startTestSandbox,
  ActionRunOptions,
  runActionOnce,
} from '../__testUtils__/actionTestKit';
import { createRuntimeInferenceEndpointAction } from './inferenceEndpointCreate';

const baseInput = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
  namespace: 'team-search',
  name: 'bge-small-embeddings',
  url: 'hf://BAAI/bge-small-en-v1.5',
  engine: 'Infinity',
  features: ['TextEmbedding'],
  resourceProfile: 'cpu:2',
  minReplicas: 1,
  maxReplicas: 2,
  waitTimeoutSeconds: 10,
};

describe('runtime:inference-endpoint:create', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
  });
  afterAll(() => sandbox.close());

  const getModel = (name: string, namespace = 'team-search') =>
    clients
      .client('dev', 'kubernetes')
      .get<KubeAIModel>(MODEL_KIND, namespace, name);

  const run = (
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) =>
    runActionOnce(
      createRuntimeInferenceEndpointAction,
      clients,
      input,
      options,
    );

  it('dry run has the API server validate the Model, reports the plan and creates nothing', async () => {
    const { ctx, error } = await run(
      { ...baseInput, name: 'dry-model' },
      { isDryRun: true },
    );
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      baseUrl: expect.stringMatching(
        /^http:\/\/kubeai\.runtime-inference\.svc\.cluster\.local(:\d+)?\/openai\/v1$/,
      ),
      model: 'dry-model',
      entityRef: 'resource:default/dev-endpoint-team-search-dry-model',
    });
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('Dry run: the API server accepted Model'),
    );
    expect(await getModel('dry-model')).toBeUndefined();
  });

  it('applies a labelled Model, waits until a replica is ready and outputs the OpenAI base URL', async () => {
    const { ctx, error, auditEvent } = await run(baseInput);
    expect(error).toBeUndefined();
    expect(auditEvent.success).toHaveBeenCalled();
    const model = await getModel('bge-small-embeddings');
    expect(model?.metadata.labels).toMatchObject({
      'runtime-portal.io/owner': 'search-team',
      'runtime-portal.io/service': 'semantic-search',
    });
    expect(model?.spec).toMatchObject({
      url: 'hf://BAAI/bge-small-en-v1.5',
      engine: 'Infinity',
      features: ['TextEmbedding'],
      resourceProfile: 'cpu:2',
      minReplicas: 1,
      maxReplicas: 2,
    });
    expect(model?.status?.replicas?.ready).toBeGreaterThanOrEqual(1);
    expect(outputsOf(ctx)).toEqual({
      baseUrl: expect.stringMatching(/\/openai\/v1$/),
      model: 'bge-small-embeddings',
      entityRef:
        'resource:default/dev-endpoint-team-search-bge-small-embeddings',
    });
  });

  it('a second run is a no-op success', async () => {
    const before = await getModel('bge-small-embeddings');
    const { error } = await run(baseInput);
    expect(error).toBeUndefined();
    const after = await getModel('bge-small-embeddings');
    expect(after?.metadata.uid).toBe(before?.metadata.uid);
    expect(after?.metadata.generation).toBe(before?.metadata.generation);
  });

  it('with minReplicas 0 it does not wait, and uses a given baseUrl', async () => {
    const { ctx, error } = await run({
      ...baseInput,
      name: 'scale-to-zero',
      minReplicas: 0,
      baseUrl: 'https://inference.dev.example.com',
    });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx).baseUrl).toBe(
      'https://inference.dev.example.com/openai/v1',
    );
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('Not waiting for a ready replica'),
    );
  });

  it('stops waiting after waitTimeoutSeconds with an error that says the Model stays and a re-run is safe', async () => {
    const kubernetes = clients.client('dev', 'kubernetes');
    const get = kubernetes.get.bind(kubernetes);
    const spy = jest
      .spyOn(kubernetes, 'get')
      .mockImplementation(async (kind, namespace, name, options) => {
        const object = await get(kind, namespace, name, options);
        return name === 'slow-model' && object
          ? { ...object, status: { replicas: { all: 1, ready: 0 } } }
          : object;
      });
    try {
      const { error } = await run({
        ...baseInput,
        name: 'slow-model',
        waitTimeoutSeconds: 1,
      });
      expect(error?.message).toContain(
        'had no ready replica after 1s; it keeps loading, and re-running this step is safe',
      );
    } finally {
      spy.mockRestore();
    }
    expect(await getModel('slow-model')).toBeDefined();
  });

  it("refuses another service's Model and leaves it as it was", async () => {
    const { error } = await run({ ...baseInput, service: 'other-service' });
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toBe(
      "Model team-search/bge-small-embeddings in dev already exists and belongs to owner 'search-team', service 'semantic-search', not search-team/other-service",
    );
    expect(
      (await getModel('bge-small-embeddings'))?.metadata.labels?.[
        'runtime-portal.io/owner'
      ],
    ).toBe('search-team');
  });

  it.each([
    [{ name: 'a'.repeat(41) }, 'name: must be at most 40 characters'],
    [{ name: 'Llama_3' }, 'name: must be lowercase'],
    [{ url: 'https://huggingface.co/x' }, 'url: must start with hf://'],
    [
      { url: 's3://bucket/llama' },
      'url: must start with hf://, pvc:// or ollama:// and name the model',
    ],
    [{ engine: 'TensorRT' }, 'engine:'],
    [{ features: ['Chat'] }, 'features.0:'],
    [{ minReplicas: -1 }, 'minReplicas: must be 0 or more'],
    [
      { minReplicas: 3, maxReplicas: 2 },
      'maxReplicas: must be at least minReplicas (3)',
    ],
    [{ resourceProfile: 'gpu' }, 'resourceProfile: must be <profile>:<count>'],
    [
      { args: ['--served-model-name=other'] },
      'args.0: sets a flag KubeAI sets for the portal',
    ],
    [{ args: ['--port', '9000'] }, 'args.0: sets a flag KubeAI sets'],
    [
      { args: Array.from({ length: 33 }, (_, i) => `--x${i}`) },
      'args: must have at most 32 arguments',
    ],
    [{ args: ['--a\n--model=x'] }, 'args.0: must not contain control'],
    [
      { env: { HF_TOKEN: 'hf_stolen_token' } },
      'env.HF_TOKEN: is set by KubeAI for the portal and may not be overridden',
    ],
    [
      { env: { aws_secret_access_key: 'x' } },
      'env.aws_secret_access_key: is set by KubeAI',
    ],
    [{ env: { 'BAD-NAME': 'x' } }, 'env.<name>: must be a C identifier'],
    [{ env: { '1ST': 'x' } }, 'env.<name>: must be a C identifier'],
    [
      {
        env: Object.fromEntries(
          Array.from({ length: 33 }, (_, i) => [`V${i}`, 'x']),
        ),
      },
      'env: must have at most 32 variables',
    ],
    [
      { env: { LONG: 'x'.repeat(4097) } },
      'env.LONG: must be at most 4096 characters',
    ],
    [
      { url: `hf://${'x'.repeat(2048)}` },
      'url: must be at most 2048 characters',
    ],
  ])(
    'rejects invalid input %j with an error naming the field',
    async (change, message) => {
      const input = { ...baseInput, name: 'invalid-model', ...change };
      const { error } = await run(input);
      expect(error?.name).toBe('InputError');
      expect(error?.message).toContain(message);
      expect(error?.message).not.toContain('hf_stolen_token');
      expect(await getModel('invalid-model')).toBeUndefined();
    },
  );

  it('refuses a namespace that does not exist: it belongs to no team', async () => {
    const { error } = await run({
      ...baseInput,
      name: 'invalid-model',
      namespace: 'team-missing',
    });
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toBe(
      'Not allowed: namespace team-missing in dev belongs to no team, not group:default/search-team',
    );
  });

  it('passes bounded args and env to the Model', async () => {
    const { error } = await run({
      ...baseInput,
      name: 'tuned',
      minReplicas: 0,
      args: ['--batch-size', '32'],
      env: { INFINITY_BATCH_SIZE: '32', hf_hub_offline: '1' },
    });
    expect(error).toBeUndefined();
    expect((await getModel('tuned'))?.spec).toMatchObject({
      args: ['--batch-size', '32'],
      env: { INFINITY_BATCH_SIZE: '32', hf_hub_offline: '1' },
    });
  });

  it('refuses a user without runtime.inference-endpoint.create and creates nothing', async () => {
    const { error } = await run(
      { ...baseInput, name: 'denied-model' },
      { result: AuthorizeResult.DENY },
    );
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toContain('runtime.inference-endpoint.create');
    expect(await getModel('denied-model')).toBeUndefined();
  });
});
