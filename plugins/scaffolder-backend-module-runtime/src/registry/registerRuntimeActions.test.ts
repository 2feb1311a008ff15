import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  RUNTIME_RESOURCES_CHANGED_TOPIC,
  RuntimeClients,
  runtimeClientsServiceRef,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TEST_COMPONENTS,
  TEST_USERS,
  sandboxClients,
  startTestSandbox,
  testUserInfo,
} from '../actions/__testUtils__/actionTestKit';
import { scaffolderModuleRuntime } from '../module';

/** A search-team member the permission policy allows, and one it denies. */
const ALLOWED_USER = TEST_USERS.search;
const DENIED_USER = 'user:default/mallory';

const bucketInput = {
  environment: 'dev',
  owner: 'search-team',
  service: 'semantic-search',
};

describe('Runtime actions in the actions registry (MCP)', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
  });
  afterAll(() => sandbox.close());

  async function startModule() {
    const registry = actionsRegistryServiceMock();
    const events = mockServices.events.mock();
    const permissions = mockServices.permissions.mock({
      authorize: async (requests, options) =>
        requests.map(() => ({
          result:
            (options?.credentials as BackstageCredentials<any>).principal
              ?.userEntityRef === ALLOWED_USER
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    });
    await startTestBackend({
      extensionPoints: [
        [scaffolderActionsExtensionPoint, { addActions: jest.fn() }],
      ],
      features: [
        scaffolderModuleRuntime,
        permissions.factory,
        events.factory,
        catalogServiceMock.factory({ entities: TEST_COMPONENTS }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => testUserInfo(),
        }),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => registry,
        }),
        createServiceFactory({
          service: runtimeClientsServiceRef,
          deps: {},
          factory: () => clients,
        }),
      ],
    });
    return { registry, events, permissions };
  }

  const storage = () => clients.client('dev', 'objectStorage');
  const bucketNames = async () =>
    (await storage().listBuckets()).map(b => b.name);

  it('lists the provisioning and day-2 actions as destructive (each can rewrite or remove what exists) with their input schemas, a dryRun option and no secret values in input', async () => {
    const { registry } = await startModule();
    const { actions } = await registry.list();

    expect(actions.map(a => a.id)).toEqual([
      'test:runtime-secret-create',
      'test:runtime-bucket-create',
      'test:runtime-inference-endpoint-create',
      'test:runtime-workflow-create',
      'test:runtime-inference-endpoint-update',
      'test:runtime-workflow-update',
      'test:runtime-secret-rotate',
      'test:runtime-bucket-update',
      'test:runtime-bucket-rotate-credentials',
      'test:runtime-secret-delete',
      'test:runtime-bucket-delete',
      'test:runtime-inference-endpoint-delete',
      'test:runtime-workflow-delete',
      'test:runtime-resource-extend',
      'test:runtime-application-create',
      'test:runtime-database-create',
      'test:runtime-database-delete',
      'test:runtime-route-expose',
      'test:runtime-route-delete',
    ]);
    for (const action of actions) {
      expect(action.attributes).toEqual({
        destructive: true,
        idempotent: true,
        readOnly: false,
      });
      expect(action.schema.input).toMatchObject({
        type: 'object',
        required: expect.arrayContaining(['environment', 'owner', 'service']),
        properties: expect.objectContaining({ dryRun: expect.anything() }),
      });
      expect(action.schema.output).toMatchObject({
        properties: expect.objectContaining({ entityRef: expect.anything() }),
      });
    }
    const secret = actions.find(a => a.id === 'test:runtime-secret-create')!;
    expect(secret.schema.input.properties).not.toHaveProperty('values');
    expect(secret.schema.secrets).toMatchObject({ type: 'object' });
  });

  it('creates the bucket in the Runtime for an allowed caller and announces it to the catalog', async () => {
    const { registry, events } = await startModule();

    const result = await registry.invoke({
      id: 'test:runtime-bucket-create',
      input: { ...bucketInput, name: 'mcp-made-bucket' },
      credentials: mockCredentials.user(ALLOWED_USER),
    });

    expect(result.output).toEqual({
      bucket: 'mcp-made-bucket',
      endpoint: sandbox.urls.s3,
      entityRef: 'resource:default/dev-bucket-mcp-made-bucket',
      policyName: 'runtime-bucket-mcp-made-bucket',
      credentialsPath: 'semantic-search/buckets/mcp-made-bucket',
    });
    expect(await bucketNames()).toContain('mcp-made-bucket');
    expect(await storage().getTags('mcp-made-bucket')).toMatchObject({
      owner: 'search-team',
      service: 'semantic-search',
    });
    expect(events.publish).toHaveBeenCalledWith({
      topic: RUNTIME_RESOURCES_CHANGED_TOPIC,
      eventPayload: { environment: 'dev', source: 'objectStorage' },
    });
  });

  it("refuses a caller the permission policy denies, using the caller's own credentials, and creates nothing", async () => {
    const { registry, permissions, events } = await startModule();

    await expect(
      registry.invoke({
        id: 'test:runtime-bucket-create',
        input: { ...bucketInput, name: 'mcp-denied-bucket' },
        credentials: mockCredentials.user(DENIED_USER),
      }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('runtime.bucket.create'),
    });

    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'runtime.bucket.create',
          }),
        },
      ],
      { credentials: mockCredentials.user(DENIED_USER) },
    );
    expect(await bucketNames()).not.toContain('mcp-denied-bucket');
    expect(events.publish).not.toHaveBeenCalled();
  });

  it('with dryRun only reports: nothing is created and nothing announced', async () => {
    const { registry, events } = await startModule();

    const result = await registry.invoke({
      id: 'test:runtime-bucket-create',
      input: { ...bucketInput, name: 'mcp-dry-bucket', dryRun: true },
      credentials: mockCredentials.user(ALLOWED_USER),
    });

    expect(result.output).toMatchObject({ bucket: 'mcp-dry-bucket' });
    expect(await bucketNames()).not.toContain('mcp-dry-bucket');
    expect(events.publish).not.toHaveBeenCalled();
  });

  it('takes secret values only from the secrets channel: without it (as MCP calls) the secret is refused before anything is written', async () => {
    const { registry } = await startModule();
    const input = {
      ...bucketInput,
      name: 'mcp-api-key',
      keys: ['API_KEY'],
      namespace: 'team-search',
    };

    await expect(
      registry.invoke({
        id: 'test:runtime-secret-create',
        input: { ...input, API_KEY: 'pasted-into-the-prompt' },
        credentials: mockCredentials.user(ALLOWED_USER),
      }),
    ).rejects.toThrow(/requires secrets/);
    const openbao = clients.client('dev', 'openbao');
    expect(
      await openbao.readSecretMetadata('semantic-search/mcp-api-key'),
    ).toBeUndefined();

    const result = await registry.invoke({
      id: 'test:runtime-secret-create',
      input,
      secrets: { API_KEY: 's3cr3t-value' },
      credentials: mockCredentials.user(ALLOWED_USER),
    });
    expect(result.output).toMatchObject({
      path: 'semantic-search/mcp-api-key',
    });
    expect(JSON.stringify(result)).not.toContain('s3cr3t-value');
  });
});
