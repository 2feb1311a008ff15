import {
  BackstageCredentials,
  BackstageUserInfo,
  coreServices,
  createServiceFactory,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';

/** The platform admins' group, as `runtime.access.platformAdmins` names it in the tests. */
const PLATFORM_TEAM = 'group:default/platform-team';

/** The test users and the groups their sign-in gives them (as the `ent` claim of a real token). */
export const USERS = {
  /** A member of search-team (owner of `component:default/semantic-search`). */
  searchMember: 'user:default/ada',
  /** A member of media-team (owner of `component:default/media-transcoder`). */
  mediaMember: 'user:default/mo',
  /** A member of platform-team. */
  platformAdmin: 'user:default/pat',
  /** A user in no group. */
  loner: 'user:default/lou',
} as const;

const GROUPS: Record<string, string[]> = {
  [USERS.searchMember]: ['group:default/search-team'],
  [USERS.mediaMember]: ['group:default/media-team'],
  [USERS.platformAdmin]: [PLATFORM_TEAM],
  [USERS.loner]: [],
};

/** User info as sign-in issues it: the user and their groups. */
export class TeamsUserInfo implements UserInfoService {
  async getUserInfo(
    credentials: BackstageCredentials,
  ): Promise<BackstageUserInfo> {
    const { userEntityRef } = credentials.principal as {
      userEntityRef: string;
    };
    const groups = GROUPS[userEntityRef];
    if (!groups) {
      throw new NotFoundError(`no test user ${userEntityRef}`);
    }
    return {
      userEntityRef,
      ownershipEntityRefs: [userEntityRef, ...groups],
    };
  }
}

/** The `userInfo` service of a test backend, backed by {@link TeamsUserInfo}. */
export const teamsUserInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => new TeamsUserInfo(),
});

/** The `runtime.access` of the tests: platform-team administers. */
export const accessConfig = {
  runtime: {
    access: {
      platformAdmins: [PLATFORM_TEAM],
      teams: [
        { group: 'search-team', namespaces: ['team-search'] },
        { group: 'media-team', namespaces: ['team-media'] },
      ],
    },
  },
};

/** Root config of a test backend with permissions enabled and {@link accessConfig}. */
export const rootConfigFactory = mockServices.rootConfig.factory({
  data: { permission: { enabled: true }, ...accessConfig },
});
