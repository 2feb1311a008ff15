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
import {
  ProvisioningAction,
  RuntimeActionDeps,
  toScaffolderAction,
} from './shared';
import {
  createRuntimeWorkflowAction,
  workflowCreateAction,
} from './workflow/workflowCreate';

export type { RuntimeActionDeps } from './shared';
export {
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
 * The provisioning actions of the module: `runtime:secret:create`, `runtime:bucket:create`,
 * `runtime:inference-endpoint:create` and `runtime:workflow:create`.
 *
 * @public
 */
export function runtimeActions(
  deps: RuntimeActionDeps,
): TemplateAction<any, any, any>[] {
  return provisioningActions.map(action => toScaffolderAction(action, deps));
}
