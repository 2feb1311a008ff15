/**
 * The runtime module for `@backstage/plugin-scaffolder-backend`: the Runtime's provisioning actions and
 * `runtime:catalog:register`.
 *
 * @packageDocumentation
 */

export { scaffolderModuleRuntime as default } from './module';
export {
  runtimeActions,
  createRuntimeCatalogRegisterAction,
  createRuntimeBucketAction,
  createRuntimeInferenceEndpointAction,
  createRuntimeSecretAction,
  createRuntimeWorkflowAction,
} from './actions';
export type {
  CatalogRegisterDeps,
  RuntimeActionDeps,
  WorkflowActionDeps,
  WorkflowTriggerPolicy,
  WorkflowEventBusPolicy,
} from './actions';
export { registerRuntimeActions } from './registry';
