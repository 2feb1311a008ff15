/**
 * The runtime module for @backstage/plugin-scaffolder-backend: the Runtime's provisioning actions.
 *
 * @packageDocumentation
 */

export { scaffolderModuleRuntime as default } from './module';
export {
  runtimeActions,
  createRuntimeBucketAction,
  createRuntimeInferenceEndpointAction,
  createRuntimeSecretAction,
  createRuntimeWorkflowAction,
} from './actions';
export type { RuntimeActionDeps } from './actions';
export { registerRuntimeActions } from './registry';
