import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { runtimeClientsServiceRef } from '@runtime-portal/backstage-plugin-runtime-node';
import { createRouter } from './router';
import { RuntimeHealthService } from './services/RuntimeHealthService';

/**
 * The Runtime Portal backend plugin (id `runtime`): serves `/api/runtime`.
 *
 * @public
 */
export const runtimePlugin = createBackendPlugin({
  pluginId: 'runtime',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        cache: coreServices.cache,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        clients: runtimeClientsServiceRef,
      },
      async init({ logger, cache, httpAuth, httpRouter, clients }) {
        const names = clients.environments().map(e => e.name);
        logger.info(
          `Runtime environments: ${names.join(', ') || 'none configured'}`,
        );
        const health = new RuntimeHealthService({ clients, cache });
        httpRouter.use(await createRouter({ httpAuth, health }));
      },
    });
  },
});
