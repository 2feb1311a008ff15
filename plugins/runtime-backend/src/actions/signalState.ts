import { RuntimeSignal } from '@runtime-portal/backstage-plugin-runtime-common';
import { z as zod } from 'zod/v3';

/** How a signal of a report was obtained, without its data. */
export interface SignalState {
  status: RuntimeSignal<unknown>['status'];
  message?: string;
}

/** The status and message of a report's signal. */
export function signalState(signal: RuntimeSignal<unknown>): SignalState {
  return {
    status: signal.status,
    ...(signal.message ? { message: signal.message } : {}),
  };
}

/** The zod schema of a signal's status and message, extended with its summary's own fields. */
export function signalStateSchema(z: typeof zod) {
  return z.object({
    status: z
      .enum(['ok', 'not-configured', 'unavailable', 'not-allowed'])
      .describe(
        "ok: read (its fields are present); not-configured: no such upstream or annotation; unavailable: the upstream failed or timed out; not-allowed: what the entity's annotations name belongs to another team, so it was not read",
      ),
    message: z.string().optional().describe('Why, when not ok'),
  });
}
