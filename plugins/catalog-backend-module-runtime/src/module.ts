import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { RuntimeProvider } from './provider/RuntimeProvider';

export const catalogModuleRuntime = createBackendModule({
  moduleId: 'runtime-provider',
  pluginId: 'catalog',
  register({ registerInit }) {
    registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ logger, scheduler, config, processing }) {
        processing.addEntityProvider(
          RuntimeProvider.fromConfig(config, {
            logger,
            scheduler,
          }),
        );
      }
    });
  },
})
