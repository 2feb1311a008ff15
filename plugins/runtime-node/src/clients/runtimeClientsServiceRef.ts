import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { RuntimeClients } from './RuntimeClients';

/**
 * The shared {@link RuntimeClients} of the backend: one instance for every plugin and module, made from
 * `runtime.environments`.
 *
 * @public
 */
export const runtimeClientsServiceRef = createServiceRef<RuntimeClients>({
  id: 'runtime-portal.clients',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) => RuntimeClients.fromConfig(config),
    }),
});
