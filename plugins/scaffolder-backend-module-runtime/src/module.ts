import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { runtimeActions } from './actions';

/**
 * Scaffolder module that registers the Runtime's provisioning actions (`runtime:*`).
 *
 * @public
 */
export const scaffolderModuleRuntime = createBackendModule({
  moduleId: 'runtime',
  pluginId: 'scaffolder',
  register({ registerInit }) {
    registerInit({
      deps: { scaffolderActions: scaffolderActionsExtensionPoint },
      async init({ scaffolderActions }) {
        scaffolderActions.addActions(...runtimeActions());
      },
    });
  },
});
