import { ApiServer } from '../ApiServer';
import { StoreEvent } from '../ObjectStore';
import { resourceOfKind } from '../resources';
import { ControllerRuntime } from './ControllerRuntime';
import { queueKey, writeStatus } from './controllerSupport';

const DNS_ENDPOINT = resourceOfKind('DNSEndpoint');
const MANAGER = 'external-dns';

/**
 * A stand-in for ExternalDNS's CRD source (v0.15 `source/crd.go`): once it has published a
 * DNSEndpoint's records it sets `status.observedGeneration` to the object's generation. No DNS
 * provider is written to.
 */
export class DnsEndpointController {
  constructor(
    private readonly api: ApiServer,
    private readonly runtime: ControllerRuntime,
  ) {}

  /** Reacts to a store change. */
  handle(event: StoreEvent) {
    if (event.resource !== DNS_ENDPOINT || event.type === 'DELETED') return;
    const { namespace, name } = event.object.metadata ?? {};
    if (!namespace || !name) return;
    this.runtime.enqueue(queueKey(DNS_ENDPOINT, namespace, name), () => {
      const endpoint = this.api.store.get(DNS_ENDPOINT, namespace, name);
      if (!endpoint) return;
      writeStatus(
        this.api,
        DNS_ENDPOINT,
        endpoint,
        {
          ...endpoint.status,
          observedGeneration: endpoint.metadata?.generation,
        },
        MANAGER,
      );
    });
  }
}
