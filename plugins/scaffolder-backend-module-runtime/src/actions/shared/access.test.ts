import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import {
  TEST_COMPONENTS,
  TEST_USERS,
  testDeps,
} from '../__testUtils__/actionTestKit';
import { authorizeProvisioning } from './access';

/** No environments: every check here is decided by config and the catalog alone. */
const clients = RuntimeClients.fromConfig(
  new ConfigReader({ runtime: { environments: [] } }),
);
const target = {
  environment: 'dev',
  owner: 'search-team',
  service: 'semantic-search',
};

describe('authorizeProvisioning', () => {
  it("reads the catalog with the module's own credentials, not the caller's", async () => {
    const { deps } = testDeps(clients);
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => TEST_COMPONENTS[0]),
    });
    const auth = mockServices.auth();
    const own = await auth.getOwnServiceCredentials();

    const access = await authorizeProvisioning(
      { ...deps, catalog, auth },
      mockCredentials.user(TEST_USERS.search),
      target,
    );

    expect(access.caller).toEqual({
      userEntityRef: TEST_USERS.search,
      ownershipEntityRefs: [TEST_USERS.search, 'group:default/search-team'],
      isPlatformAdmin: false,
    });
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'component:default/semantic-search',
      { credentials: own },
    );
  });

  it('refuses a service whose component names no group as owner', async () => {
    const { deps } = testDeps(clients);
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'semantic-search' },
          spec: { owner: 'user:default/someone' },
        },
      ],
    });
    await expect(
      authorizeProvisioning(
        { ...deps, catalog },
        mockCredentials.user(TEST_USERS.search),
        target,
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'Not allowed: service semantic-search (component:default/semantic-search) is owned by user:default/someone, not group:default/search-team',
    });
  });

  it('lets a new service (not in the catalog yet) through for a member of the owner', async () => {
    const { deps } = testDeps(clients);
    await expect(
      authorizeProvisioning(deps, mockCredentials.user(TEST_USERS.search), {
        ...target,
        service: 'brand-new',
        namespace: 'team-search',
      }),
    ).resolves.toMatchObject({
      caller: { userEntityRef: TEST_USERS.search },
    });
  });
});
