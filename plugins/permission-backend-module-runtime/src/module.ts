import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readRuntimeAccess } from '@runtime-portal/backstage-plugin-runtime-node';
import { RuntimePermissionPolicy } from './policy/RuntimePermissionPolicy';

/**
 * Installs the Runtime Portal's permission policy, with the platform admins of `runtime.access`.
 *
 * @public
 */
export const permissionModuleRuntime = createBackendModule({
  pluginId: 'permission',
  moduleId: 'runtime',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        policy.setPolicy(
          new RuntimePermissionPolicy({
            access: readRuntimeAccess(config),
            userInfo,
          }),
        );
      },
    });
  },
});
