import { InputError } from '@backstage/errors';
import { ArgoEventSource } from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim } from '../shared';
import { eventSourceObject, workflowObjectLabels } from './argoEventsObjects';
import { calendarSource } from './workflowFields';

/** The EventSource's spec, live or as recorded on a suspended workflow's Sensor. */
type EventSourceSpec = ArgoEventSource['spec'];

/**
 * A calendar entry's timing change: `schedule` or `interval` set, the other `null` (removed), as a
 * JSON merge patch of the entry writes it.
 */
export type CalendarTiming = Record<'schedule' | 'interval', string | null>;

/** The calendar schedule change of a workflow's EventSource. */
export interface CalendarScheduleChange {
  subject: string;
  namespace: string;
  name: string;
  claim: ResourceClaim;
  /** A cron expression or an interval. */
  schedule: string;
}

/**
 * The timing that gives the calendar entry `name` of `spec` the schedule `change.schedule`, or
 * `undefined` when it already has it; an `InputError` when the source is not a calendar.
 */
export function calendarTiming(
  spec: EventSourceSpec,
  change: CalendarScheduleChange,
): CalendarTiming | undefined {
  const { name, namespace, claim, subject } = change;
  const calendar = spec.calendar as Record<string, unknown> | undefined;
  if (!calendar?.[name]) {
    const types = Object.keys(spec).filter(
      key => !['eventBusName', 'service', 'template', 'replicas'].includes(key),
    );
    throw new InputError(
      `Invalid input: schedule: ${subject} has a ${
        types.join(', ') || 'non-calendar'
      } source, not a calendar one; only a calendar source has a schedule`,
    );
  }
  // The entry as the create action writes it for this schedule.
  const built = eventSourceObject({
    name,
    namespace,
    labels: workflowObjectLabels(claim),
    source: calendarSource(change.schedule),
  });
  const entry = (built.spec.calendar as Record<string, object>)[name];
  const liveEntry = calendar[name] as Record<string, unknown>;
  const timing = { schedule: null, interval: null, ...entry } as CalendarTiming;
  const same = Object.entries(timing).every(
    ([key, value]) => (liveEntry[key] ?? null) === value,
  );
  return same ? undefined : timing;
}

/** `spec` with `timing` merged into its calendar entry `name` (as the merge patch would). */
export function withCalendarTiming(
  spec: EventSourceSpec,
  name: string,
  timing: CalendarTiming,
): EventSourceSpec {
  const calendar = spec.calendar as Record<string, Record<string, unknown>>;
  const entry: Record<string, unknown> = { ...calendar[name] };
  for (const [key, value] of Object.entries(timing)) {
    if (value === null) delete entry[key];
    else entry[key] = value;
  }
  return { ...spec, calendar: { ...calendar, [name]: entry } };
}

/** The calendar entry `name`'s cron schedule or interval. */
export function describeSchedule(spec: EventSourceSpec, name: string): string {
  const entry = (spec.calendar as Record<string, any> | undefined)?.[name];
  return entry?.schedule ?? entry?.interval ?? 'none';
}
