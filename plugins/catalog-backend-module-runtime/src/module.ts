import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { PlatformModelProvider } from './platformModel/PlatformModelProvider';
import { readCatalogRuntimeConfig } from './platformModel/readCatalogRuntimeConfig';

/**
 * Catalog module that puts the Runtime into the catalog.
 *
 * @public
 */
export const catalogModuleRuntime = createBackendModule({
  moduleId: 'runtime',
  pluginId: 'catalog',
  register({ registerInit }) {
    registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ logger, config, processing }) {
        const { platformOwner } = readCatalogRuntimeConfig(config);
        processing.addEntityProvider(
          new PlatformModelProvider({ owner: platformOwner, logger }),
        );
      },
    });
  },
});
