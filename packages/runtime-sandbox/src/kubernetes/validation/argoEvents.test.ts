import { KubernetesObject } from '../objects';
import { validateArgoEvents } from './argoEvents';
import { cronScheduleProblem } from './cronSchedule';

/*
 * Fixtures marked "upstream" are transcribed from argoproj/argo-events v1.9.11 `examples/` (comments
 * dropped).
 */

const object = (kind: string, spec: unknown): KubernetesObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind,
  metadata: { name: 'example', namespace: 'team-a' },
  spec: spec as Record<string, any>,
});
const check = (kind: string, spec: unknown, old?: unknown) =>
  validateArgoEvents(
    kind,
    object(kind, spec),
    old === undefined ? undefined : object(kind, old),
  );
const eventSource = (spec: unknown) => check('EventSource', spec);
const sensor = (spec: unknown) => check('Sensor', spec);
const eventBus = (spec: unknown, old?: unknown) => check('EventBus', spec, old);

/** examples/event-sources/webhook.yaml (upstream) */
const WEBHOOK = {
  service: {
    ports: [{ port: 12000, targetPort: 12000 }],
    metadata: { labels: { foo: 'bar' }, annotations: { foo: 'bar' } },
  },
  webhook: {
    example: { port: '12000', endpoint: '/example', method: 'POST' },
  },
};
/** examples/event-sources/calendar.yaml (upstream) */
const CALENDAR = { calendar: { 'example-with-interval': { interval: '10s' } } };
/** examples/event-sources/minio.yaml (upstream) */
const MINIO = {
  minio: {
    example: {
      bucket: { name: 'input' },
      endpoint: 'minio-service.argo-events:9000',
      events: ['s3:ObjectCreated:Put', 's3:ObjectRemoved:Delete'],
      insecure: true,
      accessKey: { key: 'accesskey', name: 'artifacts-minio' },
      secretKey: { key: 'secretkey', name: 'artifacts-minio' },
    },
  },
};
/** examples/event-sources/resource.yaml (upstream) */
const RESOURCE = {
  template: { serviceAccountName: 'your-service-account' },
  resource: {
    example: {
      namespace: 'argo-events',
      group: 'argoproj.io',
      version: 'v1alpha1',
      resource: 'workflows',
      eventTypes: ['ADD'],
      filter: {
        afterStart: true,
        labels: [{ key: 'app', operation: '==', value: 'my-workflow' }],
      },
    },
  },
};
const DEPENDENCY = {
  name: 'test-dep',
  eventSourceName: 'minio',
  eventName: 'example',
};
/** examples/sensors/http-trigger.yaml (upstream) */
const HTTP_SENSOR = {
  dependencies: [DEPENDENCY],
  triggers: [
    {
      template: {
        name: 'http-trigger',
        http: {
          url: 'http://http-server.argo-events.svc:8090/hello',
          payload: [
            {
              src: {
                dependencyName: 'test-dep',
                dataKey: 'notification.0.s3.bucket.name',
              },
              dest: 'bucket',
            },
            {
              src: { dependencyName: 'test-dep', contextKey: 'type' },
              dest: 'type',
            },
          ],
          method: 'POST',
        },
      },
      retryStrategy: { steps: 3, duration: '3s' },
    },
  ],
};
/** examples/sensors/trigger-standard-k8s-resource.yaml (upstream) */
const K8S_SENSOR = {
  template: { serviceAccountName: 'operate-workflow-sa' },
  dependencies: [
    { name: 'test-dep', eventSourceName: 'webhook', eventName: 'example' },
  ],
  triggers: [
    {
      template: {
        name: 'webhook-pod-trigger',
        k8s: {
          operation: 'create',
          source: {
            resource: {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { generateName: 'hello-world-' },
              spec: {
                containers: [
                  {
                    name: 'hello-container',
                    args: ['hello-world'],
                    command: ['echo'],
                    image: 'busybox',
                  },
                ],
              },
            },
          },
          parameters: [
            {
              src: { dependencyName: 'test-dep', dataKey: 'body' },
              dest: 'spec.containers.0.args.0',
            },
          ],
        },
      },
    },
  ],
};
/** examples/sensors/http-trigger-secure-headers.yaml (upstream): an http trigger without payload. */
const SECURE_HEADERS_SENSOR = {
  dependencies: [
    { name: 'test-dep', eventSourceName: 'webhook', eventName: 'example' },
  ],
  triggers: [
    {
      template: {
        name: 'http-trigger',
        http: {
          secureHeaders: [
            {
              name: 'serviceToken',
              valueFrom: {
                secretKeyRef: {
                  name: 'dev-services-secret',
                  key: 'serviceToken',
                },
              },
            },
          ],
          url: 'http://http-server.default.svc.cluster.local:8080/hello',
          method: 'GET',
        },
      },
      retryStrategy: { steps: 3, duration: '3s' },
      policy: { status: { allow: [200, 201] } },
    },
  ],
};
/** examples/eventbus/native.yaml (upstream) */
const NATIVE_BUS = { nats: { native: { replicas: 3, auth: 'token' } } };

