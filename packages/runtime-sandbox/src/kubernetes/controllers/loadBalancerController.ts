import { ApiServer } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { KubernetesObject } from '../objects';
import { resourceOfKind } from '../resources';
import { ControllerRuntime } from './ControllerRuntime';
import { queueKey, writeStatus } from './controllerSupport';

const SERVICE = resourceOfKind('Service');
const MANAGER = 'metallb-controller';
/**
 * The sandbox's MetalLB IPAddressPool (`10.0.0.100-10.0.0.199`): LoadBalancer Services get the
 * first free address, in the order they are created.
 */
const LOAD_BALANCER_POOL = { first: 100, last: 199, prefix: '10.0.0.' };

const ingressIp = (service: KubernetesObject): string | undefined =>
  service.status?.loadBalancer?.ingress?.[0]?.ip;

/**
 * A stand-in for MetalLB's controller (v0.14 `controller/service.go`): a Service of type
 * `LoadBalancer` without an address gets one from the pool (`spec.loadBalancerIP` when it asks for
 * a free one in the pool) in `status.loadBalancer.ingress[0].ip`; a Service that stops being a
 * LoadBalancer loses it. An exhausted pool leaves the Service pending, as MetalLB does.
 */
export class LoadBalancerController {
  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    if (event.resource !== SERVICE || event.type === 'DELETED') return;
    const { namespace, name } = event.object.metadata ?? {};
    if (!namespace || !name) return;
    const isLoadBalancer = event.object.spec?.type === 'LoadBalancer';
    if (!isLoadBalancer && !ingressIp(event.object)) return;
    this.runtime.enqueue(queueKey(SERVICE, namespace, name), () =>
      this.reconcile(namespace, name),
    );
  }

  private reconcile(namespace: string, name: string) {
    const service = this.api.store.get(SERVICE, namespace, name);
    if (!service) return;
    if (service.spec?.type !== 'LoadBalancer') {
      if (!ingressIp(service)) return;
      writeStatus(
        this.api,
        SERVICE,
        service,
        { ...service.status, loadBalancer: {} },
        MANAGER,
      );
      return;
    }
    if (ingressIp(service)) return;
    const ip = this.freeAddress(service.spec?.loadBalancerIP);
    if (!ip) return;
    writeStatus(
      this.api,
      SERVICE,
      service,
      { ...service.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } },
      MANAGER,
    );
  }

  private freeAddress(requested: string | undefined): string | undefined {
    const used = new Set(
      this.api.store.all(SERVICE).map(ingressIp).filter(Boolean),
    );
    const { first, last, prefix } = LOAD_BALANCER_POOL;
    const pool = Array.from(
      { length: last - first + 1 },
      (_, i) => `${prefix}${first + i}`,
    );
    if (requested) {
      return pool.includes(requested) && !used.has(requested)
        ? requested
        : undefined;
    }
    return pool.find(ip => !used.has(ip));
  }
}
