import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  TemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import {
  RuntimeClients,
  runtimeClientsServiceRef,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { runtimePermissions } from '@runtime-portal/backstage-plugin-runtime-common';
import { scaffolderModuleRuntime } from './module';

describe('scaffolderModuleRuntime', () => {
  it('registers the provisioning and day-2 actions and runtime:catalog:register (dry run, examples, JSON schemas) and the permissions', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    const permissionsRegistry = mockServices.permissionsRegistry.mock();
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added: any[]) => actions.push(...added) },
        ],
      ],
      features: [
        scaffolderModuleRuntime,
        mockServices.permissions.factory(),
        permissionsRegistry.factory,
        catalogServiceMock.factory(),
        createServiceFactory({
          service: runtimeClientsServiceRef,
          deps: {},
          factory: () =>
            RuntimeClients.fromConfig(
              new ConfigReader({ runtime: { environments: [] } }),
            ),
        }),
      ],
    });

    expect(actions.map(a => a.id)).toEqual([
      'runtime:secret:create',
      'runtime:bucket:create',
      'runtime:inference-endpoint:create',
      'runtime:workflow:create',
      'runtime:inference-endpoint:update',
      'runtime:workflow:update',
      'runtime:secret:rotate',
      'runtime:bucket:update',
      'runtime:bucket:rotate-credentials',
      'runtime:secret:delete',
      'runtime:bucket:delete',
      'runtime:inference-endpoint:delete',
      'runtime:workflow:delete',
      'runtime:resource:extend',
      'runtime:application:create',
      'runtime:database:create',
      'runtime:database:delete',
      'runtime:route:expose',
      'runtime:route:delete',
      'runtime:catalog:register',
    ]);
    expect(permissionsRegistry.addPermissions).toHaveBeenCalledWith(
      runtimePermissions,
    );
    for (const action of actions) {
      expect(action.supportsDryRun).toBe(true);
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.schema?.output).toMatchObject({
        properties: expect.objectContaining({ entityRef: expect.anything() }),
      });
    }
    const [register] = actions.splice(
      actions.findIndex(a => a.id === 'runtime:catalog:register'),
      1,
    );
    expect(register.schema?.input).toMatchObject({
      anyOf: [
        { required: ['repoContentsUrl'] },
        { required: ['catalogInfoUrl'] },
      ],
    });
    for (const action of actions) {
      expect(action.schema?.input).toMatchObject({
        type: 'object',
        required: expect.arrayContaining(['environment', 'owner', 'service']),
      });
    }
  });

  it('refuses to start when runtime.resourceNamePrefix would make invalid entity names', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [scaffolderActionsExtensionPoint, { addActions: () => {} }],
        ],
        features: [
          scaffolderModuleRuntime,
          mockServices.rootConfig.factory({
            data: { runtime: { resourceNamePrefix: 'Runtime!' } },
          }),
          catalogServiceMock.factory(),
          createServiceFactory({
            service: runtimeClientsServiceRef,
            deps: {},
            factory: () =>
              RuntimeClients.fromConfig(
                new ConfigReader({ runtime: { environments: [] } }),
              ),
          }),
        ],
      }),
    ).rejects.toThrow(/runtime\.resourceNamePrefix/);
  });
});
