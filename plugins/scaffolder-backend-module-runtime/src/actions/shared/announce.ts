import {
  RUNTIME_RESOURCES_CHANGED_TOPIC,
  RuntimeResourcesChangedPayload,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { RuntimeActionDeps } from './deps';
import { RuntimeActionRun } from './run';

/**
 * Announces on the events service that a resource was created or changed in `environment`'s
 * `source`, so the Runtime catalog module refreshes right away. Nothing for a dry run or without an
 * events service; a failed publish is logged and does not fail the action (the catalog still catches
 * up at its next scheduled refresh).
 */
export async function announceResourceChange(
  run: RuntimeActionRun,
  deps: RuntimeActionDeps,
  payload: RuntimeResourcesChangedPayload,
): Promise<void> {
  if (run.isDryRun || !deps.events) return;
  try {
    await deps.events.publish({
      topic: RUNTIME_RESOURCES_CHANGED_TOPIC,
      eventPayload: { ...payload },
    });
  } catch (error) {
    run.logger.warn(
      `Could not announce the change in ${payload.environment} ${payload.source} to the catalog; it shows up at its next scheduled refresh: ${error}`,
    );
  }
}
