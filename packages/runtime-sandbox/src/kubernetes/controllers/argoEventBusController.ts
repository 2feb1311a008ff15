import { ApiServer } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { KubernetesObject, isPlainObject } from '../objects';
import { ResourceType, apiVersionOf, resourceOfKind } from '../resources';
import { ControllerRuntime } from './ControllerRuntime';
import {
  OWNER_NAME_LABEL,
  SPEC_HASH_ANNOTATION,
  WantedCondition,
  conditionsFrom,
  isFalse,
  isTrue,
  isUnknown,
  specHash,
} from './argoEventsStatus';
import {
  controllerReference,
  queueKey,
  writeStatus,
} from './controllerSupport';

const EVENT_BUS = resourceOfKind('EventBus');
const SERVICE = resourceOfKind('Service');
const STATEFUL_SET = resourceOfKind('StatefulSet');
const MANAGER = 'argo-events-controller-manager';

/**
 * The JetStream versions of Argo Events v1.9.11's default controller configuration
 * (`manifests/base/controller-manager/controller-config.yaml`, `eventBus.jetstream.versions`).
 */
const JETSTREAM_VERSIONS: Record<
  string,
  { nats: string; reloader: string; exporter: string }
> = {
  latest: {
    nats: 'nats:2.10.29',
    reloader: 'natsio/nats-server-config-reloader:0.14.0',
    exporter: 'natsio/prometheus-nats-exporter:0.14.0',
  },
  ...Object.fromEntries(
    [
      '2.8.1',
      '2.8.1-alpine',
      '2.8.2',
      '2.8.2-alpine',
      '2.9.1',
      '2.9.12',
      '2.9.16',
    ].map(v => [
      v,
      {
        nats: `nats:${v}`,
        reloader: 'natsio/nats-server-config-reloader:0.7.0',
        exporter: 'natsio/prometheus-nats-exporter:0.9.1',
      },
    ]),
  ),
  '2.10.29': {
    nats: 'nats:2.10.29',
    reloader: 'natsio/nats-server-config-reloader:0.14.0',
    exporter: 'natsio/prometheus-nats-exporter:0.14.0',
  },
};

/** JetStream's client, cluster, monitor and metrics ports (`installer/jetstream.go`). */
const JS_PORTS = { client: 4222, cluster: 6222, monitor: 8222, metrics: 7777 };

/** The name of the headless Service of a JetStream EventBus: `eventbus-<name>-js-svc`. */
const jetStreamServiceName = (bus: string) => `eventbus-${bus}-js-svc`;
/** The name of the StatefulSet of a JetStream EventBus: `eventbus-<name>-js`. */
const jetStreamStatefulSetName = (bus: string) => `eventbus-${bus}-js`;

interface InstallResult {
  deployed: WantedCondition;
  config?: Record<string, unknown>;
}

/**
 * A stand-in for Argo Events' eventbus controller (v1.9.11 `pkg/reconciler/eventbus`): an EventBus
 * gets `Configured` at once (the sandbox's admission already ran `ValidateEventBus`) and, after the
 * start-up delay, `Deployed` as its installer reports it. A JetStream bus gets the headless Service
 * `eventbus-<name>-js-svc` and the StatefulSet `eventbus-<name>-js` (owned by the EventBus) and
 * `status.config.jetstream`; an unknown JetStream version fails as upstream's does; a native NATS bus
 * is reported deployed without objects; exotic buses and Kafka are `Skipped`.
 */
