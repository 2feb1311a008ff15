import {
  RuntimeSeed,
  SeedArgoEventsWorkflow,
  SeedComponent,
  SeedInferenceEndpoint,
  SeedService,
  SeedTeam,
} from '../seed';
import { KubernetesObject } from './objects';
import { seedNetworkObjects } from './seedNetworkObjects';

/**
 * The seed → Kubernetes objects mapping: what a Runtime installed with Helm and used by the
 * portal looks like in the cluster.
 *
 * Label keys are copied from `@runtime-portal/backstage-plugin-runtime-common` (`labels.ts`); the
 * sandbox must not import plugin packages.
 */

/** `runtime-portal.io/owner`: the team (Backstage group) owning a live resource. */
const OWNER_LABEL = 'runtime-portal.io/owner';
/** `runtime-portal.io/service`: the service (Backstage component) using a live resource. */
const SERVICE_LABEL = 'runtime-portal.io/service';
/** The portal's server-side apply field manager. */
const PORTAL_FIELD_MANAGER = 'runtime-portal';
/** The field manager Helm 3 uses when it creates release objects. */
const HELM_FIELD_MANAGER = 'helm';

/** One object to seed, with who wrote it and how. */
export interface SeededObject {
  object: KubernetesObject;
  /** Field manager recorded in `managedFields`. */
  manager: string;
  /** Created (as Helm does) or server-side applied (as the portal does). */
  operation: 'create' | 'apply';
}

const SERVICE_PORTS: Record<string, { port: number; targetPort: number }> = {
  kubeai: { port: 80, targetPort: 8000 },
  vllm: { port: 8000, targetPort: 8000 },
  openbao: { port: 8200, targetPort: 8200 },
  keycloak: { port: 8080, targetPort: 8080 },
  openfga: { port: 8080, targetPort: 8080 },
  temporal: { port: 7233, targetPort: 7233 },
  postgresql: { port: 5432, targetPort: 5432 },
  minio: { port: 9000, targetPort: 9000 },
  prometheus: { port: 9090, targetPort: 9090 },
  loki: { port: 3100, targetPort: 3100 },
  tempo: { port: 3200, targetPort: 3200 },
  grafana: { port: 80, targetPort: 3000 },
  alloy: { port: 12345, targetPort: 12345 },
};
const DEFAULT_PORT = { port: 80, targetPort: 8080 };

const K8S_TRIGGER_API_VERSIONS: Record<string, string> = {
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Workflow: 'argoproj.io/v1alpha1',
  Pod: 'v1',
  ConfigMap: 'v1',
};

function namespaceObject(
  name: string,
  labels: Record<string, string>,
): SeededObject {
  return {
    object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } },
    manager: HELM_FIELD_MANAGER,
    operation: 'create',
  };
}

function componentLabels(component: SeedComponent): Record<string, string> {
  return {
    'app.kubernetes.io/name': component.name,
    'app.kubernetes.io/instance': component.name,
    'app.kubernetes.io/version': component.version,
    'app.kubernetes.io/component': component.area,
    'app.kubernetes.io/part-of': 'runtime',
    'app.kubernetes.io/managed-by': 'Helm',
  };
}

