import {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';

/**
 * Runs `fn` inside an auditor event (severity `medium` unless given), marking the event succeeded
 * or failed with the error, and returns or rethrows what `fn` did. The caller's `meta` names who,
 * what and where, never a secret value.
 *
 * @public
 */
export async function withAuditEvent<T>(
  auditor: AuditorService,
  options: AuditorServiceCreateEventOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    severityLevel: 'medium',
    ...options,
  });
  try {
    const result = await fn();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