export class ArgoEventBusController {
  /** `uid/generation` of buses whose simulated installation has run. */
  private readonly installed = new Set<string>();
  private readonly installing = new Set<string>();

  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    if (event.resource !== EVENT_BUS || event.type === 'DELETED') return;
    const { namespace, name } = event.object.metadata!;
    this.runtime.enqueue(queueKey(EVENT_BUS, namespace, name!), () =>
      this.reconcile(namespace!, name!),
    );
  }

  private reconcile(namespace: string, name: string) {
    const bus = this.api.store.get(EVENT_BUS, namespace, name);
    if (!bus || bus.metadata?.deletionTimestamp) return;
    const revision = `${bus.metadata!.uid}/${bus.metadata!.generation}`;
    let result: InstallResult = { deployed: isUnknown('Deployed') };
    if (this.installed.has(revision)) {
      result = this.install(bus);
    } else if (!this.installing.has(revision)) {
      this.installing.add(revision);
      this.runtime.afterStartupDelay(`install:${revision}`, () => {
        this.installing.delete(revision);
        this.installed.add(revision);
        this.reconcile(namespace, name);
      });
    }
    const status: Record<string, unknown> = {
      conditions: conditionsFrom(bus.status?.conditions, [
        isTrue('Configured'),
        result.deployed,
      ]),
    };
    const config = result.config ?? bus.status?.config;
    if (config) status.config = config;
    writeStatus(this.api, EVENT_BUS, bus, status, MANAGER);
  }

  private install(bus: KubernetesObject): InstallResult {
    const spec = bus.spec ?? {};
    const name = bus.metadata!.name!;
    if (isPlainObject(spec.nats)) {
      if (spec.nats.exotic) return skipped({ nats: spec.nats.exotic });
      // installer/nats.go: the NATS streaming objects are not simulated, only what it reports.
      return {
        deployed: {
          ...isTrue('Deployed'),
          reason: 'Succeeded',
          message: 'NATS is deployed',
        },
        config: {
          nats: {
            url: `nats://eventbus-${name}-stan-svc:${JS_PORTS.client}`,
            clusterID: `eventbus-${name}`,
            auth: spec.nats.native?.auth ?? 'none',
          },
        },
      };
    }
    if (isPlainObject(spec.jetstream)) return this.installJetStream(bus);
    if (isPlainObject(spec.kafka)) return skipped({ kafka: spec.kafka });
    return skipped({ jetstream: spec.jetstreamExotic });
  }

  private installJetStream(bus: KubernetesObject): InstallResult {
    const js = bus.spec.jetstream;
    const name = bus.metadata!.name!;
    const namespace = bus.metadata!.namespace!;
    const images = JETSTREAM_VERSIONS[js.version];
    if (!images) {
      return {
        deployed: isFalse(
          'Deployed',
          'JetStreamStatefulSetFailed',
          `failed to get jetstream version, err: unsupported version ${JSON.stringify(
            js.version,
          )}, supported versions: ${JSON.stringify(
            Object.keys(JETSTREAM_VERSIONS).join(','),
          )}`,
        ),
      };
    }
    const labels = {
      controller: 'eventbus-controller',
      'eventbus-name': name,
      [OWNER_NAME_LABEL]: name,
    };
    const owner = [controllerReference(EVENT_BUS, bus)];
    const serviceSpec = {
      ports: [
        { name: 'tcp-client', port: JS_PORTS.client },
        { name: 'cluster', port: JS_PORTS.cluster },
        { name: 'metrics', port: JS_PORTS.metrics },
        { name: 'monitor', port: JS_PORTS.monitor },
      ],
      type: 'ClusterIP',
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: labels,
    };
    this.ensure(
      SERVICE,
      namespace,
      jetStreamServiceName(name),
      labels,
      owner,
      serviceSpec,
    );
    const statefulSetSpec = {
      podManagementPolicy: 'Parallel',
      replicas: js.replicas ?? 3,
      serviceName: jetStreamServiceName(name),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: { ...js.metadata?.labels, ...labels } },
        spec: {
          containers: [
            {
              name: 'main',
              image: images.nats,
              ports: [
                { name: 'client', containerPort: JS_PORTS.client },
                { name: 'cluster', containerPort: JS_PORTS.cluster },
                { name: 'monitor', containerPort: JS_PORTS.monitor },
              ],
            },
            { name: 'reloader', image: images.reloader },
            {
              name: 'metrics',
              image: images.exporter,
              ports: [{ name: 'metrics', containerPort: JS_PORTS.metrics }],
            },
          ],
        },
      },
    };
    this.ensure(
      STATEFUL_SET,
      namespace,
      jetStreamStatefulSetName(name),
      { ...bus.metadata?.labels, ...labels },
      owner,
      statefulSetSpec,
    );
    return {
      deployed: {
        ...isTrue('Deployed'),
        reason: 'Succeeded',
        message: 'JetStream is deployed',
      },
      config: {
        jetstream: {
          url: `nats://${jetStreamServiceName(name)}.${namespace}.svc:${
            JS_PORTS.client
          }`,
          accessSecret: {
            name: `eventbus-${name}-js-client-auth`,
            key: 'client-auth',
          },
        },
      },
    };
  }

  /** Creates the object, or updates its spec when the spec hash changed (as the installer does). */
  private ensure(
    resource: ResourceType,
    namespace: string,
    name: string,
    labels: Record<string, string>,
    ownerReferences: unknown[],
    spec: Record<string, unknown>,
  ) {
    const hash = specHash(spec);
    const existing = this.api.store.get(resource, namespace, name);
    if (!existing) {
      this.api.create(
        resource,
        namespace,
        {
          apiVersion: apiVersionOf(resource),
          kind: resource.kind,
          metadata: {
            name,
            labels,
            annotations: { [SPEC_HASH_ANNOTATION]: hash },
            ownerReferences,
          },
          spec,
        },
        { manager: MANAGER },
      );
      return;
    }
    if (existing.metadata?.annotations?.[SPEC_HASH_ANNOTATION] === hash) return;
    this.api.replace(
      resource,
      namespace,
      name,
      {
        ...existing,
        metadata: {
          ...existing.metadata,
          annotations: {
            ...existing.metadata?.annotations,
            [SPEC_HASH_ANNOTATION]: hash,
          },
        },
        spec: { ...existing.spec, ...spec },
      },
      { manager: MANAGER },
    );
  }
}

/** What the exotic and Kafka installers report: nothing deployed, the given config used. */
function skipped(config: Record<string, unknown>): InstallResult {
  return {
    deployed: {
      ...isTrue('Deployed'),
      reason: 'Skipped',
      message: 'Skip deployment because of using exotic config.',
    },
    config,
  };
}
