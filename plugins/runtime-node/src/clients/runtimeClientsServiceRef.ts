import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { RuntimeClients } from './RuntimeClients';
import { RuntimeClientsService } from './RuntimeClientsService';

/**
 * The shared {@link RuntimeClientsService} of the backend: one instance for every plugin and module.
 * The default factory makes a {@link RuntimeClients} from `runtime.environments`.
 *
 * @public
 */
export const runtimeClientsServiceRef = createServiceRef<RuntimeClientsService>(
  {
    id: 'runtime-portal.clients',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          lifecycle: coreServices.rootLifecycle,
        },
        factory: ({ config, lifecycle }) => {
          const clients = RuntimeClients.fromConfig(config);
          // Database connection pools are closed with the backend.
          lifecycle.addShutdownHook(() => clients.close());
          return clients;
        },
      }),
  },
);
