import {
  KubeAIModel,
  MODEL_KIND,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TEST_USERS,
  outputsOf,
  runActionOnce,
  sandboxAdminClients,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { dependentOn, retirer } from '../__testUtils__/retirementTestKit';
import { claimLabels } from '../claimedObject';
import { createRuntimeInferenceEndpointAction } from './inferenceEndpointCreate';
import { createRuntimeInferenceEndpointDeleteAction } from './inferenceEndpointDelete';

const target = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
  namespace: 'team-search',
};

const createInput = (name: string, minReplicas = 0) => ({
  ...target,
  name,
  url: 'hf://BAAI/bge-small-en-v1.5',
  engine: 'Infinity',
  features: ['TextEmbedding'],
  minReplicas,
  maxReplicas: 1,
  waitTimeoutSeconds: 10,
});

const entityRefOf = (name: string) =>
  `resource:default/dev-endpoint-team-search-${name}`;

/** A service of the catalog that depends on the endpoint `name`. */
const dependent = (name: string) =>
  dependentOn(entityRefOf(name), 'search-api');

describe('runtime:inference-endpoint:delete', () => {
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

  const create = async (name: string, minReplicas = 0) => {
    const { error } = await runActionOnce(
      createRuntimeInferenceEndpointAction,
      clients,
      createInput(name, minReplicas),
    );
    expect(error).toBeUndefined();
  };

  const retire = retirer(
    createRuntimeInferenceEndpointDeleteAction,
    () => clients,
  );

  it('removes exactly what the create made: every upstream is as before the create; a second run removes nothing', async () => {
    const before = await sandbox.snapshot();
    // A ready replica, so the Model has status and Pods that must go with it.
    await create('full-circle', 1);
    expect((await getModel('full-circle'))?.status?.replicas?.ready).toBe(1);

    const { ctx, error, auditEvent } = await retire({
      ...target,
      name: 'full-circle',
    });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      entityRef: entityRefOf('full-circle'),
      removed: ['KubeAI Model team-search/full-circle'],
      dependents: [],
    });
    expect(auditEvent.success).toHaveBeenCalled();
    expect(await sandbox.snapshot()).toEqual(before);

    const again = await retire({ ...target, name: 'full-circle' });
    expect(again.error).toBeUndefined();
    expect(outputsOf(again.ctx)).toEqual({
      entityRef: entityRefOf('full-circle'),
      removed: [],
      dependents: [],
    });
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('dry run lists what would go and changes nothing', async () => {
    await create('dry-retire');
    const before = await sandbox.snapshot();
    const { ctx, error } = await retire(
      { ...target, name: 'dry-retire' },
      { isDryRun: true },
    );
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      entityRef: entityRefOf('dry-retire'),
      removed: ['KubeAI Model team-search/dry-retire'],
      dependents: [],
    });
    expect(await sandbox.snapshot()).toEqual(before);
    expect(await getModel('dry-retire')).toBeDefined();
  });

  it('refuses while a catalog entity depends on the endpoint, unless force', async () => {
    await create('depended-on');
    const before = await sandbox.snapshot();
    const refused = await retire(
      { ...target, name: 'depended-on' },
      { entities: [dependent('depended-on')] },
    );
    expect(refused.error?.name).toBe('ConflictError');
    expect(refused.error?.message).toBe(
      'Inference endpoint team-search/depended-on is still depended on by component:default/search-api; retire those first, or run again with force',
    );
    expect(await sandbox.snapshot()).toEqual(before);

    const dry = await retire(
      { ...target, name: 'depended-on' },
      { entities: [dependent('depended-on')], isDryRun: true },
    );
    expect(dry.error).toBeUndefined();
    expect(outputsOf(dry.ctx)).toMatchObject({
      removed: ['KubeAI Model team-search/depended-on'],
      dependents: ['component:default/search-api'],
    });
    expect(await sandbox.snapshot()).toEqual(before);

    const forced = await retire(
      { ...target, name: 'depended-on', force: true },
      { entities: [dependent('depended-on')] },
    );
    expect(forced.error).toBeUndefined();
    expect(outputsOf(forced.ctx)).toEqual({
      entityRef: entityRefOf('depended-on'),
      removed: ['KubeAI Model team-search/depended-on'],
      dependents: ['component:default/search-api'],
    });
    expect(await getModel('depended-on')).toBeUndefined();
  });

  describe("another team cannot retire search-team's Model", () => {
    beforeAll(() => create('guarded'));

    it.each([
      [
        'naming search-team as owner (the caller is not a member)',
        { ...target, name: 'guarded' },
        'NotAllowedError',
      ],
      [
        'as its own owner and service, in search-team’s namespace',
        {
          ...target,
          owner: 'group:default/assistant-team',
          service: 'chat-assistant',
          name: 'guarded',
        },
        'NotAllowedError',
      ],
    ])('%s: refused before any upstream write', async (_, input, errorName) => {
      const before = await sandbox.snapshot();
      const { error, auditor } = await retire(input, {
        user: TEST_USERS.assistant,
      });
      expect(error?.name).toBe(errorName);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'runtime-inference-endpoint-delete',
        }),
      );
      expect(await sandbox.snapshot()).toEqual(before);
      expect(await getModel('guarded')).toBeDefined();
    });

    it('refuses a Model whose labels name another team or service, naming both claims', async () => {
      const platform = sandboxAdminClients(sandbox).client('dev', 'kubernetes');
      await platform.create<KubeAIModel>({
        apiVersion: 'kubeai.org/v1',
        kind: 'Model',
        metadata: {
          name: 'theirs',
          namespace: 'team-search',
          labels: claimLabels({
            owner: 'assistant-team',
            service: 'chat-assistant',
          }),
        },
        spec: {
          url: 'hf://BAAI/bge-small-en-v1.5',
          engine: 'Infinity',
          features: ['TextEmbedding'],
          minReplicas: 0,
          maxReplicas: 1,
        },
      });
      const before = await sandbox.snapshot();
      for (const input of [
        { ...target, name: 'theirs' },
        { ...target, service: 'another-service', name: 'guarded' },
      ]) {
        const { error } = await retire(input);
        expect(error?.name).toBe('ConflictError');
      }
      const { error } = await retire({ ...target, name: 'theirs' });
      expect(error?.message).toBe(
        "Model team-search/theirs in dev already exists and belongs to owner 'assistant-team', service 'chat-assistant', not search-team/semantic-search",
      );
      expect(await sandbox.snapshot()).toEqual(before);
    });
  });

  it('never removes a Model that was replaced by another team’s between the check and the delete', async () => {
    await create('swapped');
    const kubernetes = clients.client('dev', 'kubernetes');
    const platform = sandboxAdminClients(sandbox).client('dev', 'kubernetes');
    const get = kubernetes.get.bind(kubernetes);
    let swapped = false;
    const spy = jest
      .spyOn(kubernetes, 'get')
      .mockImplementation(async (kind, namespace, name, options) => {
        const read = await get(kind, namespace, name, options);
        if (!swapped && name === 'swapped') {
          swapped = true;
          const replacement = { ...read! } as KubeAIModel;
          await platform.delete(MODEL_KIND, 'team-search', 'swapped');
          await platform.create<KubeAIModel>({
            apiVersion: replacement.apiVersion,
            kind: replacement.kind,
            metadata: {
              name: 'swapped',
              namespace: 'team-search',
              labels: claimLabels({
                owner: 'assistant-team',
                service: 'chat-assistant',
              }),
            },
            spec: replacement.spec,
          });
        }
        return read;
      });
    let result;
    try {
      result = await retire({ ...target, name: 'swapped' });
    } finally {
      spy.mockRestore();
    }
    expect(result.error?.name).toBe('ConflictError');
    expect(result.error?.message).toContain(
      "belongs to owner 'assistant-team', service 'chat-assistant'",
    );
    expect((await getModel('swapped'))?.metadata.labels).toMatchObject(
      claimLabels({ owner: 'assistant-team', service: 'chat-assistant' }),
    );
  });
});
