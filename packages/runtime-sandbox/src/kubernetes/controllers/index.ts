import { ApiServer } from '../ApiServer';
import { ApisixController } from './apisixController';
import { ArgoEventBusController } from './argoEventBusController';
import { CertificateController } from './certificateController';
import { ClusterIssuerController } from './clusterIssuerController';
import { ArgoEventsController } from './argoEventsController';
import { ControllerRuntime } from './ControllerRuntime';
import { DnsEndpointController } from './dnsEndpointController';
import { GarbageCollector } from './garbageCollector';
import { Kubelet } from './kubelet';
import { LoadBalancerController } from './loadBalancerController';
import { ModelController } from './modelController';
import { WorkloadController } from './workloadController';

export { ControllerRuntime } from './ControllerRuntime';
/**
 * Starts the simulated controllers of the sandbox cluster on the API server's store: kubelet,
 * Deployment/StatefulSet controllers, the garbage collector and namespace controller, KubeAI's
 * model controller, Argo Events' eventbus, eventsource and sensor controllers, and the networking
 * ones a route uses (MetalLB, the APISIX Ingress Controller, cert-manager's ClusterIssuer and
 * Certificate controllers, ExternalDNS). They act off the request path, through the same
 * API server logic as clients.
 */
export function startControllers(api: ApiServer, runtime: ControllerRuntime) {
  const controllers = [
    new Kubelet(api, runtime),
    new WorkloadController(api, runtime),
    new GarbageCollector(api, runtime),
    new ModelController(api, runtime),
    new ArgoEventBusController(api, runtime),
    new ArgoEventsController(api, runtime),
    new LoadBalancerController(api, runtime),
    new ApisixController(api, runtime),
    new ClusterIssuerController(api, runtime),
    new CertificateController(api, runtime),
    new DnsEndpointController(api, runtime),
  ];
  api.store.subscribe(event => {
    for (const controller of controllers) controller.handle(event);
  });
}