/** A copy of `value` with `edit` applied. */
function edited<T>(value: T, edit: (copy: any) => void): T {
  const copy = JSON.parse(JSON.stringify(value));
  edit(copy);
  return copy;
}

describe('validateArgoEvents: upstream examples', () => {
  it.each([
    ['EventSource', 'webhook.yaml', WEBHOOK],
    ['EventSource', 'calendar.yaml', CALENDAR],
    ['EventSource', 'minio.yaml', MINIO],
    ['EventSource', 'resource.yaml', RESOURCE],
    ['Sensor', 'http-trigger.yaml', HTTP_SENSOR],
    ['Sensor', 'trigger-standard-k8s-resource.yaml', K8S_SENSOR],
    ['Sensor', 'http-trigger-secure-headers.yaml', SECURE_HEADERS_SENSOR],
    ['EventBus', 'native.yaml', NATIVE_BUS],
    ['EventBus', 'a JetStream bus', { jetstream: { version: 'latest' } }],
  ])('accepts the %s of %s', (kind, _name, spec) => {
    expect(check(kind, spec)).toEqual([]);
  });

  it('refuses examples/sensors/trigger-openwhisk.yaml, whose `openwhisk` (for `openWhisk`) real Argo Events silently ignores', () => {
    const spec = edited(HTTP_SENSOR, s => {
      const { http } = s.triggers[0].template;
      delete s.triggers[0].template.http;
      s.triggers[0].template.openwhisk = {
        host: 'openwhisk.argo-events.svc:9000',
        actionName: 'hello',
        payload: http.payload,
      };
    });
    expect(sensor(spec)).toEqual([
      {
        reason: 'FieldValueForbidden',
        message:
          'Forbidden: unknown field "spec.triggers[0].template.openwhisk"',
        field: 'spec.triggers[0].template.openwhisk',
      },
    ]);
  });
});

