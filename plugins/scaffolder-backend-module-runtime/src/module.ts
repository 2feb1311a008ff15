import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  TeamNamespaces,
  readResourceNamePrefix,
  readRuntimeAccess,
  runtimeClientsServiceRef,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { runtimePermissions } from '@runtime-portal/backstage-plugin-runtime-common';
import { runtimeActions } from './actions';
import { registerRuntimeActions } from './registry';
import { readWorkflowEventBusPolicy } from './actions/workflow/workflowEventBusPolicy';
import { readWorkflowTriggerPolicy } from './actions/workflow/workflowTriggerPolicy';
import { readPlatformGitLabHosts } from './actions/catalog/catalogInfoUrl';
import { approvalGateFromConfig } from './approvals';
import {
  DatabaseExpiryNotices,
  createResourceExpiryTask,
  readRuntimeExpiryConfig,
  scheduleResourceExpiry,
} from './expiry';

/**
 * Scaffolder module that registers the Runtime's provisioning actions (`runtime:*`) and their
 * permissions (`runtime.*.create`), so a permission policy can see and decide them. The same actions
 * are registered with the actions registry (for MCP clients), and each created resource is announced
 * on the events service so the Runtime catalog module refreshes right away. The scheduled task
 * `runtime-resource-expiry` notifies the owners of resources created with an expiry and retires them
 * once expired (`runtime.expiry`).
 *
 * @public
 */
export const scaffolderModuleRuntime = createBackendModule({
  moduleId: 'runtime',
  pluginId: 'scaffolder',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        clients: runtimeClientsServiceRef,
        permissions: coreServices.permissions,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        auditor: coreServices.auditor,
        permissionsRegistry: coreServices.permissionsRegistry,
        actionsRegistry: actionsRegistryServiceRef,
        events: eventsServiceRef,
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
        notifications: notificationService,
      },
      async init({
        scaffolderActions,
        clients,
        permissions,
        userInfo,
        auth,
        catalog,
        auditor,
        permissionsRegistry,
        actionsRegistry,
        events,
        config,
        urlReader,
        logger,
        discovery,
        scheduler,
        database,
        notifications,
      }) {
        permissionsRegistry.addPermissions(runtimePermissions);
        const access = readRuntimeAccess(config);
        const deps = {
          clients,
          permissions,
          userInfo,
          access,
          teamNamespaces: new TeamNamespaces({ clients, access }),
          catalog,
          auth,
          auditor,
          events,
          namePrefix: readResourceNamePrefix(config, { logger }),
          workflows: readWorkflowTriggerPolicy(config),
          eventBus: readWorkflowEventBusPolicy(config),
          urlReader,
          integrations: ScmIntegrations.fromConfig(config),
          gitlabHosts: readPlatformGitLabHosts(config),
          approvals: approvalGateFromConfig(config, { discovery, auth }),
        };
        scaffolderActions.addActions(...runtimeActions(deps));
        registerRuntimeActions(actionsRegistry, deps);
        const expiry = readRuntimeExpiryConfig(config);
        await scheduleResourceExpiry(
          scheduler,
          expiry,
          createResourceExpiryTask({
            actions: deps,
            notifications,
            notices: await DatabaseExpiryNotices.create(database),
            logger: logger.child({ task: 'runtime-resource-expiry' }),
            config: expiry,
          }),
        );
      },
    });
  },
});
