/**
 * The Runtime Portal's permission policy, a module for @backstage/plugin-permission-backend.
 *
 * @packageDocumentation
 */

export { permissionModuleRuntime as default } from './module';
export { RuntimePermissionPolicy } from './policy/RuntimePermissionPolicy';
