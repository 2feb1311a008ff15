import {
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonValue } from '@backstage/types';
// The real runtime backend serves the approvals the gate asks for (a test-only dependency).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import runtimeBackend from '@runtime-portal/backstage-plugin-runtime-backend';
import {
  KubeAIModel,
  MODEL_KIND,
  RuntimeClients,
  readRuntimeApprovals,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { RuntimeApproval } from '@runtime-portal/backstage-plugin-runtime-common';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TEST_USERS,
  sandboxClients,
  startTestSandbox,
  testContext,
  testDeps,
} from '../__testUtils__/actionTestKit';
import { ApprovalsClient } from '../../approvals';
import {
  createRuntimeInferenceEndpointAction,
  inferenceEndpointCreateAction,
} from '../inferenceEndpoint/inferenceEndpointCreate';
import { registryRun } from './run';
import { runProvisioningAction } from './provisioningAction';

const APPROVERS = 'group:default/platform-team';

/** The portal's users as the runtime backend sees them (the approver is a platform-team member). */
const MEMBERSHIPS: Record<string, string[]> = {
  [TEST_USERS.search]: ['group:default/search-team'],
  [TEST_USERS.admin]: [APPROVERS],
};

const gpuInput = (name: string) => ({
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
  namespace: 'team-search',
  name,
  url: 'hf://BAAI/bge-small-en-v1.5',
  engine: 'Infinity',
  features: ['TextEmbedding'],
  resourceProfile: 'nvidia-gpu-l4:1',
  minReplicas: 0,
  maxReplicas: 1,
});

