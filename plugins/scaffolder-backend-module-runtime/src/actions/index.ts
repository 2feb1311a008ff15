import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createRuntimeBucketAction } from './bucket/bucketCreate';
import { createRuntimeInferenceEndpointAction } from './inferenceEndpoint/inferenceEndpointCreate';
import { createRuntimeSecretAction } from './secret/secretCreate';
import { RuntimeActionDeps } from './shared';
import { createRuntimeWorkflowAction } from './workflow/workflowCreate';

export type { RuntimeActionDeps } from './shared';
export {
  createRuntimeBucketAction,
  createRuntimeInferenceEndpointAction,
  createRuntimeSecretAction,
  createRuntimeWorkflowAction,
};

/**
 * The provisioning actions of the module: `runtime:secret:create`, `runtime:bucket:create`,
 * `runtime:inference-endpoint:create` and `runtime:workflow:create`.
 *
 * @public
 */
export function runtimeActions(
  deps: RuntimeActionDeps,
): TemplateAction<any, any, any>[] {
  return [
    createRuntimeSecretAction(deps),
    createRuntimeBucketAction(deps),
    createRuntimeInferenceEndpointAction(deps),
    createRuntimeWorkflowAction(deps),
  ];
}
