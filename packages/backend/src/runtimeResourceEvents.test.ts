import {
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
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import catalogModuleRuntime from '@runtime-portal/backstage-plugin-catalog-backend-module-runtime';
import scaffolderModuleRuntime from '@runtime-portal/backstage-plugin-scaffolder-backend-module-runtime';
import {
  Sandbox,
  sandboxEnvironmentConfig,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';

jest.setTimeout(60_000);

/** The scheduled task of the Runtime entity provider (catalog module). */
const RUNTIME_REFRESH_TASK_ID = 'runtime-entity-provider:refresh';

describe('a resource created through the Runtime actions reaches the catalog right away', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: 'free',
      readyAfterMs: 200,
    });
  });
  afterAll(() => sandbox?.close());

  it('the scaffolder module announces the new bucket and the catalog module triggers its refresh', async () => {
    // One events bus shared by both plugins, as the backend's events service is.
    const events = mockServices.events();
    const scheduler = mockServices.scheduler.mock();
    const registry = actionsRegistryServiceMock();
    await startTestBackend({
      extensionPoints: [
        [scaffolderActionsExtensionPoint, { addActions: jest.fn() }],
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: jest.fn(),
            addProcessor: jest.fn(),
            addPlaceholderResolver: jest.fn(),
            setOnProcessingErrorHandler: jest.fn(),
          },
        ],
      ],
      features: [
        scaffolderModuleRuntime,
        catalogModuleRuntime,
        scheduler.factory,
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        createServiceFactory({
          service: actionsRegistryServiceRef,
          deps: {},
          factory: () => registry,
        }),
        // The caller is a member of search-team, and semantic-search is search-team's service.
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () =>
            mockServices.userInfo({
              userEntityRef: 'user:default/mock',
              ownershipEntityRefs: [
                'user:default/mock',
                'group:default/search-team',
              ],
            }),
        }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'semantic-search', namespace: 'default' },
              spec: { type: 'service', owner: 'group:default/search-team' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            runtime: { environments: [sandboxEnvironmentConfig(sandbox)] },
          },
        }),
      ],
    });
    expect(scheduler.triggerTask).not.toHaveBeenCalled();

    await registry.invoke({
      id: 'test:runtime-bucket-create',
      input: {
        environment: 'dev',
        owner: 'search-team',
        service: 'semantic-search',
        name: 'announced-bucket',
      },
      credentials: mockCredentials.user('user:default/mock'),
    });

    expect(scheduler.triggerTask).toHaveBeenCalledWith(RUNTIME_REFRESH_TASK_ID);
  });
});
