import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { runtimeClientsServiceRef } from '@runtime-portal/backstage-plugin-runtime-node';
import { readCatalogRuntimeConfig } from './platformModel/readCatalogRuntimeConfig';
import { RuntimeEntityProvider } from './provider/RuntimeEntityProvider';

/**
 * Catalog module that puts the Runtime into the catalog: the platform model with what each environment
 * has installed, and the live resources of every environment.
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
        scheduler: coreServices.scheduler,
        clients: runtimeClientsServiceRef,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ logger, config, scheduler, clients, processing }) {
        const settings = readCatalogRuntimeConfig(config);
        const provider = new RuntimeEntityProvider({
          clients,
          logger,
          platformOwner: settings.platformOwner,
          ownerFallback: settings.ownerFallback,
          environments: settings.environments,
          kinds: settings.kinds,
          schedule: { scheduler, definition: settings.schedule },
        });
        processing.addEntityProvider(provider);
      },
    });
  },
});
