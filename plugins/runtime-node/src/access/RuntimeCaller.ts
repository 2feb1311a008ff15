import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { RuntimeAccessConfig } from './readRuntimeAccess';
import { groupRef } from './groupRef';

/**
 * Who is asking: the signed-in user, the entity refs they own through (themselves and their groups,
 * from their sign-in), and whether they are a platform admin.
 *
 * @public
 */
export interface RuntimeCaller {
  /** The user's entity ref, e.g. `user:default/ada`. */
  userEntityRef: string;
  /** The user's ownership refs (the user and each group they belong to), lowercase. */
  ownershipEntityRefs: string[];
  /** Whether one of the user's groups is in `runtime.access.platformAdmins`. */
  isPlatformAdmin: boolean;
}

/**
 * Resolves the caller of an action or route from its credentials. Only users act on the Runtime:
 * a service or an unauthenticated caller gets a `NotAllowedError`.
 *
 * @public
 */
export async function resolveRuntimeCaller(
  userInfo: UserInfoService,
  access: RuntimeAccessConfig,
  credentials: BackstageCredentials,
): Promise<RuntimeCaller> {
  const principal = credentials.principal as { type?: string };
  if (principal?.type !== 'user') {
    throw new NotAllowedError(
      `Not allowed: only a signed-in user may act on the Runtime, not a ${
        principal?.type ?? 'unknown'
      } principal`,
    );
  }
  const info = await userInfo.getUserInfo(credentials);
  const ownershipEntityRefs = info.ownershipEntityRefs.map(ref =>
    ref.toLowerCase(),
  );
  return {
    userEntityRef: info.userEntityRef,
    ownershipEntityRefs,
    isPlatformAdmin: access.platformAdmins.some(admin =>
      ownershipEntityRefs.includes(admin),
    ),
  };
}

/**
 * Whether `caller` may act for the team `owner` (a group entity ref or name): a member of it, or a
 * platform admin.
 *
 * @public
 */
export function mayActFor(caller: RuntimeCaller, owner: string): boolean {
  return (
    caller.isPlatformAdmin ||
    caller.ownershipEntityRefs.includes(groupRef(owner))
  );
}

/**
 * Throws a `NotAllowedError` (403) naming the user and the team unless `caller` may act for `owner`.
 *
 * @public
 */
export function requireActFor(caller: RuntimeCaller, owner: string): void {
  if (!mayActFor(caller, owner)) {
    throw new NotAllowedError(
      `Not allowed: ${caller.userEntityRef} is not a member of ${groupRef(
        owner,
      )} and may not act for it`,
    );
  }
}
