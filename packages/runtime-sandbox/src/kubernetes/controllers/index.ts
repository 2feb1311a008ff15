import { ApiServer } from '../ApiServer';
import { ArgoEventBusController } from './argoEventBusController';
import { ArgoEventsController } from './argoEventsController';
import { ControllerRuntime } from './ControllerRuntime';
import { GarbageCollector } from './garbageCollector';
import { Kubelet } from './kubelet';
import { ModelController } from './modelController';
import { WorkloadController } from './workloadController';

export { ControllerRuntime } from './ControllerRuntime';
/**
 * Starts the simulated controllers of the sandbox cluster on the API server's store: kubelet,
 * Deployment/StatefulSet controllers, the garbage collector and namespace controller, KubeAI's
 * model controller and Argo Events' eventbus, eventsource and sensor controllers. They act off the request path, through the same
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
  ];
  api.store.subscribe(event => {
    for (const controller of controllers) controller.handle(event);
  });
}