function componentObjects(component: SeedComponent): SeededObject[] {
  const labels = componentLabels(component);
  const selector = {
    'app.kubernetes.io/name': component.name,
    'app.kubernetes.io/instance': component.name,
  };
  const { port, targetPort } = SERVICE_PORTS[component.name] ?? DEFAULT_PORT;
  const metadata = {
    name: component.name,
    namespace: component.namespace,
    labels,
  };
  const workload: KubernetesObject = {
    apiVersion: 'apps/v1',
    kind: component.workload,
    metadata,
    spec: {
      replicas: component.replicas,
      selector: { matchLabels: selector },
      ...(component.workload === 'StatefulSet'
        ? { serviceName: component.name }
        : {}),
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: component.name,
              image: `registry.runtime.local/${component.name}:${component.version}`,
              ports: [
                { name: 'http', containerPort: targetPort, protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
  };
  const service: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      selector,
      ports: [{ name: 'http', port, targetPort, protocol: 'TCP' }],
    },
  };
  return [workload, service].map(object => ({
    object,
    manager: HELM_FIELD_MANAGER,
    operation: 'create' as const,
  }));
}

function ownership(team: SeedTeam, service: SeedService) {
  return { [OWNER_LABEL]: team.name, [SERVICE_LABEL]: service.name };
}

function modelObject(
  team: SeedTeam,
  service: SeedService,
  endpoint: SeedInferenceEndpoint,
): KubernetesObject {
  return {
    apiVersion: 'kubeai.org/v1',
    kind: 'Model',
    metadata: {
      name: endpoint.name,
      namespace: team.namespace,
      labels: ownership(team, service),
    },
    spec: {
      url: endpoint.url,
      engine: endpoint.engine,
      features: endpoint.features,
      resourceProfile: endpoint.resourceProfile,
      minReplicas: endpoint.minReplicas,
      maxReplicas: endpoint.maxReplicas,
    },
  };
}

/** The `spec` of an EventSource for the seed's source, keyed by the workflow's name. */
function eventSourceSpec(
  workflow: SeedArgoEventsWorkflow,
): Record<string, unknown> {
  const source = workflow.source;
  if ('webhook' in source) {
    const { port, endpoint, method } = source.webhook;
    // Argo Events declares the webhook port as a string; `service.ports` makes its controller create
    // the Service `<name>-eventsource-svc` in front of the webhook, as the portal asks for.
    return {
      service: { ports: [{ port, targetPort: port }] },
      webhook: { [workflow.name]: { port: String(port), endpoint, method } },
    };
  }
  if ('calendar' in source) {
    return {
      calendar: { [workflow.name]: { schedule: source.calendar.schedule } },
    };
  }
  return {
    minio: {
      [workflow.name]: {
        bucket: { name: source.minio.bucket },
        endpoint: 'minio.runtime-data.svc:9000',
        events: source.minio.events,
        insecure: true,
        accessKey: { name: 'minio-event-source', key: 'accesskey' },
        secretKey: { name: 'minio-event-source', key: 'secretkey' },
      },
    },
  };
}

/** The `spec` of the Sensor that depends on the workflow's event source and fires its trigger. */
function sensorSpec(workflow: SeedArgoEventsWorkflow): Record<string, unknown> {
  const dependencyName = `${workflow.name}-dep`;
  const trigger = workflow.trigger;
  const template =
    'http' in trigger
      ? {
          name: `${workflow.name}-trigger`,
          http: {
            url: trigger.http.url,
            method: trigger.http.method,
            payload: [
              { src: { dependencyName, dataKey: 'body' }, dest: 'event' },
            ],
          },
        }
      : {
          name: `${workflow.name}-trigger`,
          k8s: {
            operation: trigger.k8s.operation,
            source: {
              resource: {
                apiVersion: K8S_TRIGGER_API_VERSIONS[trigger.k8s.kind] ?? 'v1',
                kind: trigger.k8s.kind,
                metadata: { generateName: `${trigger.k8s.name}-` },
              },
            },
          },
        };
  return {
    dependencies: [
      {
        name: dependencyName,
        eventSourceName: workflow.name,
        eventName: workflow.name,
      },
    ],
    triggers: [{ template }],
  };
}

/** The name of the EventBus the seeded EventSources and Sensors use (Argo Events' default). */
const SEED_EVENT_BUS = 'default';

/**
 * The `default` EventBus of a team namespace with Argo Events workflows: a JetStream bus of Argo
 * Events' default version, installed with the platform (Helm).
 */
function eventBusObject(namespace: string): SeededObject {
  return {
    object: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'EventBus',
      metadata: { name: SEED_EVENT_BUS, namespace },
      spec: { jetstream: { version: 'latest' } },
    },
    manager: HELM_FIELD_MANAGER,
    operation: 'create',
  };
}

const argoEventsWorkflows = (service: SeedService) =>
  (service.workflows ?? []).filter(
    (w): w is SeedArgoEventsWorkflow => w.engine === 'argo-events',
  );

function workflowObjects(
  team: SeedTeam,
  service: SeedService,
  workflow: SeedArgoEventsWorkflow,
): KubernetesObject[] {
  const metadata = {
    name: workflow.name,
    namespace: team.namespace,
    labels: ownership(team, service),
  };
  return [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'EventSource',
      metadata,
      spec: eventSourceSpec(workflow),
    },
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Sensor',
      metadata,
      spec: sensorSpec(workflow),
    },
  ];
}

/**
 * The objects the sandbox cluster starts with, in creation order: one Namespace per component
 * namespace and per team; each component as a Deployment or StatefulSet with the standard
 * `app.kubernetes.io/*` labels and a Service (created by Helm); the APISIX gateway Service and
 * cert-manager's CA ClusterIssuer `runtime-ca` (`seedNetworkObjects.ts`); each team's inference endpoints as
 * KubeAI Models and each Argo Events workflow as an EventSource and a Sensor, labelled with owner
 * and service (applied by the portal), with a `default` EventBus in each team namespace that has
 * such workflows (installed by Helm). Pods and status come from the simulated controllers.
 */
export function seedObjects(seed: RuntimeSeed): SeededObject[] {
  const namespaces = new Map<string, Record<string, string>>();
  for (const component of seed.components) {
    namespaces.set(component.namespace, {
      'app.kubernetes.io/part-of': 'runtime',
    });
  }
  for (const team of seed.teams)
    namespaces.set(team.namespace, { [OWNER_LABEL]: team.name });

  const applied = (object: KubernetesObject): SeededObject => ({
    object,
    manager: PORTAL_FIELD_MANAGER,
    operation: 'apply',
  });
  return [
    ...[...namespaces].map(([name, labels]) => namespaceObject(name, labels)),
    ...seed.components.flatMap(componentObjects),
    ...seedNetworkObjects(seed.components).map(object => ({
      object,
      manager: HELM_FIELD_MANAGER,
      operation: 'create' as const,
    })),
    ...seed.teams
      .filter(team =>
        team.services.some(s => argoEventsWorkflows(s).length > 0),
      )
      .map(team => eventBusObject(team.namespace)),
    ...seed.teams.flatMap(team =>
      team.services.flatMap(service => [
        ...(service.inferenceEndpoints ?? []).map(endpoint =>
          applied(modelObject(team, service, endpoint)),
        ),
        ...argoEventsWorkflows(service).flatMap(workflow =>
          workflowObjects(team, service, workflow).map(applied),
        ),
      ]),
    ),
  ];
}
