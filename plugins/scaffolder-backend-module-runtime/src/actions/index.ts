import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import {
  bucketCreateAction,
  createRuntimeBucketAction,
} from './bucket/bucketCreate';
import {
  createRuntimeInferenceEndpointAction,
  inferenceEndpointCreateAction,
} from './inferenceEndpoint/inferenceEndpointCreate';
import {
  createRuntimeSecretAction,
  secretCreateAction,
} from './secret/secretCreate';
import { ProvisioningAction, toScaffolderAction } from './shared';
import {
  CatalogRegisterDeps,
  createRuntimeCatalogRegisterAction,
} from './catalog/catalogRegister';
import {
  createRuntimeWorkflowAction,
  workflowCreateAction,
} from './workflow/workflowCreate';

export type { RuntimeActionDeps } from './shared';
export type { CatalogRegisterDeps } from './catalog/catalogRegister';
export type { WorkflowActionDeps } from './workflow/workflowCreate';
export type { WorkflowTriggerPolicy } from './workflow/workflowTriggerPolicy';
export type { WorkflowEventBusPolicy } from './workflow/workflowEventBusPolicy';
export {
  createRuntimeCatalogRegisterAction,
  createRuntimeBucketAction,
  createRuntimeInferenceEndpointAction,
  createRuntimeSecretAction,
  createRuntimeWorkflowAction,
};

/** The module's provisioning actions, each offered to the scaffolder and to the actions registry. */
export const provisioningActions: ProvisioningAction<any, JsonObject>[] = [
  secretCreateAction,
  bucketCreateAction,
  inferenceEndpointCreateAction,
  workflowCreateAction,
];

/**
 * The scaffolder actions of the module: the provisioning actions `runtime:secret:create`,
 * `runtime:bucket:create`, `runtime:inference-endpoint:create` and `runtime:workflow:create`, and
 * `runtime:catalog:register`.
 *
 * @public
 */
export function runtimeActions(
  deps: CatalogRegisterDeps,
): TemplateAction<any, any, any>[] {
  return [
    ...provisioningActions.map(action => toScaffolderAction(action, deps)),
    createRuntimeCatalogRegisterAction(deps),
  ];
}
