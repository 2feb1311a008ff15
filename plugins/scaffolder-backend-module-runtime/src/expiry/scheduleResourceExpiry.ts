import { SchedulerService } from '@backstage/backend-plugin-api';
import { RuntimeExpiryConfig } from './expiryConfig';

/** The scheduled task's id. */
const RESOURCE_EXPIRY_TASK_ID = 'runtime-resource-expiry';

/**
 * Schedules `run` as `runtime-resource-expiry` every `config.frequency`, with global scope: one
 * replica at a time runs it (the scheduler's lock), so across replicas it runs once per period.
 */
export async function scheduleResourceExpiry(
  scheduler: SchedulerService,
  config: RuntimeExpiryConfig,
  run: (signal: AbortSignal) => Promise<unknown>,
): Promise<void> {
  await scheduler.scheduleTask({
    id: RESOURCE_EXPIRY_TASK_ID,
    frequency: config.frequency,
    timeout: { minutes: 30 },
    initialDelay: { minutes: 1 },
    scope: 'global',
    fn: async signal => {
      await run(signal);
    },
  });
}
