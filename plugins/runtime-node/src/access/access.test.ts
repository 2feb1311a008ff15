import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  readRuntimeAccess,
  teamOwningTarget,
  teamTargets,
} from './readRuntimeAccess';
import { groupRef } from './groupRef';
import {
  mayActFor,
  requireActFor,
  resolveRuntimeCaller,
} from './RuntimeCaller';

const access = readRuntimeAccess(
  new ConfigReader({
    runtime: {
      access: {
        platformAdmins: ['platform-team'],
        teams: [
          {
            group: 'group:default/search-team',
            namespaces: ['team-search'],
            argocdProjects: ['search-team'],
          },
          { group: 'media-team', namespaces: ['team-media'] },
        ],
      },
    },
  }),
);

describe('readRuntimeAccess', () => {
  it('reads teams and admins as full group refs, with the default namespace label', () => {
    expect(access.platformAdmins).toEqual(['group:default/platform-team']);
    expect(access.namespaceOwnerLabel).toBe('runtime-portal.io/owner');
    expect(teamOwningTarget(access, 'namespaces', 'team-media')).toBe(
      'group:default/media-team',
    );
    expect(teamOwningTarget(access, 'namespaces', 'kube-system')).toBe(
      undefined,
    );
    expect(teamTargets(access, 'search-team', 'argocdProjects')).toEqual([
      'search-team',
    ]);
    expect(teamTargets(access, 'unknown-team', 'namespaces')).toEqual([]);
  });

  it('refuses a target given to two teams, naming both', () => {
    expect(() =>
      readRuntimeAccess(
        new ConfigReader({
          runtime: {
            access: {
              teams: [
                { group: 'a', namespaces: ['shared'] },
                { group: 'b', namespaces: ['shared'] },
              ],
            },
          },
        }),
      ),
    ).toThrow(
      "namespaces 'shared' is given to both group:default/a and group:default/b",
    );
  });

  it('refuses a group that is not an entity ref, naming the key', () => {
    expect(() =>
      readRuntimeAccess(
        new ConfigReader({
          runtime: { access: { platformAdmins: ['user:default/x'] } },
        }),
      ),
    ).toThrow("Invalid config at 'runtime.access.platformAdmins[0]'");
  });
});

describe('groupRef', () => {
  it('completes names and namespaces', () => {
    expect(groupRef('search-team')).toBe('group:default/search-team');
    expect(groupRef('default/search-team')).toBe('group:default/search-team');
    expect(groupRef('group:other/x')).toBe('group:other/x');
    expect(() => groupRef('group:default/../x')).toThrow();
  });
});

describe('resolveRuntimeCaller', () => {
  const userInfo = (groups: string[]) =>
    mockServices.userInfo({
      userEntityRef: 'user:default/ada',
      ownershipEntityRefs: ['user:default/ada', ...groups],
    });

  it('lets a member act for their team only', async () => {
    const caller = await resolveRuntimeCaller(
      userInfo(['group:default/search-team']),
      access,
      mockCredentials.user('user:default/ada'),
    );
    expect(caller.isPlatformAdmin).toBe(false);
    expect(mayActFor(caller, 'search-team')).toBe(true);
    expect(() => requireActFor(caller, 'group:default/media-team')).toThrow(
      new NotAllowedError(
        'Not allowed: user:default/ada is not a member of group:default/media-team and may not act for it',
      ),
    );
  });

  it('lets a platform admin act for every team', async () => {
    const caller = await resolveRuntimeCaller(
      userInfo(['group:default/platform-team']),
      access,
      mockCredentials.user('user:default/ada'),
    );
    expect(caller.isPlatformAdmin).toBe(true);
    expect(mayActFor(caller, 'media-team')).toBe(true);
  });

  it('refuses a service principal', async () => {
    await expect(
      resolveRuntimeCaller(userInfo([]), access, mockCredentials.service()),
    ).rejects.toThrow(NotAllowedError);
  });
});