describe('validateArgoEvents: the published schema', () => {
  it('requires spec, as the CRDs do', () => {
    expect(check('EventSource', undefined)).toEqual([
      {
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: 'spec',
      },
    ]);
  });

  it('refuses an unknown event source type', () => {
    expect(eventSource({ webhok: WEBHOOK.webhook })).toEqual([
      expect.objectContaining({
        field: 'spec.webhok',
        message: 'Forbidden: unknown field "spec.webhok"',
      }),
    ]);
  });

  it('refuses an unknown field inside a source, naming it by event name', () => {
    const spec = edited(WEBHOOK, s => {
      s.webhook.example.methd = 'POST';
    });
    expect(eventSource(spec)).toEqual([
      expect.objectContaining({ field: 'spec.webhook[example].methd' }),
    ]);
  });

  it('refuses a value of the wrong type (the webhook port is a string)', () => {
    const spec = edited(WEBHOOK, s => {
      s.webhook.example.port = 12000;
    });
    expect(eventSource(spec)).toEqual([
      {
        reason: 'FieldValueTypeInvalid',
        message:
          'Invalid value: "integer": spec.webhook[example].port in body must be of type string: "integer"',
        field: 'spec.webhook[example].port',
      },
    ]);
  });

  it('requires the required properties (a dependency needs its event name)', () => {
    const spec = edited(HTTP_SENSOR, s => {
      delete s.dependencies[0].eventName;
    });
    expect(sensor(spec)).toEqual([
      {
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: 'spec.dependencies[0].eventName',
      },
    ]);
  });

  it('does not require what Argo Events does not need (the webhook url)', () => {
    expect(WEBHOOK.webhook.example).not.toHaveProperty('url');
    expect(eventSource(WEBHOOK)).toEqual([]);
  });

  it('accepts source types it has not transcribed as they are', () => {
    expect(eventSource({ kafka: { example: { anything: true } } })).toEqual([]);
  });

  it('accepts a Service targetPort as a number or a name (int-or-string)', () => {
    const spec = edited(WEBHOOK, s => {
      s.service.ports = [{ port: 80, targetPort: 'http' }];
    });
    expect(eventSource(spec)).toEqual([]);
    const bad = edited(WEBHOOK, s => {
      s.service.ports = [{ port: 80, targetPort: true }];
    });
    expect(eventSource(bad)).toEqual([
      expect.objectContaining({
        reason: 'FieldValueTypeInvalid',
        field: 'spec.service.ports[0].targetPort',
      }),
    ]);
  });
});

