import { ConflictError, NotFoundError } from '@backstage/errors';
import { RUNTIME_SUSPENDED_EVENT_SOURCE_ANNOTATION } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ArgoEventSource,
  EVENT_SOURCE_KIND,
  KubernetesClient,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { isDeepStrictEqual } from 'node:util';
import { RuntimeActionRun, ResourceClaim } from '../shared';
import {
  deleteClaimedObject,
  readClaimedObject,
  updateClaimedObject,
  writeClaimedObject,
} from '../claimedObject';
import {
  ArgoEventsTriggerInput,
  sensorObject,
  workflowObjectLabels,
} from './argoEventsObjects';
import {
  calendarTiming,
  describeSchedule,
  withCalendarTiming,
} from './calendarSchedule';
import { patchSensor } from './patchSensor';
import { describeTrigger, sameTrigger, triggerPatch } from './sensorTrigger';
import {
  eventSourceFromRecord,
  recordAnnotation,
  recordOf,
  suspendedEventSourceOf,
} from './suspendedEventSource';

/**
 * What may change in an Argo Events workflow: its calendar schedule, its trigger, and whether it is
 * suspended.
 */
export interface ArgoEventsWorkflowChange {
  environment: string;
  namespace: string;
  name: string;
  claim: ResourceClaim;
  /** A cron expression or an interval, for a calendar source. */
  schedule?: string;
  /** The new trigger, already bounded to the owner's reach (`boundTrigger`). */
  trigger?: ArgoEventsTriggerInput;
  /**
   * `true`: record the EventSource on the Sensor, then remove it; `false`: create it again from the
   * record, then remove the record; unset: leave the workflow running or suspended as it is.
   */
  suspended?: boolean;
}

/** One planned write: what it does (for the log), and how to make it. */
interface PlannedWrite {
  what: string;
  write: (dryRun: boolean) => Promise<unknown>;
}

/**
 * Changes an Argo Events workflow, only what is given: its calendar schedule (the EventSource's, or
 * the recorded one while it is suspended), its trigger (the Sensor's), and whether it is suspended.
 *
 * Argo Events (v1.9) cannot pause a workflow, so suspending does what operators do: the
 * EventSource is removed and the workflow receives no events. Its spec, labels and annotations are
 * first recorded on the Sensor (annotation `runtime-portal.io/suspended-event-source`, refused
 * when too large), then it is deleted with the uid and resourceVersion read as preconditions (its
 * Service goes with it). Resuming creates the EventSource from the record (validated strictly by the
 * API server, as the create's write is) and then removes the record. So a run that fails between
 * its two writes is completed by a re-run, and a workflow already as asked is not written.
 *
 * The Sensor must exist, and the EventSource or its record (`NotFoundError`); both objects and the
 * record must carry the claim (`ConflictError`), all checked before anything is written. Every
 * write is first validated by the API server (dry run), then made over the resourceVersion that
 * was read, so a concurrent change is refused, not overwritten. Resolves one line per change (on a
 * dry run: per change it would make).
 */
