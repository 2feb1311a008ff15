import {
  EVENT_BUS_KIND,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { DEFAULT_EVENT_BUS_NAME, defaultEventBusObject } from '../eventBus';

/**
 * Makes sure namespaces of environment `dev` have the JetStream EventBus `default`, as the platform
 * team does before workflows go there (the test seed's team namespaces may have none).
 */
export async function createDefaultEventBuses(
  clients: RuntimeClients,
  namespaces: string[],
): Promise<void> {
  const kubernetes = clients.client('dev', 'kubernetes');
  for (const namespace of namespaces) {
    if (
      !(await kubernetes.get(EVENT_BUS_KIND, namespace, DEFAULT_EVENT_BUS_NAME))
    ) {
      await kubernetes.create(
        defaultEventBusObject({ namespace, version: '2.10.29', labels: {} }),
      );
    }
  }
}
