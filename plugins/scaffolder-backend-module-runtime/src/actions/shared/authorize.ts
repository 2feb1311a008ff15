import { BasicPermission } from '@backstage/plugin-permission-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotAllowedError } from '@backstage/errors';
import { RuntimeActionDeps } from './deps';
import { RuntimeActionRun } from './run';

/**
 * Checks that the caller (the task's initiator, or the registry's caller) holds `permission`; a `NotAllowedError` naming the permission
 * otherwise. Runs before any upstream call.
 */
export async function authorizeInitiator(
  run: RuntimeActionRun,
  deps: RuntimeActionDeps,
  permission: BasicPermission,
): Promise<void> {
  const credentials = await run.getInitiatorCredentials();
  const [decision] = await deps.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed: ${permission.name} is required to run this action`,
    );
  }
}