export async function updateArgoEventsWorkflow(
  kubernetes: KubernetesClient,
  change: ArgoEventsWorkflowChange,
  run: RuntimeActionRun,
): Promise<string[]> {
  const { environment, namespace, name, claim } = change;
  const context = { kubernetes, environment, claim, signal: run.signal };
  const subject = `Workflow ${namespace}/${name} in ${environment}`;
  const [eventSource, sensor] = await Promise.all([
    readClaimedObject(EVENT_SOURCE_KIND, namespace, name, context),
    readClaimedObject(SENSOR_KIND, namespace, name, context),
  ]);
  const recorded = sensor
    ? suspendedEventSourceOf(subject, sensor, claim)
    : undefined;
  if (!sensor || (!eventSource && !recorded)) {
    throw new NotFoundError(
      `${subject} does not exist (${
        eventSource ? 'no Sensor' : 'no EventSource'
      }); create it with runtime:workflow:create`,
    );
  }
  if (eventSource?.metadata.deletionTimestamp) {
    throw new ConflictError(
      `EventSource ${namespace}/${name} in ${environment} is being deleted; nothing was changed, run the step again once it is gone`,
    );
  }

  const changes: string[] = [];
  const planned: PlannedWrite[] = [];
  const eventSourceName = `EventSource ${namespace}/${name}`;
  /** The timing that gives `spec` the input's schedule (none: already has it, or none given). */
  const newTiming = (spec: ArgoEventSource['spec']) => {
    if (change.schedule === undefined) return undefined;
    const timing = calendarTiming(spec, {
      subject,
      namespace,
      name,
      claim,
      schedule: change.schedule,
    });
    if (timing) {
      changes.push(
        `schedule: ${describeSchedule(spec, name)} → ${change.schedule}`,
      );
    }
    return timing;
  };
  /** The Sensor's record after this run: a JSON value, `null` (none), or unchanged. */
  let annotation: string | null | undefined;

  if (change.suspended ?? !eventSource) {
    // Suspended after this run: the schedule goes to the record.
    if (eventSource) changes.push('suspended: false → true');
    const base = eventSource ? recordOf(eventSource) : recorded!;
    const timing = newTiming(base.spec);
    const record = timing
      ? { ...base, spec: withCalendarTiming(base.spec, name, timing) }
      : base;
    const value = recordAnnotation(subject, record);
    if (!isDeepStrictEqual(recorded, record)) annotation = value;
  } else if (eventSource) {
    // Running, and running after this run. A record beside the live EventSource is what a run cut
    // short left: a resume's goes now; without `suspended` it is left for the next run to decide.
    const finishResume = recorded !== undefined && change.suspended === false;
    if (finishResume) changes.push('suspended: true → false');
    const timing = newTiming(eventSource.spec);
    if (timing) {
      planned.push({
        what: `changed the schedule of ${eventSourceName}`,
        write: dryRun =>
          updateClaimedObject(
            EVENT_SOURCE_KIND,
            namespace,
            name,
            {
              ...context,
              dryRun,
              resourceVersion: eventSource.metadata.resourceVersion,
            },
            () => ({ mergePatch: { spec: { calendar: { [name]: timing } } } }),
          ),
      });
    }
    if (finishResume) annotation = null;
  } else {
    // Resumed: the EventSource is created from the record before the record goes.
    changes.push('suspended: true → false');
    const timing = newTiming(recorded!.spec);
    const object = eventSourceFromRecord(
      namespace,
      name,
      {
        ...recorded!,
        spec: timing
          ? withCalendarTiming(recorded!.spec, name, timing)
          : recorded!.spec,
      },
      sensor,
    );
    planned.push({
      what: `created ${eventSourceName} again`,
      write: dryRun =>
        writeClaimedObject(EVENT_SOURCE_KIND, object, { ...context, dryRun }),
    });
    annotation = null;
  }

  let trigger: Record<string, unknown> = {};
  if (change.trigger !== undefined) {
    const built = sensorObject({
      name,
      namespace,
      labels: workflowObjectLabels(claim),
      trigger: change.trigger,
    });
    if (!sameTrigger(sensor, built)) {
      changes.push(
        `target: ${describeTrigger(sensor)} → ${describeTrigger(built)}`,
      );
      trigger = triggerPatch(sensor, built);
    }
  }
  if (annotation !== undefined || Object.keys(trigger).length > 0) {
    const patch = {
      ...trigger,
      ...(annotation !== undefined
        ? {
            metadata: {
              annotations: {
                [RUNTIME_SUSPENDED_EVENT_SOURCE_ANNOTATION]: annotation,
              },
            },
          }
        : {}),
    };
    planned.push({
      what: `changed Sensor ${namespace}/${name}`,
      write: dryRun => patchSensor(sensor, patch, { ...context, dryRun }),
    });
  }
  if (eventSource && (change.suspended ?? false)) {
    // Removed only once the Sensor holds its record.
    planned.push({
      what: `deleted ${eventSourceName}`,
      write: dryRun =>
        deleteClaimedObject(EVENT_SOURCE_KIND, eventSource, {
          ...context,
          dryRun,
        }),
    });
  }

  // The API server validates every write before any is made.
  for (const write of planned) await write.write(true);
  if (run.isDryRun) return changes;

  const done: string[] = [];
  for (const write of planned) {
    try {
      await write.write(false);
    } catch (error) {
      if (done.length > 0) {
        run.logger.warn(
          `${subject}: ${done.join(
            '; ',
          )}, but not the rest; re-running this step is safe`,
        );
      }
      throw error;
    }
    done.push(write.what);
  }
  return changes;
}
