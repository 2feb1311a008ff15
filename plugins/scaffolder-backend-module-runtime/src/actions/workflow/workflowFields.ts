import { z as zod } from 'zod/v3';
import { kubernetesTriggerResourceSchema } from './kubernetesTrigger';

type Z = typeof zod;

const CRON = /^(\S+\s+){4}\S+$/;
const INTERVAL = /^[1-9][0-9]*(s|m|h)$/;
const MAX_URL = 2048;

/** A calendar source's cron schedule (five fields). */
export const cronScheduleField = (z: Z) =>
  z.string().max(128).regex(CRON, 'must be a cron expression with 5 fields');

/** A calendar source's fixed interval, e.g. `10m`. */
export const intervalField = (z: Z) =>
  z
    .string()
    .max(16)
    .regex(INTERVAL, 'must be a duration such as 30s, 10m or 1h');

/** A calendar source's schedule given as one string: a cron expression or an interval. */
export const calendarScheduleField = (z: Z) =>
  z
    .string()
    .max(128)
    .refine(
      value => CRON.test(value) || INTERVAL.test(value),
      'must be a cron expression with 5 fields (e.g. "0 3 * * *") or a duration such as 30s, 10m or 1h',
    );

/** The calendar source of a schedule given as one string (see {@link calendarScheduleField}). */
export function calendarSource(schedule: string): {
  type: 'calendar';
  schedule?: string;
  interval?: string;
} {
  return CRON.test(schedule)
    ? { type: 'calendar', schedule }
    : { type: 'calendar', interval: schedule };
}

/** What an event starts: an http call or a Kubernetes object (the Sensor's trigger). */
export const triggerSchema = (z: typeof zod) =>
  z
    .discriminatedUnion('type', [
      z.object({
        type: z.literal('http'),
        url: z
          .string()
          .max(MAX_URL, `must be at most ${MAX_URL} characters`)
          .url('must be an http(s) URL')
          .regex(/^https?:\/\//, 'must be an http(s) URL')
          .describe(
            "URL called with the event: a Service of the team's namespaces (http://<service>.<namespace>.svc:<port>/…) or a URL under runtime.workflows.httpTriggerAllowList",
          ),
        method: z.enum(['POST', 'PUT', 'GET']).default('POST'),
      }),
      z.object({
        type: z.literal('k8s'),
        operation: z.enum(['create', 'update', 'patch']).default('create'),
        resource: kubernetesTriggerResourceSchema(z),
        serviceAccountName: z
          .string()
          .max(253, 'must be at most 253 characters')
          .optional()
          .describe(
            "Service account of the workflow's namespace the sensor acts as (it needs the rights for the operation)",
          ),
      }),
    ])
    .describe(
      "What an event starts: an http call or a Kubernetes object in the workflow's namespace",
    );
/** A workflow's trigger as the input gives it (see {@link triggerSchema}). */
export type TriggerInput = zod.output<ReturnType<typeof triggerSchema>>;
