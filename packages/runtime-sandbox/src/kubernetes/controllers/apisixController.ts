import { ApiServer } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { KubernetesObject } from '../objects';
import { resourceOfKind } from '../resources';
import { Condition, setCondition } from './conditions';
import { ControllerRuntime } from './ControllerRuntime';
import { queueKey, writeStatus } from './controllerSupport';

const APISIX_ROUTE = resourceOfKind('ApisixRoute');
const APISIX_TLS = resourceOfKind('ApisixTls');
const SECRET = resourceOfKind('Secret');
const MANAGER = 'apisix-ingress-controller';
/**
 * The IngressClass the sandbox's APISIX Ingress Controller serves, installed as the cluster's
 * default class: objects naming another class are not its own and get no status, as upstream's
 * `FindMatchingIngressClass` skips them.
 */
const APISIX_INGRESS_CLASS = 'apisix';

/** What `SetApisixCRDConditionAccepted` reports: Accepted, or why not. */
type Verdict = { reason: string; message: string } | undefined;

function isOurs(object: KubernetesObject): boolean {
  const name = object.spec?.ingressClassName;
  return !name || name === APISIX_INGRESS_CLASS;
}

/** upstream `processApisixRoute`: rule names unique across http and stream; backends unique per rule. */
function routeVerdict(route: KubernetesObject): Verdict {
  const names = new Set<string>();
  const rules = [
    ...(route.spec?.http ?? []),
    ...(route.spec?.stream ?? []),
  ] as Array<Record<string, any>>;
  for (const rule of rules) {
    if (names.has(rule.name)) {
      return { reason: 'InvalidSpec', message: 'duplicate route rule name' };
    }
    names.add(rule.name);
    const backends = new Set<string>();
    for (const backend of (rule.backends ?? []) as Array<Record<string, any>>) {
      const service = `${route.metadata!.namespace}/${backend.serviceName}`;
      if (backends.has(service)) {
        return {
          reason: 'InvalidSpec',
          message: `duplicate backend service: ${service}`,
        };
      }
      backends.add(service);
    }
  }
  return undefined;
}

/** upstream `processApisixTls`: the server certificate's Secret (and a client CA's) must exist. */
function tlsVerdict(api: ApiServer, tls: KubernetesObject): Verdict {
  const refs = [tls.spec?.secret, tls.spec?.client?.caSecret].filter(Boolean);
  for (const ref of refs as Array<{ name: string; namespace: string }>) {
    if (!api.store.get(SECRET, ref.namespace, ref.name)) {
      return {
        reason: 'InvalidSpec',
        message: `failed to get secret ${ref.namespace}/${ref.name}: secrets "${ref.name}" not found`,
      };
    }
  }
  return undefined;
}

/**
 * A stand-in for the Apache APISIX Ingress Controller 2.2 (`internal/controller`
 * `apisixroute_controller.go`, `apisixtls_controller.go`, `SetApisixCRDConditionAccepted`): for
 * each ApisixRoute and ApisixTls of its IngressClass it writes one `Accepted` condition with the
 * object's generation as `observedGeneration`: `True` (reason `Accepted`; an ApisixTls with the
 * message "The apisix tls has been accepted and synced to APISIX") or `False` (`InvalidSpec`:
 * duplicate rule names or backends, a missing Secret) with upstream's message. An ApisixTls is
 * reconciled again when a Secret of its namespace changes. Nothing is programmed into a gateway.
 */
export class ApisixController {
  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    const { namespace, name } = event.object.metadata ?? {};
    if (!namespace || !name) return;
    if (
      (event.resource === APISIX_ROUTE || event.resource === APISIX_TLS) &&
      event.type !== 'DELETED'
    ) {
      this.enqueue(event.resource.kind, namespace, name);
    } else if (event.resource === SECRET) {
      for (const tls of this.api.store.all(APISIX_TLS)) {
        const ref = tls.spec?.secret;
        if (ref?.namespace === namespace && ref?.name === name) {
          this.enqueue(
            'ApisixTls',
            tls.metadata!.namespace!,
            tls.metadata!.name!,
          );
        }
      }
    }
  }

  private enqueue(kind: string, namespace: string, name: string) {
    const resource = kind === 'ApisixTls' ? APISIX_TLS : APISIX_ROUTE;
    this.runtime.enqueue(queueKey(resource, namespace, name), () =>
      this.reconcile(kind, namespace, name),
    );
  }

  private reconcile(kind: string, namespace: string, name: string) {
    const resource = kind === 'ApisixTls' ? APISIX_TLS : APISIX_ROUTE;
    const object = this.api.store.get(resource, namespace, name);
    if (!object?.spec || !isOurs(object)) return;
    const verdict =
      kind === 'ApisixTls'
        ? tlsVerdict(this.api, object)
        : routeVerdict(object);
    const condition: Condition = {
      type: 'Accepted',
      status: verdict ? 'False' : 'True',
      reason: verdict?.reason ?? 'Accepted',
      message:
        verdict?.message ??
        (kind === 'ApisixTls'
          ? 'The apisix tls has been accepted and synced to APISIX'
          : ''),
      observedGeneration: object.metadata?.generation,
    };
    // Upstream replaces the conditions with this one; the time moves only when something changed.
    const [previous] = (object.status?.conditions ?? []) as Condition[];
    const unchanged =
      previous &&
      previous.status === condition.status &&
      previous.reason === condition.reason &&
      previous.message === condition.message &&
      previous.observedGeneration === condition.observedGeneration;
    const conditions = unchanged
      ? [previous]
      : setCondition([], condition, this.api.now());
    writeStatus(
      this.api,
      resource,
      object,
      { ...object.status, conditions },
      MANAGER,
    );
  }
}