describe('the approval gate of the Runtime actions', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  let baseUrl: string;
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    const backend = await startTestBackend({
      features: [
        runtimeBackend,
        catalogServiceMock.factory(),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials) {
              const ref = (credentials.principal as BackstageUserPrincipal)
                .userEntityRef;
              return {
                userEntityRef: ref,
                ownershipEntityRefs: [ref, ...(MEMBERSHIPS[ref] ?? [])],
              };
            },
          }),
        }),
        mockServices.rootConfig.factory({
          data: { runtime: { environments: [] } },
        }),
      ],
    });
    baseUrl = `http://localhost:${backend.server.port()}/api/runtime`;
    stopBackend = () => backend.stop();
  });
  afterAll(async () => {
    await stopBackend();
    await sandbox.close();
  });

  const getModel = (name: string) =>
    clients
      .client('dev', 'kubernetes')
      .get<KubeAIModel>(MODEL_KIND, 'team-search', name);

  /** The module's deps with the gate: GPU endpoints need platform-team approval. */
  const gatedDeps = () => {
    const { deps } = testDeps(clients);
    const client = new ApprovalsClient({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });
    deps.approvals = {
      config: readRuntimeApprovals(
        new ConfigReader({
          runtime: {
            approvals: {
              rules: [
                {
                  actions: ['runtime:inference-endpoint:create'],
                  when: { gpu: true },
                  approvers: APPROVERS,
                },
              ],
            },
          },
        }),
      ),
      client,
      pollIntervalMs: 20,
      appBaseUrl: 'http://portal.example.com',
    };
    return { deps, client };
  };

  const asService = {
    authorization: mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:scaffolder'),
      targetPluginId: 'runtime',
    }),
  };

  /** The requests the runtime backend holds. */
  const approvals = async (): Promise<RuntimeApproval[]> =>
    (await (await fetch(`${baseUrl}/approvals`, { headers: asService })).json())
      .items;

  /** Waits until the backend holds a pending request for `taskId`. */
  const pendingFor = async (taskId: string): Promise<RuntimeApproval> => {
    for (let i = 0; i < 200; i++) {
      const found = (await approvals()).find(
        a => a.taskId === taskId && a.status === 'pending',
      );
      if (found) return found;
      await new Promise(resolve => setTimeout(resolve, 25));
    }
    throw new Error(`No pending approval request for task ${taskId}`);
  };

  /** Waits until a run has logged that it waits (just after its request is stored). */
  const loggedWaiting = async (info: jest.Mock) => {
    const waiting = () =>
      info.mock.calls.some(([message]) =>
        String(message).startsWith('Waiting for approval'),
      );
    for (let i = 0; i < 200 && !waiting(); i++) {
      await new Promise(resolve => setTimeout(resolve, 25));
    }
  };

  const decide = async (
    id: string,
    decision: 'approve' | 'reject',
    user: string = TEST_USERS.admin,
  ) => {
    const response = await fetch(`${baseUrl}/approvals/${id}/decision`, {
      method: 'POST',
      headers: {
        authorization: mockCredentials.user.header(user),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ decision, comment: `${decision} in test` }),
    });
    expect(response.status).toBe(200);
  };

  /** A task's context whose checkpoints are recorded in `checkpoints`, as the scaffolder does. */
  const taskContext = (
    taskId: string,
    input: Record<string, unknown>,
    checkpoints = new Map<string, JsonValue>(),
    isDryRun = false,
  ) => ({
    ...testContext({ input, isDryRun }),
    task: { id: taskId },
    async checkpoint<T extends JsonValue | void>(opts: {
      key: string;
      fn: () => Promise<T> | T;
    }): Promise<T> {
      if (checkpoints.has(opts.key)) return checkpoints.get(opts.key) as T;
      const value = await opts.fn();
      checkpoints.set(opts.key, (value ?? {}) as JsonValue);
      return value;
    },
  });

  it('in a task: waits for the approvers, then provisions once approved; a resumed task does not ask again', async () => {
    const { deps, client } = gatedDeps();
    const create = jest.spyOn(client, 'create');
    const checkpoints = new Map<string, JsonValue>();
    const ctx = taskContext(
      'task-approve',
      gpuInput('gpu-approved'),
      checkpoints,
    );
    const running = createRuntimeInferenceEndpointAction(deps).handler(ctx);

    const pending = await pendingFor('task-approve');
    expect(pending).toMatchObject({
      action: 'runtime:inference-endpoint:create',
      environment: 'dev',
      owner: 'group:default/search-team',
      service: 'semantic-search',
      requestedBy: TEST_USERS.search,
      approvers: APPROVERS,
    });
    expect(pending.summary).toContain('resourceProfile=nvidia-gpu-l4:1');
    expect(await getModel('gpu-approved')).toBeUndefined();
    await loggedWaiting(ctx.logger.info as jest.Mock);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        `Waiting for approval by ${APPROVERS} (request ${pending.id}`,
      ),
    );
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        `http://portal.example.com/runtime/approvals/${pending.id}`,
      ),
    );

    await decide(pending.id, 'approve');
    await running;
    expect((await getModel('gpu-approved'))?.spec.resourceProfile).toBe(
      'nvidia-gpu-l4:1',
    );
    expect(create).toHaveBeenCalledTimes(1);

    // The task resumes (e.g. after a restart): the checkpoint holds the decision, nobody is asked.
    const resumed = taskContext(
      'task-approve',
      gpuInput('gpu-approved'),
      checkpoints,
    );
    await createRuntimeInferenceEndpointAction(deps).handler(resumed);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('in a task: fails with a clear NotAllowedError when rejected, and writes nothing upstream', async () => {
    const { deps } = gatedDeps();
    const before = await sandbox.snapshot();
    const ctx = taskContext('task-reject', gpuInput('gpu-rejected'));
    const running = createRuntimeInferenceEndpointAction(deps)
      .handler(ctx)
      .then(
        () => undefined,
        (e: Error) => e,
      );

    const pending = await pendingFor('task-reject');
    await decide(pending.id, 'reject');
    const error = await running;
    expect(error?.name).toBe('NotAllowedError');
    expect(error?.message).toBe(
      `Not allowed: approval request ${pending.id} for runtime:inference-endpoint:create was rejected by ${TEST_USERS.admin}: reject in test`,
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('a dry run never asks: it says who would have to approve', async () => {
    const { deps, client } = gatedDeps();
    const create = jest.spyOn(client, 'create');
    const ctx = taskContext('task-dry', gpuInput('gpu-dry'), new Map(), true);
    await createRuntimeInferenceEndpointAction(deps).handler(ctx);
    expect(create).not.toHaveBeenCalled();
    expect(ctx.logger.info).toHaveBeenCalledWith(
      `Dry run: the real run of runtime:inference-endpoint:create needs approval by ${APPROVERS}`,
    );
    expect((await approvals()).filter(a => a.taskId === 'task-dry')).toEqual(
      [],
    );
  });

  it('a CPU endpoint needs no approval under a GPU rule', async () => {
    const { deps, client } = gatedDeps();
    const create = jest.spyOn(client, 'create');
    const ctx = taskContext('task-cpu', {
      ...gpuInput('cpu-endpoint'),
      resourceProfile: 'cpu:2',
    });
    await createRuntimeInferenceEndpointAction(deps).handler(ctx);
    expect(create).not.toHaveBeenCalled();
    expect(await getModel('cpu-endpoint')).toBeDefined();
  });

  it('through the registry: the first call asks and fails, the same call proceeds once approved, and only once', async () => {
    const { deps } = gatedDeps();
    const call = (input: Record<string, unknown>) =>
      runProvisioningAction(
        inferenceEndpointCreateAction,
        deps,
        registryRun({
          input,
          credentials: mockCredentials.user(TEST_USERS.search),
          logger: mockServices.logger.mock(),
        }),
      );
    const before = await sandbox.snapshot();

    const first = await call(gpuInput('gpu-registry')).catch((e: Error) => e);
    expect(first).toBeInstanceOf(Error);
    const id =
      /^Approval needed: request (\S+) waits for group:default\/platform-team; call again once approved/.exec(
        (first as Error).message,
      )?.[1];
    expect(id).toBeDefined();
    expect((first as Error).name).toBe('NotAllowedError');
    await expect(call(gpuInput('gpu-registry'))).rejects.toThrow(
      `Approval needed: request ${id} waits`,
    );
    expect(await sandbox.snapshot()).toEqual(before);

    // The approval covers this exact call only: another input asks anew.
    const other = await call(gpuInput('gpu-registry-other')).catch(
      (e: Error) => e,
    );
    expect((other as Error).message).toMatch(/^Approval needed: request /);
    expect((other as Error).message).not.toContain(id);

    await decide(id!, 'approve');
    await call(gpuInput('gpu-registry'));
    expect((await getModel('gpu-registry'))?.spec.resourceProfile).toBe(
      'nvidia-gpu-l4:1',
    );
    const used = (await approvals()).find(a => a.id === id);
    expect(used).toMatchObject({
      status: 'approved',
      usedAt: expect.any(String),
    });

    // The approval is used up: the same caller's identical call asks for a new decision.
    await clients
      .client('dev', 'kubernetes')
      .delete(MODEL_KIND, 'team-search', 'gpu-registry');
    const afterDelete = await sandbox.snapshot();
    const next = await call(gpuInput('gpu-registry')).catch((e: Error) => e);
    expect((next as Error).name).toBe('NotAllowedError');
    const nextId = /^Approval needed: request (\S+) waits for /.exec(
      (next as Error).message,
    )?.[1];
    expect(nextId).toBeDefined();
    expect(nextId).not.toBe(id);
    expect((await approvals()).find(a => a.id === nextId)?.status).toBe(
      'pending',
    );
    expect(await sandbox.snapshot()).toEqual(afterDelete);
    expect(await getModel('gpu-registry')).toBeUndefined();
  });

  it('through the registry: two identical calls racing for one approval, only one goes ahead', async () => {
    const { deps, client } = gatedDeps();
    const input = gpuInput('gpu-registry-race');
    const run = () =>
      registryRun({
        input,
        credentials: mockCredentials.user(TEST_USERS.search),
        logger: mockServices.logger.mock(),
      });
    const first = await runProvisioningAction(
      inferenceEndpointCreateAction,
      deps,
      run(),
    ).catch((e: Error) => e);
    const id = /request (\S+) waits/.exec((first as Error).message)?.[1];
    await decide(id!, 'approve');

    // Another identical call uses the approval between this call's read and its use.
    const approved = await client.get(id!);
    expect(approved.status).toBe('approved');
    const create = jest.spyOn(client, 'create');
    create.mockImplementationOnce(async () => {
      await client.use(id!);
      return approved;
    });
    const raced = await runProvisioningAction(
      inferenceEndpointCreateAction,
      deps,
      run(),
    ).catch((e: Error) => e);
    expect((raced as Error).name).toBe('NotAllowedError');
    expect((raced as Error).message).toMatch(/^Approval needed: request /);
    expect((raced as Error).message).not.toContain(id);
    expect(create).toHaveBeenCalledTimes(2);
    expect(await getModel('gpu-registry-race')).toBeUndefined();
  });

  it('through the registry: a rejected call is refused', async () => {
    const { deps } = gatedDeps();
    const call = () =>
      runProvisioningAction(
        inferenceEndpointCreateAction,
        deps,
        registryRun({
          input: gpuInput('gpu-registry-rejected'),
          credentials: mockCredentials.user(TEST_USERS.search),
          logger: mockServices.logger.mock(),
        }),
      );
    const first = await call().catch((e: Error) => e);
    const id = /request (\S+) waits/.exec((first as Error).message)?.[1];
    await decide(id!, 'reject');
    await expect(call()).rejects.toThrow(
      `Not allowed: approval request ${id} for runtime:inference-endpoint:create was rejected`,
    );
    expect(await getModel('gpu-registry-rejected')).toBeUndefined();
  });
});
