import { StatusCause } from '../apiErrors';
import { KubernetesObject, isPlainObject } from '../objects';
import { invalidValue, notSupported, required } from './fieldErrors';
import { cronScheduleProblem, goDurationProblem } from './cronSchedule';

/**
 * Argo Events' own checks of an EventSource (v1.9.11 `pkg/reconciler/eventsource/validate.go`, run by
 * its admission webhook and its controller), for the source types the portal writes (webhook,
 * calendar, minio, resource): duplicate event names, mixed update strategies, and each type's
 * `validate.go` under `pkg/eventsources/sources/`. Plus the Kubernetes Service rules that
 * `spec.service.ports` must pass for the controller to create the Service. Messages are upstream's.
 */

/** EventSourceSpec keys that are not event source types. */
const NON_SOURCE_KEYS = new Set([
  'eventBusName',
  'template',
  'service',
  'replicas',
]);

/**
 * Spec keys of the types Argo Events deploys with the Recreate strategy
 * (`RecreateStrategyEventSources` in `pkg/apis/events/v1alpha1/const.go`).
 */
const RECREATE_TYPES = new Set([
  'amqp',
  'calendar',
  'kafka',
  'pubSub',
  'azureEventsHub',
  'azureServiceBus',
  'nats',
  'mqtt',
  'minio',
  'emitter',
  'nsq',
  'pulsar',
  'redis',
  'redisStream',
  'resource',
  'hdfs',
  'file',
  'sftp',
  'generic',
]);

/** Kubernetes Service port protocols (`core/v1` `Protocol`). */
const SERVICE_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
/** `ResourceEventType` values of a resource event source. */
const RESOURCE_EVENT_TYPES = ['ADD', 'UPDATE', 'DELETE'];

const isEmpty = (value: unknown) => value === undefined || value === '';

function checkWebhook(causes: StatusCause[], field: string, source: any) {
  // pkg/eventsources/common/webhook/validate.go ValidateWebhookContext
  if (source.endpoint === '')
    causes.push(required(`${field}.endpoint`, "endpoint can't be empty"));
  if (source.port === '') {
    causes.push(required(`${field}.port`, "port can't be empty"));
  } else if (
    typeof source.port === 'string' &&
    !/^[+-]?\d+$/.test(source.port)
  ) {
    causes.push(
      invalidValue(
        `${field}.port`,
        source.port,
        `failed to parse server port ${
          source.port
        }. err: strconv.Atoi: parsing ${JSON.stringify(
          source.port,
        )}: invalid syntax`,
      ),
    );
  }
}

function checkCalendar(causes: StatusCause[], field: string, source: any) {
  // pkg/eventsources/sources/calendar/validate.go and resolveSchedule in start.go
  if (isEmpty(source.schedule) && isEmpty(source.interval)) {
    causes.push(
      required(`${field}.schedule`, 'must have either schedule or interval'),
    );
    return;
  }
  if (typeof source.schedule === 'string' && source.schedule !== '') {
    const problem = cronScheduleProblem(source.schedule);
    if (problem) {
      causes.push(
        invalidValue(
          `${field}.schedule`,
          source.schedule,
          `failed to parse schedule ${source.schedule} from calendar event. Cause: ${problem}`,
        ),
      );
    }
  } else if (typeof source.interval === 'string') {
    const problem = goDurationProblem(source.interval);
    if (problem) {
      causes.push(
        invalidValue(
          `${field}.interval`,
          source.interval,
          `failed to parse interval ${source.interval} from calendar event. Cause: ${problem}`,
        ),
      );
    }
  }
}

function checkMinio(causes: StatusCause[], field: string, source: any) {
  // pkg/eventsources/sources/minio/validate.go (missing keys are the schema's `required`)
  if (source.endpoint === '')
    causes.push(required(`${field}.endpoint`, "endpoint url can't be empty"));
  if (isPlainObject(source.bucket) && source.bucket.name === '')
    causes.push(required(`${field}.bucket.name`, "bucket name can't be empty"));
  if (Array.isArray(source.events)) {
    source.events.forEach((event: unknown, i: number) => {
      if (event === '')
        causes.push(
          invalidValue(`${field}.events[${i}]`, event, 'unknown event '),
        );
    });
  }
}

