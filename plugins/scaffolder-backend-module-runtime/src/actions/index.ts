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
  bucketDeleteAction,
  createRuntimeBucketDeleteAction,
} from './bucket/bucketDelete';
import {
  createRuntimeSecretDeleteAction,
  secretDeleteAction,
} from './secret/secretDelete';
import {
  bucketRotateCredentialsAction,
  createRuntimeBucketRotateCredentialsAction,
} from './bucket/bucketRotateCredentials';
import {
  bucketUpdateAction,
  createRuntimeBucketUpdateAction,
} from './bucket/bucketUpdate';
import {
  createRuntimeSecretRotateAction,
  secretRotateAction,
} from './secret/secretRotate';
import {
  createRuntimeResourceExtendAction,
  resourceExtendAction,
} from './resource/resourceExtend';
import {
  createRuntimeInferenceEndpointDeleteAction,
  inferenceEndpointDeleteAction,
} from './inferenceEndpoint/inferenceEndpointDelete';
import {
  createRuntimeWorkflowDeleteAction,
  workflowDeleteAction,
} from './workflow/workflowDelete';
import {
  createRuntimeInferenceEndpointUpdateAction,
  inferenceEndpointUpdateAction,
} from './inferenceEndpoint/inferenceEndpointUpdate';
import {
  createRuntimeWorkflowUpdateAction,
  workflowUpdateAction,
} from './workflow/workflowUpdate';
import {
  applicationCreateAction,
  createRuntimeApplicationAction,
} from './application/applicationCreate';
import { ProvisioningAction, toScaffolderAction } from './shared';
import {
  CatalogRegisterDeps,
  createRuntimeCatalogRegisterAction,
} from './catalog/catalogRegister';
import {
  createRuntimeWorkflowAction,
  workflowCreateAction,
} from './workflow/workflowCreate';
import {
  createRuntimeDatabaseAction,
  databaseCreateAction,
} from './database/databaseCreate';
import {
  createRuntimeDatabaseDeleteAction,
  databaseDeleteAction,
} from './database/databaseDelete';
import {
  createRuntimeRouteExposeAction,
  routeExposeAction,
} from './route/routeExpose';
import {
  createRuntimeRouteDeleteAction,
  routeDeleteAction,
} from './route/routeDelete';

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
  createRuntimeSecretDeleteAction,
  createRuntimeBucketDeleteAction,
  createRuntimeSecretRotateAction,
  createRuntimeBucketUpdateAction,
  createRuntimeBucketRotateCredentialsAction,
  createRuntimeInferenceEndpointDeleteAction,
  createRuntimeWorkflowDeleteAction,
  createRuntimeInferenceEndpointUpdateAction,
  createRuntimeWorkflowUpdateAction,
  createRuntimeResourceExtendAction,
  createRuntimeApplicationAction,
  createRuntimeDatabaseAction,
  createRuntimeDatabaseDeleteAction,
  createRuntimeRouteExposeAction,
  createRuntimeRouteDeleteAction,
};

/** The module's provisioning actions, each offered to the scaffolder and to the actions registry. */
export const provisioningActions: ProvisioningAction<any, JsonObject>[] = [
  secretCreateAction,
  bucketCreateAction,
  inferenceEndpointCreateAction,
  workflowCreateAction,
  inferenceEndpointUpdateAction,
  workflowUpdateAction,
  secretRotateAction,
  bucketUpdateAction,
  bucketRotateCredentialsAction,
  secretDeleteAction,
  bucketDeleteAction,
  inferenceEndpointDeleteAction,
  workflowDeleteAction,
  resourceExtendAction,
  applicationCreateAction,
  databaseCreateAction,
  databaseDeleteAction,
  routeExposeAction,
  routeDeleteAction,
];

/**
 * The scaffolder actions of the module: for each resource type (`inference-endpoint`, `secret`,
 * `bucket`, `workflow`) `runtime:<type>:create` and `runtime:<type>:delete`; the day-2 changes
 * `runtime:inference-endpoint:update`, `runtime:workflow:update`, `runtime:bucket:update`,
 * `runtime:secret:rotate` and `runtime:bucket:rotate-credentials`; `runtime:resource:extend` (a
 * resource's expiry); and `runtime:catalog:register`.
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
