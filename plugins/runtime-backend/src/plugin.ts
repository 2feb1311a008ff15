import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  TeamNamespaces,
  readRuntimeAccess,
  runtimeClientsServiceRef,
  RuntimeObservabilitySignal,
  runtimeObservabilitySignalsExtensionPoint,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { createRouter } from './router';
import { RuntimeHealthService } from './services/RuntimeHealthService';
import { EntityAccess } from './services/entities/EntityAccess';
import { SignalReader } from './services/signals/SignalReader';
import { ObservabilityService } from './services/observability/ObservabilityService';
import { readObservabilitySettings } from './services/observability/observabilitySettings';
import { DeliveryService } from './services/delivery/DeliveryService';
import { ResourceDetailsService } from './services/resources/ResourceDetailsService';
import { DeliveryActions } from './services/delivery/DeliveryActions';
import { ComponentHealthService } from './services/components/ComponentHealthService';
import { ComponentAlertsService } from './services/components/ComponentAlertsService';
import { runtimeDeliveryPermissions } from '@runtime-portal/backstage-plugin-runtime-common';
import { EncodedReports } from './services/http/EncodedReports';
import { TargetAccess } from './services/entities/TargetAccess';
import { ExtraSignals } from './services/observability/extraSignals/ExtraSignals';
import { checkExtraSignals } from './services/observability/extraSignals/checkExtraSignals';
import { notificationService } from '@backstage/plugin-notifications-node';
import { approvalsRouter } from './services/approvals';
import { EntityReports } from './services/EntityReports';
import { registerRuntimeReadActions } from './actions/registerRuntimeReadActions';

/**
 * How long an encoded report is shared by the viewers of an entity: reports come from cached signals,
 * so this adds at most half a second to their age.
 */
const ENCODED_REPORT_TTL_MS = 500;

/**
 * The most a replica shows a status older than the shared cache's (README: after a sync or a retry every
 * replica shows the new status within 2 seconds): its in-memory copy of a signal plus the encoded report
 * built from it must stay within this, with half a second to spare for the request that reads it.
 */
const REPLICA_STALENESS_MS = 1500;

/**
 * The Runtime Portal backend plugin (id `runtime`): serves `/api/runtime` — environment health, and
 * the observability and delivery reports of catalog entities — and registers the same reads as
 * read-only actions in the actions registry (for MCP clients).
 *
 * Adopters' modules add signals to the observability report with
 * `runtimeObservabilitySignalsExtensionPoint` (in `@runtime-portal/backstage-plugin-runtime-node`).
 *
 * @public
 */
export const runtimePlugin = createBackendPlugin({
  pluginId: 'runtime',
  register(env) {
    const addedSignals: RuntimeObservabilitySignal[] = [];
    env.registerExtensionPoint(runtimeObservabilitySignalsExtensionPoint, {
      addObservabilitySignal(signal) {
        addedSignals.push(signal);
      },
    });
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        clients: runtimeClientsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        database: coreServices.database,
        userInfo: coreServices.userInfo,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        cache,
        httpAuth,
        httpRouter,
        catalog,
        permissions,
        permissionsRegistry,
        auditor,
        clients,
        actionsRegistry,
        database,
        userInfo,
        notifications,
      }) {
        permissionsRegistry.addPermissions(runtimeDeliveryPermissions);
        const names = clients.environments().map(e => e.name);
        logger.info(
          `Runtime environments: ${names.join(', ') || 'none configured'}`,
        );
        const reader = new SignalReader({
          cache,
          logger,
          localMaxAgeMs: REPLICA_STALENESS_MS - ENCODED_REPORT_TTL_MS,
        });
        const observabilitySettings = readObservabilitySettings(config);
        const extraSignals = new ExtraSignals({
          signals: checkExtraSignals(addedSignals),
          clients,
          reader,
          timeoutMs: observabilitySettings.timeoutMs,
          ttlMs: observabilitySettings.extraTtlMs,
        });
        if (addedSignals.length) {
          logger.info(
            `Observability signals added by modules: ${addedSignals
              .map(s => s.id)
              .join(', ')}`,
          );
        }
        const access = readRuntimeAccess(config);
        const targets = new TargetAccess({
          access,
          teamNamespaces: new TeamNamespaces({ clients, access }),
          cache,
        });
        const observability = new ObservabilityService({
          clients,
          reader,
          settings: observabilitySettings,
          targets,
          extraSignals,
        });
        // One set of services for the routes and the actions registry: same checks, budgets and caches.
        const reads = {
          health: new RuntimeHealthService({ clients, cache }),
          entities: new EntityAccess({ httpAuth, catalog }),
          reports: new EntityReports({
            observability,
            delivery: new DeliveryService({ clients, reader, targets }),
            resources: new ResourceDetailsService({ clients, permissions }),
            reports: new EncodedReports({ ttlMs: ENCODED_REPORT_TTL_MS }),
          }),
          components: new ComponentHealthService({ clients, reader }),
        };
        registerRuntimeReadActions(actionsRegistry, reads);
        httpRouter.use(
          await createRouter({
            httpAuth,
            ...reads,
            componentAlerts: new ComponentAlertsService({
              clients,
              catalog,
              observability,
            }),
            deliveryActions: new DeliveryActions({
              clients,
              reader,
              permissions,
              auditor,
              targets,
            }),
          }),
        );
        httpRouter.use(
          await approvalsRouter({
            config,
            database,
            httpAuth,
            userInfo,
            auditor,
            notifications,
            logger,
          }),
        );
      },
    });
  },
});