function checkResource(causes: StatusCause[], field: string, source: any) {
  // pkg/eventsources/sources/resource/validate.go
  if (source.version === '')
    causes.push(required(`${field}.version`, 'version must be specified'));
  if (source.resource === '')
    causes.push(required(`${field}.resource`, 'resource must be specified'));
  if (Array.isArray(source.eventTypes)) {
    // ResourceEventType is a Go enum; upstream ignores other values, the sandbox refuses them.
    source.eventTypes.forEach((type: unknown, i: number) => {
      if (typeof type === 'string' && !RESOURCE_EVENT_TYPES.includes(type)) {
        causes.push(
          notSupported(`${field}.eventTypes[${i}]`, type, RESOURCE_EVENT_TYPES),
        );
      }
    });
  }
  for (const kind of ['labels', 'fields']) {
    const selectors = source.filter?.[kind];
    if (!Array.isArray(selectors)) continue;
    selectors.forEach((selector: any, i: number) => {
      if (isPlainObject(selector) && selector.key === '') {
        causes.push(
          required(
            `${field}.filter.${kind}[${i}].key`,
            "key can't be empty for selector",
          ),
        );
      }
    });
  }
}

const SOURCE_CHECKS: Record<
  string,
  (causes: StatusCause[], field: string, source: any) => void
> = {
  webhook: checkWebhook,
  calendar: checkCalendar,
  minio: checkMinio,
  resource: checkResource,
};

const IANA_SERVICE_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function checkPortNumber(causes: StatusCause[], field: string, port: unknown) {
  if (
    Number.isInteger(port) &&
    ((port as number) < 1 || (port as number) > 65535)
  ) {
    causes.push(
      invalidValue(field, port, 'must be between 1 and 65535, inclusive'),
    );
  }
}

/** The rules kube-apiserver applies to a Service's ports, for the Service the controller makes. */
function checkServicePorts(causes: StatusCause[], ports: unknown) {
  if (!Array.isArray(ports)) return;
  const names = new Set<string>();
  ports.forEach((port: any, i: number) => {
    if (!isPlainObject(port)) return;
    const field = `spec.service.ports[${i}]`;
    checkPortNumber(causes, `${field}.port`, port.port);
    if (
      port.protocol !== undefined &&
      !SERVICE_PORT_PROTOCOLS.includes(port.protocol)
    ) {
      causes.push(
        notSupported(
          `${field}.protocol`,
          port.protocol,
          SERVICE_PORT_PROTOCOLS,
        ),
      );
    }
    if (typeof port.targetPort === 'number') {
      checkPortNumber(causes, `${field}.targetPort`, port.targetPort);
    } else if (
      typeof port.targetPort === 'string' &&
      (port.targetPort.length > 15 || !IANA_SERVICE_NAME.test(port.targetPort))
    ) {
      causes.push(
        invalidValue(
          `${field}.targetPort`,
          port.targetPort,
          'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-), at most 15 characters, at least one letter',
        ),
      );
    }
    if (ports.length > 1 && isEmpty(port.name)) {
      causes.push(required(`${field}.name`));
    } else if (typeof port.name === 'string' && port.name !== '') {
      if (!DNS_LABEL.test(port.name) || port.name.length > 63) {
        causes.push(
          invalidValue(
            `${field}.name`,
            port.name,
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          ),
        );
      }
      if (names.has(port.name)) {
        causes.push({
          reason: 'FieldValueDuplicate',
          message: `Duplicate value: ${JSON.stringify(port.name)}`,
          field: `${field}.name`,
        });
      }
      names.add(port.name);
    }
  });
}

/** Argo Events' rules for an EventSource's spec (already checked against the schema's types). */
export function validateEventSourceRules(
  object: KubernetesObject,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = object.spec;
  if (!isPlainObject(spec)) return causes;
  const seen = new Map<string, string>();
  let rolling = 0;
  let recreate = 0;
  for (const [type, sources] of Object.entries(spec)) {
    if (NON_SOURCE_KEYS.has(type) || !isPlainObject(sources)) continue;
    for (const [eventName, source] of Object.entries(sources)) {
      const field = `spec.${type}[${eventName}]`;
      if (RECREATE_TYPES.has(type)) recreate++;
      else rolling++;
      if (seen.has(eventName)) {
        causes.push(
          invalidValue(
            field,
            eventName,
            `more than one ${JSON.stringify(eventName)} found in the spec`,
          ),
        );
      }
      seen.set(eventName, type);
      if (isPlainObject(source)) SOURCE_CHECKS[type]?.(causes, field, source);
    }
  }
  if (rolling > 0 && recreate > 0) {
    causes.push({
      reason: 'FieldValueInvalid',
      message:
        'Invalid value: "object": event sources with rolling update and recreate update strategy can not be put together',
      field: 'spec',
    });
  }
  checkServicePorts(causes, spec.service?.ports);
  return causes;
}
