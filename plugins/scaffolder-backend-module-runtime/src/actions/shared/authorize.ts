import { BasicPermission } from '@backstage/plugin-permission-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotAllowedError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { RuntimeActionDeps } from './deps';

/**
 * Checks that the task's initiator holds `permission`; a `NotAllowedError` naming the permission
 * otherwise. Runs before any upstream call.
 */
export async function authorizeInitiator(
  ctx: ActionContext<any, any>,
  deps: RuntimeActionDeps,
  permission: BasicPermission,
): Promise<void> {
  const credentials = await ctx.getInitiatorCredentials();
  const [decision] = await deps.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed: ${permission.name} is required to run this action`,
    );
  }
}
