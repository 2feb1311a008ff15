import { NotFoundError } from '@backstage/errors';
import { RuntimeWorkflowDetails } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ArgoEventSource,
  ArgoSensor,
  EVENT_SOURCE_KIND,
  RuntimeClientsService,
  SENSOR_KIND,
  eventSourceWebhookUrls,
} from '@runtime-portal/backstage-plugin-runtime-node';

type Step = { kind: string; description: string };

/** An Argo Events sensor with its event sources, or a Temporal namespace. */
export async function workflowDetails(
  clients: RuntimeClientsService,
  environment: string,
  upstreamRef: string,
  signal: AbortSignal,
): Promise<RuntimeWorkflowDetails> {
  if (upstreamRef.startsWith('temporal:')) {
    return temporalDetails(clients, environment, upstreamRef.slice(9), signal);
  }
  const [namespace, name] = upstreamRef.split('/');
  const kubernetes = clients.client(environment, 'kubernetes');
  const sensor = await kubernetes.get<ArgoSensor>(
    SENSOR_KIND,
    namespace,
    name,
    {
      signal,
    },
  );
  if (!sensor) {
    throw new NotFoundError(
      `Workflow ${upstreamRef} not found in ${environment}`,
    );
  }
  const sourceNames = [
    ...new Set(sensor.spec.dependencies.map(d => d.eventSourceName)),
  ];
  const sources = await Promise.all(
    sourceNames.map(source =>
      kubernetes.get<ArgoEventSource>(EVENT_SOURCE_KIND, namespace, source, {
        signal,
      }),
    ),
  );
  const sourceOf = (dependency: ArgoSensor['spec']['dependencies'][number]) =>
    sources.find(s => s?.metadata.name === dependency.eventSourceName);
  const triggers = sensor.spec.dependencies.flatMap(dependency => {
    const source = sourceOf(dependency);
    return source ? describeSource(source, dependency.eventName) : [];
  });
  const webhookUrls = [
    ...new Set(
      sensor.spec.dependencies.flatMap(dependency => {
        const source = sourceOf(dependency);
        return source
          ? eventSourceWebhookUrls(source)
              .filter(webhook => webhook.eventName === dependency.eventName)
              .map(webhook => webhook.url)
          : [];
      }),
    ),
  ];
  return {
    type: 'workflow',
    environment,
    engine: 'argo-events',
    name,
    namespace,
    triggers,
    actions: sensor.spec.triggers.map(t => describeTrigger(t.template)),
    ...(webhookUrls.length > 0 ? { webhookUrls } : {}),
    conditions: [
      ...(sources.flatMap(s => s?.status?.conditions ?? []) ?? []),
      ...(sensor.status?.conditions ?? []),
    ].map(c => ({ type: c.type, status: c.status, message: c.message })),
  };
}

async function temporalDetails(
  clients: RuntimeClientsService,
  environment: string,
  name: string,
  signal: AbortSignal,
): Promise<RuntimeWorkflowDetails> {
  const namespace = await clients
    .client(environment, 'temporal')
    .describeNamespace(name, { signal });
  if (!namespace) {
    throw new NotFoundError(
      `Temporal namespace ${name} not found in ${environment}`,
    );
  }
  return {
    type: 'workflow',
    environment,
    engine: 'temporal',
    name,
    triggers: [
      {
        kind: 'temporal',
        description: 'Workflows started by Temporal clients',
      },
    ],
    actions: [],
    conditions: [{ type: 'State', status: namespace.state }],
    retentionDays: namespace.retentionDays,
  };
}

function describeSource(source: ArgoEventSource, eventName: string): Step[] {
  const steps: Step[] = [];
  for (const [type, events] of Object.entries(source.spec)) {
    if (
      type === 'eventBusName' ||
      type === 'service' ||
      typeof events !== 'object' ||
      !events
    ) {
      continue;
    }
    const event = (events as Record<string, Record<string, any>>)[eventName];
    if (!event) continue;
    if (type === 'webhook') {
      steps.push({
        kind: 'webhook',
        description: `${event.method ?? 'POST'} ${
          event.endpoint ?? '/'
        } on port ${event.port}`,
      });
    } else if (type === 'calendar') {
      steps.push({
        kind: 'calendar',
        description: event.schedule
          ? `cron ${event.schedule}`
          : `every ${event.interval}`,
      });
    } else if (type === 'minio') {
      steps.push({
        kind: 'bucket',
        description: `${(event.events ?? []).join(', ')} in ${
          event.bucket?.name
        }`,
      });
    } else {
      steps.push({ kind: type, description: eventName });
    }
  }
  return steps;
}

function describeTrigger(template: Record<string, any>): Step {
  if (template.http) {
    return {
      kind: 'http',
      description: `${template.http.method ?? 'POST'} ${template.http.url}`,
    };
  }
  if (template.k8s) {
    const resource = template.k8s.source?.resource ?? {};
    return {
      kind: 'kubernetes',
      description: `${template.k8s.operation ?? 'create'} ${
        resource.kind ?? 'resource'
      } ${
        resource.metadata?.name ?? resource.metadata?.generateName ?? ''
      }`.trim(),
    };
  }
  const kind = Object.keys(template).find(k => k !== 'name') ?? 'trigger';
  return { kind, description: template.name };
}
