import {
  KubeAIModel,
  MODEL_KIND,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TEST_USERS,
  runActionOnce,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { settledObject } from '../claimedObject/__testUtils__/settledObject';
import { createRuntimeInferenceEndpointAction } from './inferenceEndpointCreate';

/** Team B: assistant-team's Model, made by one of its members. */
const bModel = {
  environment: 'dev',
  owner: 'group:default/assistant-team',
  service: 'chat-assistant',
  namespace: 'team-assistant',
  name: 'b-embed',
  url: 'hf://BAAI/bge-small-en-v1.5',
  engine: 'Infinity',
  features: ['TextEmbedding'],
  minReplicas: 0,
  baseUrl: 'http://kubeai.runtime-inference.svc',
};
/** Team A: search-team, whose member attacks. */
const teamA = {
  owner: 'group:default/search-team',
  service: 'semantic-search',
};

describe('runtime:inference-endpoint:create across teams', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  const settledModel = (name: string, namespace = 'team-assistant') =>
    settledObject<KubeAIModel>(
      clients.client('dev', 'kubernetes'),
      MODEL_KIND,
      namespace,
      name,
    );
  let before: KubeAIModel | undefined;

  const run = (input: Record<string, unknown>, user: string) =>
    runActionOnce(createRuntimeInferenceEndpointAction, clients, input, {
      user,
    });

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    const { error } = await run(bModel, TEST_USERS.assistant);
    // B's objects must exist for the attacks to mean anything.
    if (error) throw error;
    before = await settledModel('b-embed');
  });
  afterAll(() => sandbox.close());

  /** B's Model, field by field, as it was. */
  async function expectTeamBUntouched() {
    const after = await settledModel('b-embed');
    expect(after?.spec).toEqual(before?.spec);
    expect(after?.metadata.labels).toEqual(before?.metadata.labels);
    expect(after?.metadata.resourceVersion).toBe(
      before!.metadata.resourceVersion,
    );
    expect(after?.metadata.managedFields).toEqual(
      before?.metadata.managedFields,
    );
    expect(before?.metadata.labels).toMatchObject({
      'runtime-portal.io/owner': 'assistant-team',
      'runtime-portal.io/service': 'chat-assistant',
    });
  }

  it.each([
    [
      "overwrites B's Model for its own team",
      { ...bModel, ...teamA, url: 'hf://attacker/model' },
      'NotAllowedError',
      'Not allowed: namespace team-assistant in dev belongs to group:default/assistant-team, not group:default/search-team',
    ],
    [
      "overwrites B's Model claiming to act for B",
      { ...bModel, url: 'hf://attacker/model' },
      'NotAllowedError',
      'Not allowed: user:default/mock is not a member of group:default/assistant-team and may not act for it',
    ],
    [
      "overwrites B's Model claiming B's service",
      {
        ...bModel,
        ...teamA,
        service: 'chat-assistant',
        namespace: 'team-search',
      },
      'NotAllowedError',
      'Not allowed: service chat-assistant (component:default/chat-assistant) is owned by group:default/assistant-team, not group:default/search-team',
    ],
    [
      'creates a Model in kube-system',
      { ...bModel, ...teamA, namespace: 'kube-system', name: 'a-model' },
      'NotAllowedError',
      'Not allowed: namespace kube-system in dev belongs to no team, not group:default/search-team',
    ],
    [
      "replaces the portal's Hugging Face token through env",
      {
        ...bModel,
        ...teamA,
        namespace: 'team-search',
        name: 'a-model',
        env: { HF_TOKEN: 'hf_attacker' },
      },
      'InputError',
      'env.HF_TOKEN: is set by KubeAI for the portal and may not be overridden',
    ],
    [
      "serves its model under B's name",
      {
        ...bModel,
        ...teamA,
        namespace: 'team-search',
        name: 'a-model',
        args: ['--served-model-name=b-embed'],
      },
      'InputError',
      'args.0: sets a flag KubeAI sets for the portal',
    ],
  ])(
    'refuses a team A user who %s, and leaves B as it was',
    async (_, input, name, message) => {
      const { error, said } = await run(input, TEST_USERS.search);
      expect(error?.name).toBe(name);
      expect(error?.message).toContain(message);
      expect(said).not.toContain('hf_attacker');
      await expectTeamBUntouched();
      expect(await settledModel('a-model', 'team-search')).toBeUndefined();
    },
  );

  it("refuses B's member a claim of another service on B's Model (409 naming both)", async () => {
    const { error } = await run(
      { ...bModel, service: 'other-service', maxReplicas: 5 },
      TEST_USERS.assistant,
    );
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toBe(
      "Model team-assistant/b-embed in dev already exists and belongs to owner 'assistant-team', service 'chat-assistant', not assistant-team/other-service",
    );
    await expectTeamBUntouched();
  });

  it('lets a platform admin change B’s Model for B; B’s claim stays', async () => {
    const { error } = await run(
      { ...bModel, maxReplicas: 3 },
      TEST_USERS.admin,
    );
    expect(error).toBeUndefined();
    const after = await settledModel('b-embed');
    expect(after?.spec.maxReplicas).toBe(3);
    expect(after?.metadata.uid).toBe(before?.metadata.uid);
    expect(after?.metadata.labels).toEqual(before?.metadata.labels);
  });

  it('lets exactly one of two concurrent claims create the same Model', async () => {
    const claimFor = (service: string) =>
      run({ ...bModel, service, name: 'b-race' }, TEST_USERS.assistant);
    const results = await Promise.all([
      claimFor('svc-one'),
      claimFor('svc-two'),
    ]);
    expect(results.filter(result => !result.error)).toHaveLength(1);
    const loser = results.find(result => result.error)!;
    expect(loser.error?.name).toBe('ConflictError');
    const winner = results[0].error ? 'svc-two' : 'svc-one';
    expect(loser.error?.message).toContain(`service '${winner}'`);
    expect(
      (await settledModel('b-race'))?.metadata.labels?.[
        'runtime-portal.io/service'
      ],
    ).toBe(winner);
  });
});
