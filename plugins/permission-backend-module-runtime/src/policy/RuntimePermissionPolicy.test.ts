import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  runtimeDeliveryPermissions,
  runtimePermissions,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { readRuntimeAccess } from '@runtime-portal/backstage-plugin-runtime-node';
import { accessConfig, TeamsUserInfo, USERS } from '../__testUtils__/teams';
import { RuntimePermissionPolicy } from './RuntimePermissionPolicy';

const userInfo = new TeamsUserInfo();
const policy = new RuntimePermissionPolicy({
  access: readRuntimeAccess(new ConfigReader(accessConfig)),
  userInfo,
});

async function asUser(userEntityRef: string): Promise<PolicyQueryUser> {
  const credentials = mockCredentials.user(userEntityRef);
  return { credentials, info: await userInfo.getUserInfo(credentials) };
}

async function decide(permission: Permission, userEntityRef?: string) {
  return policy.handle(
    { permission },
    userEntityRef ? await asUser(userEntityRef) : undefined,
  );
}

const ADMIN_ONLY = [
  kubernetesProxyPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
];

describe('RuntimePermissionPolicy', () => {
  it.each(runtimeDeliveryPermissions.map(p => [p.name, p]))(
    '%s: only on the entities owned by the user or their groups',
    async (_, permission) => {
      expect(await decide(permission, USERS.searchMember)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: [USERS.searchMember, 'group:default/search-team'],
          },
        },
      });
      expect(await decide(permission, USERS.platformAdmin)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
      expect(await decide(permission)).toEqual({
        result: AuthorizeResult.DENY,
      });
    },
  );

  it.each(runtimePermissions.map(p => [p.name, p]))(
    '%s: any member of a group (the action checks the owner), never a user in no group',
    async (_, permission) => {
      for (const user of [
        USERS.searchMember,
        USERS.mediaMember,
        USERS.platformAdmin,
      ]) {
        expect((await decide(permission, user)).result).toBe(
          AuthorizeResult.ALLOW,
        );
      }
      expect((await decide(permission, USERS.loner)).result).toBe(
        AuthorizeResult.DENY,
      );
      expect((await decide(permission)).result).toBe(AuthorizeResult.DENY);
    },
  );

  it.each(ADMIN_ONLY.map(p => [p.name, p]))(
    '%s: platform admins only',
    async (_, permission) => {
      expect((await decide(permission, USERS.platformAdmin)).result).toBe(
        AuthorizeResult.ALLOW,
      );
      for (const user of [USERS.searchMember, USERS.mediaMember, USERS.loner]) {
        expect((await decide(permission, user)).result).toBe(
          AuthorizeResult.DENY,
        );
      }
      expect((await decide(permission)).result).toBe(AuthorizeResult.DENY);
    },
  );

  it('leaves catalog reads and every other permission allowed, as before', async () => {
    for (const user of [USERS.searchMember, USERS.loner, undefined]) {
      expect((await decide(catalogEntityReadPermission, user)).result).toBe(
        AuthorizeResult.ALLOW,
      );
      expect(
        (
          await decide(
            {
              type: 'basic',
              name: 'scaffolder.action.execute',
              attributes: {},
            },
            user,
          )
        ).result,
      ).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('does not resolve the user for permissions it leaves allowed', async () => {
    const getUserInfo = jest.spyOn(userInfo, 'getUserInfo');
    await policy.handle(
      { permission: catalogEntityReadPermission },
      {
        credentials: mockCredentials.user(USERS.searchMember),
        info: { userEntityRef: USERS.searchMember, ownershipEntityRefs: [] },
      },
    );
    expect(getUserInfo).not.toHaveBeenCalled();
    getUserInfo.mockRestore();
  });
});
