import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  readResourceNamePrefix,
  readRuntimeAccess,
  runtimeClientsServiceRef,
  runtimeLiveResourceSourcesExtensionPoint,
  RuntimeLiveResourceSource,
  runtimeOwnerResolutionExtensionPoint,
  RuntimeOwnerResolver,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { readCatalogRuntimeConfig } from './platformModel/readCatalogRuntimeConfig';
import {
  RUNTIME_REFRESH_TASK_ID,
  RuntimeEntityProvider,
} from './provider/RuntimeEntityProvider';
import { refreshOnResourceChange } from './events/refreshOnResourceChange';
import { RuntimeTeamEntityProcessor } from './processor/RuntimeTeamEntityProcessor';
import { gitlabProjectResolver } from './processor/gitlabProjectOfLocation';
import { checkExtraLiveResourceSources } from './resources/extraLiveResourceSources';
import { RefreshMarker } from './provider/RefreshMarker';

/**
 * Catalog module that puts the Runtime into the catalog: the platform model with what each environment
 * has installed, and the live resources of every environment. A resource the Runtime's scaffolder
 * actions announce on the events service (`runtime.resources.changed`) triggers a refresh right away.
 * Its processor holds entities read from a team's GitLab group to that team on every refresh.
 *
 * Adopters' modules add live resource kinds with `runtimeLiveResourceSourcesExtensionPoint` and
 * replace the owner resolution with `runtimeOwnerResolutionExtensionPoint` (both in
 * `@runtime-portal/backstage-plugin-runtime-node`).
 *
 * @public
 */
export const catalogModuleRuntime = createBackendModule({
  moduleId: 'runtime',
  pluginId: 'catalog',
  register({ registerExtensionPoint, registerInit }) {
    const extraSources: RuntimeLiveResourceSource[] = [];
    registerExtensionPoint(runtimeLiveResourceSourcesExtensionPoint, {
      addLiveResourceSource(source) {
        extraSources.push(source);
      },
    });
    let ownerResolver: RuntimeOwnerResolver | undefined;
    registerExtensionPoint(runtimeOwnerResolutionExtensionPoint, {
      setOwnerResolver(resolver) {
        if (ownerResolver) {
          throw new Error(
            'Runtime catalog: an owner resolver is already set; only one module may set it',
          );
        }
        ownerResolver = resolver;
      },
    });
    registerInit({
      deps: {
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        cache: coreServices.cache,
        clients: runtimeClientsServiceRef,
        processing: catalogProcessingExtensionPoint,
        events: eventsServiceRef,
      },
      async init({
        logger,
        lifecycle,
        config,
        scheduler,
        cache,
        clients,
        processing,
        events,
      }) {
        const settings = readCatalogRuntimeConfig(config);
        const provider = new RuntimeEntityProvider({
          clients,
          logger,
          platformOwner: settings.platformOwner,
          ownerFallback: settings.ownerFallback,
          namePrefix: readResourceNamePrefix(config, { logger }),
          environments: settings.environments,
          kinds: settings.kinds,
          extraSources: checkExtraLiveResourceSources(extraSources),
          ownerResolver,
          schedule: { scheduler, definition: settings.schedule },
          refreshMarker: new RefreshMarker(cache),
        });
        lifecycle.addShutdownHook(() => provider.stop());
        processing.addEntityProvider(provider);
        processing.addProcessor(
          new RuntimeTeamEntityProcessor({
            access: readRuntimeAccess(config),
            gitlabProjectOf: gitlabProjectResolver(config),
          }),
        );
        await refreshOnResourceChange({
          events,
          scheduler,
          logger,
          taskId: RUNTIME_REFRESH_TASK_ID,
          environments: settings.environments,
        });
      },
    });
  },
});
