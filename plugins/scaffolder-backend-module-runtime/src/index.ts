/**
 * The runtime module for `@backstage/plugin-scaffolder-backend`: the Runtime's provisioning and day-2
 * actions (create, change, rotate and retire), `runtime:catalog:register`, approvals and expiry.
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
  createRuntimeInferenceEndpointUpdateAction,
  createRuntimeWorkflowUpdateAction,
  createRuntimeSecretRotateAction,
  createRuntimeBucketUpdateAction,
  createRuntimeBucketRotateCredentialsAction,
  createRuntimeInferenceEndpointDeleteAction,
  createRuntimeSecretDeleteAction,
  createRuntimeBucketDeleteAction,
  createRuntimeWorkflowDeleteAction,
  createRuntimeResourceExtendAction,
  createRuntimeApplicationAction,
  createRuntimeDatabaseAction,
  createRuntimeDatabaseDeleteAction,
  createRuntimeRouteExposeAction,
  createRuntimeRouteDeleteAction,
} from './actions';
export type { ApprovalGateDeps } from './actions/shared/approvalGate';
export type { ApprovalsApi } from './approvals';
export type {
  CatalogRegisterDeps,
  RuntimeActionDeps,
  WorkflowActionDeps,
  WorkflowTriggerPolicy,
  WorkflowEventBusPolicy,
} from './actions';
export { registerRuntimeActions } from './registry';
