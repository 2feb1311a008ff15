import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Checks that `credentials` hold `permission`; throws a `NotAllowedError` naming it otherwise. A
 * resource permission is decided for `resourceRef` (for catalog entities, the entity ref), so a policy's
 * conditions such as `isEntityOwner` apply. Callers run it before any upstream call, so a refused caller
 * changes nothing.
 *
 * @public
 */
export async function requirePermission(
  permissions: PermissionsService,
  permission: BasicPermission,
  credentials: BackstageCredentials,
): Promise<void>;
/** @public */
export async function requirePermission(
  permissions: PermissionsService,
  permission: ResourcePermission,
  credentials: BackstageCredentials,
  resourceRef: string,
): Promise<void>;
export async function requirePermission(
  permissions: PermissionsService,
  permission: BasicPermission | ResourcePermission,
  credentials: BackstageCredentials,
  resourceRef?: string,
): Promise<void> {
  const [decision] = await permissions.authorize(
    [
      permission.type === 'resource'
        ? { permission, resourceRef: resourceRef! }
        : { permission },
    ],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed: the permission ${permission.name} is required${
        resourceRef ? ` on ${resourceRef}` : ''
      }`,
    );
  }
}
