import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  RUNTIME_RESOURCES_CHANGED_TOPIC,
  RuntimeResourcesChangedPayload,
} from '@runtime-portal/backstage-plugin-runtime-node';

/** The subscriber id (the events service prefixes it with the plugin id). */
const RESOURCE_CHANGE_SUBSCRIBER_ID = 'runtime-resources-changed';

/**
 * Subscribes to {@link RUNTIME_RESOURCES_CHANGED_TOPIC} and triggers the scheduled task `taskId` (the
 * Runtime entity provider's refresh) right away, so a resource a template just created is in the
 * catalog within seconds instead of at the next scheduled refresh. Events for environments outside
 * `environments` (when set) are ignored. A trigger that cannot run (the refresh is running already,
 * or not scheduled yet) is logged and skipped: the running or next refresh picks the change up.
 */
export async function refreshOnResourceChange(options: {
  events: EventsService;
  scheduler: SchedulerService;
  logger: LoggerService;
  taskId: string;
  environments?: string[];
}): Promise<void> {
  const { events, scheduler, logger, taskId, environments } = options;
  await events.subscribe({
    id: RESOURCE_CHANGE_SUBSCRIBER_ID,
    topics: [RUNTIME_RESOURCES_CHANGED_TOPIC],
    onEvent: async ({ eventPayload }) => {
      const { environment, source } = (eventPayload ??
        {}) as Partial<RuntimeResourcesChangedPayload>;
      if (environments && !environments.includes(String(environment))) {
        return;
      }
      try {
        await scheduler.triggerTask(taskId);
        logger.info(
          `Refreshing Runtime entities now: a resource changed in ${environment} ${source}`,
        );
      } catch (error) {
        logger.info(
          `Could not refresh Runtime entities right away after a change in ${environment} ${source} (${error}); the next refresh picks it up`,
        );
      }
    },
  });
}
