import {
  KubeAIModel,
  MODEL_KIND,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  TEST_USERS,
  outputsOf,
  runActionOnce,
  sandboxAdminClients,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { claimLabels } from '../claimedObject';
import { createRuntimeInferenceEndpointAction } from './inferenceEndpointCreate';
import { createRuntimeInferenceEndpointUpdateAction } from './inferenceEndpointUpdate';

const created = {
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
  args: ['--batch-size=32'],
  waitTimeoutSeconds: 10,
};
const target = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
  namespace: 'team-search',
  name: 'bge-small-embeddings',
  waitTimeoutSeconds: 10,
};
/** Team B's Model, in its own namespace. */
const bModel = {
  ...created,
  owner: 'group:default/assistant-team',
  service: 'chat-assistant',
  namespace: 'team-assistant',
  name: 'chat-embeddings',
};

describe('runtime:inference-endpoint:update', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    for (const [input, user] of [
      [created, TEST_USERS.search],
      [bModel, TEST_USERS.assistant],
    ] as const) {
      const made = await runActionOnce(
        createRuntimeInferenceEndpointAction,
        clients,
        input,
        { user },
      );
      if (made.error) throw made.error;
    }
  });
  afterAll(() => sandbox.close());

  const getModel = (name = target.name, namespace = 'team-search') =>
    clients
      .client('dev', 'kubernetes')
      .get<KubeAIModel>(MODEL_KIND, namespace, name);
  const run = (
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) =>
    runActionOnce(
      createRuntimeInferenceEndpointUpdateAction,
      clients,
      input,
      options,
    );

  it('dry run has the API server accept the change, reports it and changes nothing', async () => {
    const before = await sandbox.snapshot();
    const { ctx, error } = await run(
      { ...target, maxReplicas: 3, resourceProfile: 'cpu:4' },
      { isDryRun: true },
    );
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      model: target.name,
      entityRef:
        'resource:default/dev-endpoint-team-search-bge-small-embeddings',
      changes: ['maxReplicas: 2 → 3', 'resourceProfile: cpu:2 → cpu:4'],
      rollout: { ready: 1, desired: 1, finished: true },
    });
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'Dry run: the API server accepted Model team-search/bge-small-embeddings in dev with maxReplicas: 2 → 3',
      ),
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('changes only what the input names, waits for the rollout and outputs it; a re-run writes nothing', async () => {
    const input = {
      ...target,
      minReplicas: 2,
      maxReplicas: 3,
      resourceProfile: 'cpu:4',
    };
    const first = await run(input);
    expect(first.error).toBeUndefined();
    expect(first.auditEvent.success).toHaveBeenCalled();
    expect(outputsOf(first.ctx)).toEqual({
      model: target.name,
      entityRef:
        'resource:default/dev-endpoint-team-search-bge-small-embeddings',
      changes: [
        'minReplicas: 1 → 2',
        'maxReplicas: 2 → 3',
        'resourceProfile: cpu:2 → cpu:4',
      ],
      rollout: { ready: 2, desired: 2, finished: true },
    });
    const model = await getModel();
    expect(model?.spec).toMatchObject({
      url: created.url,
      engine: 'Infinity',
      features: ['TextEmbedding'],
      minReplicas: 2,
      maxReplicas: 3,
      resourceProfile: 'cpu:4',
      args: ['--batch-size=32'],
    });
    expect(model?.status?.replicas).toEqual({ all: 2, ready: 2 });
    expect(model?.metadata.labels).toMatchObject(
      claimLabels({ owner: 'search-team', service: 'semantic-search' }),
    );

    const before = await sandbox.snapshot();
    const again = await run({ ...input, url: created.url });
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx)).toMatchObject({
      changes: [],
      rollout: { ready: 2, desired: 2, finished: true },
    });
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('reports a rollout that did not finish within waitTimeoutSeconds, without failing', async () => {
    const { ctx, error } = await run({
      ...target,
      minReplicas: 3,
      waitTimeoutSeconds: 0,
    });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toMatchObject({
      changes: ['minReplicas: 2 → 3'],
      rollout: { desired: 3, finished: false },
    });
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('had not finished after 0s'),
    );
    const settled = await run({ ...target, minReplicas: 3 });
    expect(outputsOf(settled.ctx)).toMatchObject({
      changes: [],
      rollout: { ready: 3, desired: 3, finished: true },
    });
  });

  it.each([
    [{ maxReplicas: 0 }, 'Invalid input: maxReplicas: must be at least 1'],
    [
      { minReplicas: 1.5 },
      'Invalid input: minReplicas: must be a whole number',
    ],
    [
      { resourceProfile: 'a lot' },
      'Invalid input: resourceProfile: must be <profile>:<count>, e.g. nvidia-gpu-l4:1 or cpu:2',
    ],
    [
      { url: 's3://models/bge' },
      'Invalid input: url: must start with hf://, pvc:// or ollama:// and name the model',
    ],
    [
      { minReplicas: 3, maxReplicas: 2 },
      'Invalid input: maxReplicas: must be at least minReplicas (3)',
    ],
    [
      {},
      'Invalid input: input: name at least one of minReplicas, maxReplicas, resourceProfile, url to change',
    ],
    [
      { minReplicas: 5 },
      'Invalid input: minReplicas: maxReplicas must be at least minReplicas (5) for Model team-search/bge-small-embeddings in dev (minReplicas 5, maxReplicas 3); change both',
    ],
    [
      { url: 'hf://BAAI/bge-large-en-v1.5' },
      "Invalid input: url: Model team-search/bge-small-embeddings in dev serves hf://BAAI/bge-small-en-v1.5; KubeAI keeps a Model's url immutable, so give a new endpoint (another name) for another model",
    ],
  ])(
    'refuses %j with an InputError and changes nothing',
    async (change, message) => {
      const before = await sandbox.snapshot();
      const { error } = await run({ ...target, ...change });
      expect(error).toMatchObject({ name: 'InputError', message });
      expect(await sandbox.snapshot()).toEqual(before);
    },
  );

  it('a Model that does not exist is a NotFoundError', async () => {
    const { error } = await run({
      ...target,
      name: 'nothing-here',
      maxReplicas: 2,
    });
    expect(error).toMatchObject({
      name: 'NotFoundError',
      message:
        'Model team-search/nothing-here in dev does not exist; create it with runtime:inference-endpoint:create',
    });
  });

  it("refuses a change of team B's Model by a member of team A, whatever names they give, and changes nothing", async () => {
    const platform = sandboxAdminClients(sandbox).client('dev', 'kubernetes');
    // B's Model placed in A's namespace by someone else: A's names match, its claim does not.
    const intruder = (await getModel(bModel.name, 'team-assistant'))!;
    await platform.create({
      apiVersion: intruder.apiVersion,
      kind: intruder.kind,
      metadata: {
        name: 'b-in-a',
        namespace: 'team-search',
        labels: intruder.metadata.labels,
      },
      spec: { ...intruder.spec, minReplicas: 0, replicas: undefined },
    });
    const before = await sandbox.snapshot();
    const attacks: Array<[Record<string, unknown>, string, string]> = [
      [
        { ...bModel, maxReplicas: 9 },
        'NotAllowedError',
        'group:default/assistant-team',
      ],
      [
        {
          ...target,
          namespace: 'team-assistant',
          name: bModel.name,
          maxReplicas: 9,
        },
        'NotAllowedError',
        'team-assistant',
      ],
      [
        { ...target, name: 'b-in-a', maxReplicas: 9 },
        'ConflictError',
        "Model team-search/b-in-a in dev already exists and belongs to owner 'assistant-team', service 'chat-assistant', not search-team/semantic-search",
      ],
    ];
    for (const [input, name, says] of attacks) {
      const { error } = await run(input, { user: TEST_USERS.search });
      expect(error).toMatchObject({ name });
      expect(error?.message).toContain(says);
    }
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('refuses a change made concurrently, instead of overwriting it', async () => {
    const kubernetes = clients.client('dev', 'kubernetes');
    const platform = sandboxAdminClients(sandbox).client('dev', 'kubernetes');
    const apply = kubernetes.apply.bind(kubernetes);
    const spy = jest
      .spyOn(kubernetes, 'apply')
      .mockImplementation(async (object, options) => {
        // Right after the read, someone else changes the Model.
        const live = (await platform.get<KubeAIModel>(
          MODEL_KIND,
          'team-search',
          target.name,
        ))!;
        await platform.replace({
          ...live,
          spec: { ...live.spec, maxReplicas: 7 },
        });
        return apply(object, options);
      });
    try {
      const { error } = await run({ ...target, maxReplicas: 4 });
      expect(error).toMatchObject({ name: 'ConflictError' });
      expect(error?.message).toContain(
        'Model team-search/bge-small-embeddings in dev was changed by someone else while it was being updated; nothing was overwritten',
      );
    } finally {
      spy.mockRestore();
    }
    expect((await getModel())?.spec.maxReplicas).toBe(7);
  });
});
