import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  TEST_USERS,
  runActionOnce,
  sandboxClients,
  startTestSandbox,
  testContext,
  testDeps,
} from '../actions/__testUtils__/actionTestKit';
import { createRuntimeBucketAction } from '../actions/bucket/bucketCreate';
import {
  bucketDeleteAction,
  createRuntimeBucketDeleteAction,
} from '../actions/bucket/bucketDelete';
import { runProvisioningAction } from '../actions/shared';
import { registryRun, systemReasonOf, systemRun } from '../actions/shared/run';
import { registerRuntimeActions } from '../registry';

/**
 * Only the expiry task's in-process `systemRun` acts as the portal: a scaffolder task or a registry
 * call that carries `system` (in its input or on its run) is still the caller, with every check.
 * The target is search-team's bucket; the callers are an assistant-team member and a service.
 */
describe('system runs', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  const owner = 'group:default/search-team';
  const service = 'semantic-search';
  const retireInput = {
    environment: 'dev',
    owner,
    service,
    name: 'team-a-bucket',
    force: true,
  };

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
    const { error } = await runActionOnce(createRuntimeBucketAction, clients, {
      environment: 'dev',
      owner,
      service,
      name: 'team-a-bucket',
      namespace: 'team-search',
    });
    if (error) throw error;
  });
  afterAll(() => sandbox.close());

  const bucketExists = () =>
    clients.client('dev', 'objectStorage').headBucket('team-a-bucket');

  it('a registry call cannot act as system, with system in its input or on its run', async () => {
    const registry = actionsRegistryServiceMock();
    const { deps } = testDeps(clients, AuthorizeResult.ALLOW);
    registerRuntimeActions(registry, deps);
    const system = { reason: 'expired' };

    await expect(
      registry.invoke({
        id: 'test:runtime-bucket-delete',
        input: { ...retireInput, system },
        credentials: mockCredentials.user(TEST_USERS.assistant),
      }),
    ).rejects.toThrow(
      `${TEST_USERS.assistant} is not a member of group:default/search-team`,
    );
    await expect(
      registry.invoke({
        id: 'test:runtime-bucket-delete',
        input: { ...retireInput, system },
        credentials: mockCredentials.service('plugin:catalog'),
      }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });

    const forged = {
      ...registryRun({
        input: retireInput,
        credentials: mockCredentials.user(TEST_USERS.assistant),
        logger: mockServices.logger.mock(),
      }),
      system: { reason: 'expired' as const },
    };
    expect(systemReasonOf(forged)).toBeUndefined();
    await expect(
      runProvisioningAction(bucketDeleteAction, deps, forged),
    ).rejects.toThrow(
      `${TEST_USERS.assistant} is not a member of group:default/search-team`,
    );

    // a copy of a real system run is not one either
    const copied = {
      ...systemRun({
        input: retireInput,
        logger: mockServices.logger.mock(),
        reason: 'expired',
      }),
    };
    expect(systemReasonOf(copied)).toBeUndefined();
    await expect(
      runProvisioningAction(bucketDeleteAction, deps, copied),
    ).rejects.toThrow('A system run has no initiator credentials');

    expect(await bucketExists()).toBe(true);
  });

  it('a scaffolder task cannot act as system, with system in its input or on its context', async () => {
    const { deps } = testDeps(clients, AuthorizeResult.ALLOW);
    const ctx = {
      ...testContext({
        input: { ...retireInput, system: { reason: 'expired' } },
        user: TEST_USERS.assistant,
      }),
      system: { reason: 'expired' },
    };
    await expect(
      createRuntimeBucketDeleteAction(deps).handler(ctx),
    ).rejects.toThrow(
      `${TEST_USERS.assistant} is not a member of group:default/search-team`,
    );
    expect(await bucketExists()).toBe(true);
  });

  it('a system run skips the caller checks (no permission asked) but keeps the service-owner check', async () => {
    const { deps, permissions } = testDeps(clients, AuthorizeResult.DENY);
    await expect(
      runProvisioningAction(
        bucketDeleteAction,
        deps,
        systemRun({
          input: { ...retireInput, service: 'chat-assistant' },
          logger: mockServices.logger.mock(),
          reason: 'expired',
        }),
      ),
    ).rejects.toThrow(
      'service chat-assistant (component:default/chat-assistant) is owned by group:default/assistant-team, not group:default/search-team',
    );
    expect(await bucketExists()).toBe(true);

    const output = await runProvisioningAction(
      bucketDeleteAction,
      deps,
      systemRun({
        input: retireInput,
        logger: mockServices.logger.mock(),
        reason: 'expired',
      }),
    );
    expect(output.removed).toContain('MinIO bucket team-a-bucket');
    expect(permissions.authorize).not.toHaveBeenCalled();
    expect(await bucketExists()).toBe(false);
  });
});