describe('validateArgoEvents: EventSource rules', () => {
  const webhookWith = (fields: Record<string, unknown>) =>
    eventSource(edited(WEBHOOK, s => Object.assign(s.webhook.example, fields)));

  it('needs a webhook endpoint', () => {
    expect(webhookWith({ endpoint: '' })).toEqual([
      {
        reason: 'FieldValueRequired',
        message: "Required value: endpoint can't be empty",
        field: 'spec.webhook[example].endpoint',
      },
    ]);
  });

  it('needs a webhook port', () => {
    expect(webhookWith({ port: '' })).toEqual([
      expect.objectContaining({
        field: 'spec.webhook[example].port',
        message: "Required value: port can't be empty",
      }),
    ]);
  });

  it('needs a webhook port that is a number', () => {
    expect(webhookWith({ port: 'http' })).toEqual([
      expect.objectContaining({
        field: 'spec.webhook[example].port',
        message:
          'Invalid value: "http": failed to parse server port http. err: strconv.Atoi: parsing "http": invalid syntax',
      }),
    ]);
  });

  it('needs a webhook method (the schema requires it)', () => {
    const spec = edited(WEBHOOK, s => delete s.webhook.example.method);
    expect(eventSource(spec)).toEqual([
      expect.objectContaining({
        reason: 'FieldValueRequired',
        field: 'spec.webhook[example].method',
      }),
    ]);
  });

  it('needs a calendar schedule or interval', () => {
    expect(eventSource({ calendar: { nightly: {} } })).toEqual([
      expect.objectContaining({
        field: 'spec.calendar[nightly].schedule',
        message: 'Required value: must have either schedule or interval',
      }),
    ]);
  });

  it.each([
    ['0 2 * * *', undefined],
    ['*/15 9-17 * JAN-DEC mon-fri', undefined],
    ['@daily', 'parser does not accept descriptors: @daily'],
    ['0 0 2 * * *', 'expected exactly 5 fields, found 6: [0 0 2 * * *]'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    [
      'x * * * *',
      'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
    ],
  ])('parses the cron schedule %j as robfig/cron does', (spec, problem) => {
    expect(cronScheduleProblem(spec)).toBe(problem);
  });

  it('refuses a calendar schedule that does not parse, with upstream’s message', () => {
    expect(
      eventSource({ calendar: { nightly: { schedule: '@daily' } } }),
    ).toEqual([
      expect.objectContaining({
        field: 'spec.calendar[nightly].schedule',
        message:
          'Invalid value: "@daily": failed to parse schedule @daily from calendar event. Cause: parser does not accept descriptors: @daily',
      }),
    ]);
  });

  it('refuses a calendar interval that is not a Go duration', () => {
    expect(
      eventSource({ calendar: { tick: { interval: '10 minutes' } } }),
    ).toEqual([
      expect.objectContaining({
        field: 'spec.calendar[tick].interval',
        message:
          'Invalid value: "10 minutes": failed to parse interval 10 minutes from calendar event. Cause: time: invalid duration "10 minutes"',
      }),
    ]);
    expect(eventSource({ calendar: { tick: { interval: '1h30m' } } })).toEqual(
      [],
    );
  });

  it('needs a minio endpoint and bucket name', () => {
    const spec = edited(MINIO, s => {
      s.minio.example.endpoint = '';
      s.minio.example.bucket.name = '';
    });
    expect(eventSource(spec).map(c => [c.field, c.message])).toEqual([
      [
        'spec.minio[example].endpoint',
        "Required value: endpoint url can't be empty",
      ],
      [
        'spec.minio[example].bucket.name',
        "Required value: bucket name can't be empty",
      ],
    ]);
  });

  it('needs a resource version and resource', () => {
    const spec = edited(RESOURCE, s => {
      s.resource.example.version = '';
      s.resource.example.resource = '';
    });
    expect(eventSource(spec).map(c => c.message)).toEqual([
      'Required value: version must be specified',
      'Required value: resource must be specified',
    ]);
  });

  it('refuses a resource event type outside ADD, UPDATE, DELETE', () => {
    const spec = edited(RESOURCE, s => {
      s.resource.example.eventTypes = ['ADDED'];
    });
    expect(eventSource(spec)).toEqual([
      {
        reason: 'FieldValueNotSupported',
        message:
          'Unsupported value: "ADDED": supported values: "ADD", "UPDATE", "DELETE"',
        field: 'spec.resource[example].eventTypes[0]',
      },
    ]);
  });

  it('needs a key in each resource filter selector', () => {
    const spec = edited(RESOURCE, s => {
      s.resource.example.filter.labels[0].key = '';
    });
    expect(eventSource(spec)).toEqual([
      expect.objectContaining({
        field: 'spec.resource[example].filter.labels[0].key',
        message: "Required value: key can't be empty for selector",
      }),
    ]);
  });

  it('refuses an event name used twice', () => {
    const spec = { ...WEBHOOK, github: { example: {} } };
    expect(eventSource(spec)).toEqual([
      expect.objectContaining({
        field: 'spec.github[example]',
        message:
          'Invalid value: "example": more than one "example" found in the spec',
      }),
    ]);
  });

  it('refuses rolling-update and recreate sources in one EventSource', () => {
    expect(eventSource({ ...WEBHOOK, ...CALENDAR })).toEqual([
      expect.objectContaining({
        field: 'spec',
        message:
          'Invalid value: "object": event sources with rolling update and recreate update strategy can not be put together',
      }),
    ]);
  });

  const withPorts = (ports: unknown[]) =>
    eventSource(edited(WEBHOOK, s => (s.service.ports = ports)));

  it('refuses a service port out of range', () => {
    expect(withPorts([{ port: 0 }])).toEqual([
      expect.objectContaining({
        field: 'spec.service.ports[0].port',
        message: 'Invalid value: 0: must be between 1 and 65535, inclusive',
      }),
    ]);
  });

  it('refuses a service port protocol outside SCTP, TCP, UDP', () => {
    expect(withPorts([{ port: 80, protocol: 'HTTP' }])).toEqual([
      {
        reason: 'FieldValueNotSupported',
        message:
          'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        field: 'spec.service.ports[0].protocol',
      },
    ]);
  });

  it('needs names, distinct, when there are several service ports', () => {
    expect(
      withPorts([
        { port: 80 },
        { port: 81, name: 'a' },
        { port: 82, name: 'a' },
      ]).map(c => [c.field, c.reason]),
    ).toEqual([
      ['spec.service.ports[0].name', 'FieldValueRequired'],
      ['spec.service.ports[2].name', 'FieldValueDuplicate'],
    ]);
  });

  it('refuses a named target port that is not an IANA service name', () => {
    expect(withPorts([{ port: 80, targetPort: 'Web_Port' }])).toEqual([
      expect.objectContaining({ field: 'spec.service.ports[0].targetPort' }),
    ]);
  });
});

describe('validateArgoEvents: Sensor rules', () => {
  const messages = (spec: unknown) =>
    sensor(spec).map(c => [c.field, c.message]);

  it('needs dependencies', () => {
    expect(messages({ ...HTTP_SENSOR, dependencies: [] })).toEqual([
      ['spec.dependencies', 'Required value: no event dependencies found'],
    ]);
  });

  it('needs dependency names, event source names and event names', () => {
    const spec = edited(HTTP_SENSOR, s => {
      s.dependencies[0] = { name: '', eventSourceName: '', eventName: '' };
    });
    expect(messages(spec).map(([, m]) => m)).toEqual([
      'Required value: event dependency must define a name',
      'Required value: event dependency must define the EventSourceName',
      'Required value: event dependency must define the EventName',
    ]);
  });

  it('refuses a filters logical operator outside and, or', () => {
    const spec = edited(HTTP_SENSOR, s => {
      s.dependencies[0].filtersLogicalOperator = 'xor';
    });
    expect(messages(spec)).toEqual([
      [
        'spec.dependencies[0].filtersLogicalOperator',
        'Unsupported value: "xor": supported values: "and", "or"',
      ],
    ]);
  });

  it('refuses a data filter comparator outside >=, >, =, !=, <, <=', () => {
    const spec = edited(HTTP_SENSOR, s => {
      s.dependencies[0].filters = {
        data: [
          { path: 'body.n', type: 'number', value: ['1'], comparator: '==' },
        ],
      };
    });
    expect(messages(spec)).toEqual([
      [
        'spec.dependencies[0].filters.data[0].comparator',
        'Unsupported value: "==": supported values: ">=", ">", "=", "!=", "<", "<="',
      ],
    ]);
  });

  it('refuses a context filter without any field', () => {
    const spec = edited(HTTP_SENSOR, s => {
      s.dependencies[0].filters = { context: { id: 'x' } };
    });
    expect(messages(spec)).toEqual([
      [
        'spec.dependencies[0].filters.context',
        'Required value: no fields specified in ctx filter (aka all events will be discarded)',
      ],
    ]);
  });

  it('needs an expression and fields in an expr filter', () => {
    const spec = edited(HTTP_SENSOR, s => {
      s.dependencies[0].filters = { exprs: [{ expr: 'a > 1', fields: [] }] };
    });
    expect(messages(spec)).toEqual([
      [
        'spec.dependencies[0].filters.exprs[0]',
        'Required value: one of expr filters is not valid (expr and fields must be not empty)',
      ],
    ]);
  });

  it('refuses a time filter in an unknown time zone', () => {
    const spec = edited(HTTP_SENSOR, s => {
      s.dependencies[0].filters = {
        time: { start: '09:00:00', stop: '17:00:00', timezone: 'Nowhere/City' },
      };
    });
    expect(messages(spec)).toEqual([
      [
        'spec.dependencies[0].filters.time.timezone',
        'Invalid value: "Nowhere/City": invalid timezone \'Nowhere/City\'',
      ],
    ]);
  });

  it('checks the parameters of a trigger as well as its template’s', () => {
    const spec = edited(HTTP_SENSOR, s => {
      s.triggers[0].parameters = [
        { src: { dependencyName: 'test-dep' }, dest: 'x', operation: 'merge' },
      ];
    });
    expect(messages(spec).map(([f]) => f)).toEqual([
      'spec.triggers[0].parameters[0].operation',
    ]);
  });

  it('needs triggers', () => {
    expect(messages({ ...HTTP_SENSOR, triggers: [] })).toEqual([
      ['spec.triggers', 'Required value: no triggers found'],
    ]);
  });

  it('needs a trigger template and its name', () => {
    expect(messages({ ...HTTP_SENSOR, triggers: [{}] })).toEqual([
      [
        'spec.triggers[0].template',
        "Required value: trigger template can't be nil",
      ],
    ]);
    const unnamed = edited(
      HTTP_SENSOR,
      s => (s.triggers[0].template.name = ''),
    );
    expect(messages(unnamed)).toEqual([
      [
        'spec.triggers[0].template.name',
        'Required value: trigger must define a name',
      ],
    ]);
  });

  it('refuses two triggers of one name', () => {
    const spec = edited(HTTP_SENSOR, s => s.triggers.push(s.triggers[0]));
    expect(messages(spec)).toEqual([
      [
        'spec.triggers[1].template.name',
        'Invalid value: "http-trigger": duplicate trigger name: http-trigger',
      ],
    ]);
  });

  it('needs an http trigger url', () => {
    const spec = edited(
      HTTP_SENSOR,
      s => (s.triggers[0].template.http.url = ''),
    );
    expect(messages(spec)).toEqual([
      [
        'spec.triggers[0].template.http.url',
        'Required value: server URL is not specified',
      ],
    ]);
  });

  it('refuses an http trigger method outside GET, DELETE, PATCH, POST, PUT', () => {
    const spec = edited(
      HTTP_SENSOR,
      s => (s.triggers[0].template.http.method = 'HEAD'),
    );
    expect(messages(spec)).toEqual([
      [
        'spec.triggers[0].template.http.method',
        'Unsupported value: "HEAD": supported values: "GET", "DELETE", "PATCH", "POST", "PUT"',
      ],
    ]);
  });

  it('refuses a k8s trigger operation outside create, update, patch, delete', () => {
    const spec = edited(
      K8S_SENSOR,
      s => (s.triggers[0].template.k8s.operation = 'apply'),
    );
    expect(messages(spec)).toEqual([
      [
        'spec.triggers[0].template.k8s.operation',
        'Unsupported value: "apply": supported values: "create", "update", "patch", "delete"',
      ],
    ]);
  });

  it('needs a k8s trigger source', () => {
    const spec = edited(
      K8S_SENSOR,
      s => delete s.triggers[0].template.k8s.source,
    );
    expect(messages(spec)).toEqual([
      [
        'spec.triggers[0].template.k8s.source',
        'Required value: k8s trigger does not contain an absolute action',
      ],
    ]);
  });

  it('refuses a parameter operation outside append, overwrite, prepend', () => {
    const spec = edited(K8S_SENSOR, s => {
      s.triggers[0].template.k8s.parameters[0].operation = 'replace';
    });
    expect(messages(spec)).toEqual([
      [
        'spec.triggers[0].template.k8s.parameters[0].operation',
        'Unsupported value: "replace": supported values: "append", "overwrite", "prepend"',
      ],
    ]);
  });

  it('needs a parameter source and destination (not the destination of an http payload)', () => {
    const spec = edited(K8S_SENSOR, s => {
      s.triggers[0].template.k8s.parameters = [{ dest: '' }];
    });
    expect(messages(spec).map(([, m]) => m)).toEqual([
      "Required value: parameter source can't be empty",
      "Required value: parameter destination can't be empty",
    ]);
    const http = edited(HTTP_SENSOR, s => {
      s.triggers[0].template.http.payload[0].dest = '';
    });
    expect(messages(http)).toEqual([]);
  });

  it('needs atLeastOnce on a trigger with a dead-letter trigger and on the dead-letter trigger', () => {
    const spec = edited(HTTP_SENSOR, s => {
      s.triggers[0].dlqTrigger = { template: { name: 'dlq', log: {} } };
    });
    expect(messages(spec).map(([f]) => f)).toEqual([
      'spec.triggers[0].atLeastOnce',
      'spec.triggers[0].dlqTrigger.atLeastOnce',
    ]);
  });

  it('refuses a conditions reset cron that does not parse or an unknown time zone', () => {
    const spec = edited(HTTP_SENSOR, s => {
      s.triggers[0].template.conditionsReset = [
        { byTime: { cron: '0 0 * *', timezone: 'Mars/Olympus' } },
      ];
    });
    expect(messages(spec)).toEqual([
      [
        'spec.triggers[0].template.conditionsReset[0].byTime.cron',
        'Invalid value: "0 0 * *": invalid cron expression "0 0 * *"',
      ],
      [
        'spec.triggers[0].template.conditionsReset[0].byTime.timezone',
        'Invalid value: "Mars/Olympus": invalid timezone "Mars/Olympus"',
      ],
    ]);
  });

  it('needs labels in a k8s trigger policy', () => {
    const spec = edited(K8S_SENSOR, s => {
      s.triggers[0].policy = {
        k8s: { backoff: { steps: 3 }, errorOnBackoffTimeout: true },
      };
    });
    expect(messages(spec)).toEqual([
      [
        'spec.triggers[0].policy.k8s.labels',
        'Required value: resource labels are not specified',
      ],
    ]);
  });
});

describe('validateArgoEvents: EventBus rules', () => {
  const messages = (spec: unknown, old?: unknown) =>
    eventBus(spec, old).map(c => [c.field, c.message]);

  it('needs one of nats, jetstream, jetstreamExotic, kafka', () => {
    expect(messages({})).toEqual([
      [
        'spec',
        'Required value: invalid spec: either "nats", "jetstream", "jetstreamExotic", or "kafka" needs to be specified',
      ],
    ]);
  });

  it('needs exactly one of native and exotic NATS', () => {
    expect(messages({ nats: {} })).toEqual([
      [
        'spec.nats',
        'Required value: either "native" or "exotic" must be defined',
      ],
    ]);
    expect(
      messages({ nats: { native: {}, exotic: { url: 'nats://x' } } }),
    ).toEqual([
      [
        'spec.nats',
        'Forbidden: "spec.nats.native" and "spec.nats.exotic" can not be defined together',
      ],
    ]);
  });

  it('needs the cluster ID and URL of an exotic NATS bus', () => {
    expect(messages({ nats: { exotic: {} } }).map(([f]) => f)).toEqual([
      'spec.nats.exotic.clusterID',
      'spec.nats.exotic.url',
    ]);
  });

  it('needs a JetStream version, and 1 or at least 3 replicas', () => {
    expect(messages({ jetstream: {} })).toEqual([
      [
        'spec.jetstream.version',
        'Required value: invalid spec: a version for jetstream needs to be specified',
      ],
    ]);
    expect(messages({ jetstream: { version: 'latest', replicas: 2 } })).toEqual(
      [
        [
          'spec.jetstream.replicas',
          'Invalid value: 2: invalid spec: a jetstream eventbus requires 1 replica or >= 3 replicas',
        ],
      ],
    );
  });

  it('needs the URL of a Kafka or exotic JetStream bus', () => {
    expect(messages({ kafka: {} })).toEqual([
      ['spec.kafka.url', 'Required value: "spec.kafka.url" is missing'],
    ]);
    expect(messages({ jetstreamExotic: {} })).toEqual([
      [
        'spec.jetstreamExotic.url',
        'Required value: "spec.jetstreamExotic.url" is missing',
      ],
    ]);
  });

  it('refuses an update that changes the implementation or immutable settings', () => {
    expect(messages(NATIVE_BUS, { jetstream: { version: 'latest' } })).toEqual([
      ['spec', 'Forbidden: Can not change event bus implementation'],
    ]);
    expect(
      messages({ nats: { native: { auth: 'none' } } }, NATIVE_BUS),
    ).toEqual([
      [
        'spec.nats.native.auth',
        'Forbidden: "spec.nats.native.auth" is immutable, can not be updated',
      ],
    ]);
    expect(
      messages(
        { jetstream: { version: 'latest', streamConfig: 'maxAge: 1h' } },
        { jetstream: { version: 'latest', streamConfig: 'maxAge: 2h' } },
      ),
    ).toEqual([
      [
        'spec.jetstream.streamConfig',
        "Forbidden: \"spec.jetstream.streamConfig\" is immutable, can not be updated, old value='maxAge: 2h', new value='maxAge: 1h'",
      ],
    ]);
    expect(
      messages(
        { jetstream: { version: '2.10.29' } },
        { jetstream: { version: 'latest' } },
      ),
    ).toEqual([]);
  });
});
