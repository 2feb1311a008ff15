import { ConflictError, InputError } from '@backstage/errors';
import {
  RUNTIME_EXPIRES_AT_ANNOTATION,
  RUNTIME_OWNER_LABEL,
  RUNTIME_SERVICE_LABEL,
  RUNTIME_SUSPENDED_EVENT_SOURCE_ANNOTATION,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ArgoEventSource,
  ArgoSensor,
  EVENT_SOURCE_KIND,
  apiVersionOf,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { z } from 'zod/v3';
import { ResourceClaim, requireSameClaim } from '../shared';

/**
 * The most the record may take on the Sensor: a quarter of the 256 KiB Kubernetes allows for all of
 * an object's annotations together (`TotalAnnotationSizeLimitB`), so the Sensor keeps room for
 * the annotations of others.
 */
const MAX_SUSPENDED_RECORD_BYTES = 64 * 1024;

/** Annotations never recorded: kubectl's copy of the whole object would double the record. */
const UNRECORDED_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
];

const stringMap = z.record(z.string());

const recordSchema = z
  .object({
    spec: z.record(z.unknown()),
    labels: stringMap,
    annotations: stringMap,
  })
  .strict();

/**
 * What a suspended workflow keeps of its removed EventSource, on its Sensor: the spec, labels and
 * annotations to create it again with.
 */
export type SuspendedEventSource = z.output<typeof recordSchema>;

/** The record of a live EventSource: its spec, labels and annotations (server fields left out). */
export function recordOf(eventSource: ArgoEventSource): SuspendedEventSource {
  const annotations = { ...eventSource.metadata.annotations };
  for (const key of UNRECORDED_ANNOTATIONS) delete annotations[key];
  return {
    spec: eventSource.spec,
    labels: { ...eventSource.metadata.labels },
    annotations,
  };
}

/**
 * The record as the Sensor's annotation value: refused with an `InputError` when it is larger
 * than {@link MAX_SUSPENDED_RECORD_BYTES}.
 */
export function recordAnnotation(
  subject: string,
  record: SuspendedEventSource,
): string {
  const value = JSON.stringify(record);
  const bytes =
    Buffer.byteLength(value, 'utf8') +
    Buffer.byteLength(RUNTIME_SUSPENDED_EVENT_SOURCE_ANNOTATION, 'utf8');
  if (bytes > MAX_SUSPENDED_RECORD_BYTES) {
    throw new InputError(
      `Invalid input: suspended: ${subject} cannot be suspended: its EventSource takes ${bytes} bytes as JSON, more than the ${MAX_SUSPENDED_RECORD_BYTES} the portal records on the Sensor to resume it (Kubernetes allows 256 KiB of annotations per object); nothing was changed. Retire it with runtime:workflow:delete instead`,
    );
  }
  return value;
}

/**
 * The record on a Sensor, or `undefined` when the workflow is not suspended. A record that is not
 * one, or whose labels name another claim than the Sensor's, is a `ConflictError`: it is never
 * used to create an EventSource.
 */
export function suspendedEventSourceOf(
  subject: string,
  sensor: ArgoSensor,
  claim: ResourceClaim,
): SuspendedEventSource | undefined {
  const value =
    sensor.metadata.annotations?.[RUNTIME_SUSPENDED_EVENT_SOURCE_ANNOTATION];
  if (value === undefined) return undefined;
  let parsed: z.SafeParseReturnType<unknown, SuspendedEventSource>;
  try {
    parsed = recordSchema.safeParse(JSON.parse(value));
  } catch {
    parsed = { success: false } as typeof parsed;
  }
  if (!parsed.success) {
    throw new ConflictError(
      `${subject} is suspended, but the annotation ${RUNTIME_SUSPENDED_EVENT_SOURCE_ANNOTATION} on its Sensor is not a record of an EventSource (spec, labels, annotations); nothing was changed. An operator must repair or remove it`,
    );
  }
  const record = parsed.data;
  requireSameClaim(
    `The EventSource recorded on the Sensor of ${subject}`,
    {
      owner: record.labels[RUNTIME_OWNER_LABEL],
      service: record.labels[RUNTIME_SERVICE_LABEL],
    },
    claim,
  );
  return record;
}

/**
 * The EventSource `namespace/name` made again from its record, with the Sensor's expiry
 * (`runtime:resource:extend` changes only the Sensor's while the EventSource is gone).
 */
export function eventSourceFromRecord(
  namespace: string,
  name: string,
  record: SuspendedEventSource,
  sensor: ArgoSensor,
): ArgoEventSource {
  const { [RUNTIME_EXPIRES_AT_ANNOTATION]: _, ...annotations } =
    record.annotations;
  const expiresAt =
    sensor.metadata.annotations?.[RUNTIME_EXPIRES_AT_ANNOTATION];
  if (expiresAt !== undefined) {
    annotations[RUNTIME_EXPIRES_AT_ANNOTATION] = expiresAt;
  }
  return {
    apiVersion: apiVersionOf(EVENT_SOURCE_KIND),
    kind: EVENT_SOURCE_KIND.kind,
    metadata: {
      name,
      namespace,
      labels: record.labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: record.spec as ArgoEventSource['spec'],
  };
}
