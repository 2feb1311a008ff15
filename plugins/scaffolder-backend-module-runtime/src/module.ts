import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { runtimeClientsServiceRef } from '@runtime-portal/backstage-plugin-runtime-node';
import { runtimePermissions } from '@runtime-portal/backstage-plugin-runtime-common';
import { runtimeActions } from './actions';

/**
 * Scaffolder module that registers the Runtime's provisioning actions (`runtime:*`) and their
 * permissions (`runtime.*.create`), so a permission policy can see and decide them.
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
        auditor: coreServices.auditor,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        scaffolderActions,
        clients,
        permissions,
        auditor,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(runtimePermissions);
        scaffolderActions.addActions(
          ...runtimeActions({ clients, permissions, auditor }),
        );
      },
    });
  },
});
