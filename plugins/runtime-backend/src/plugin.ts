import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readRuntimeEnvironments } from '@runtime-portal/backstage-plugin-runtime-node';
import { createRouter } from './router';

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
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, logger, httpRouter }) {
        const environments = readRuntimeEnvironments(config);
        logger.info(
          `Runtime environments: ${
            environments.map(e => e.name).join(', ') || 'none configured'
          }`,
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.use(await createRouter({ environments }));
      },
    });
  },
});
