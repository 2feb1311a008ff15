import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows creating a KubeAI inference endpoint through the scaffolder (`runtime:inference-endpoint:create`).
 *
 * @public
 */
export const runtimeInferenceEndpointCreatePermission = createPermission({
  name: 'runtime.inference-endpoint.create',
  attributes: { action: 'create' },
});

/**
 * Allows creating an OpenBao secret, its read policy and Kubernetes auth role (`runtime:secret:create`).
 *
 * @public
 */
export const runtimeSecretCreatePermission = createPermission({
  name: 'runtime.secret.create',
  attributes: { action: 'create' },
});

/**
 * Allows creating an object storage bucket (`runtime:bucket:create`).
 *
 * @public
 */
export const runtimeBucketCreatePermission = createPermission({
  name: 'runtime.bucket.create',
  attributes: { action: 'create' },
});

/**
 * Allows creating an Argo Events or Temporal workflow (`runtime:workflow:create`).
 *
 * @public
 */
export const runtimeWorkflowCreatePermission = createPermission({
  name: 'runtime.workflow.create',
  attributes: { action: 'create' },
});

/**
 * Allows triggering an Argo CD sync of a service's application from its delivery card.
 *
 * @public
 */
export const runtimeDeploymentSyncPermission = createPermission({
  name: 'runtime.deployment.sync',
  attributes: { action: 'update' },
});

/**
 * Allows retrying a service's failed GitLab pipeline from its delivery card.
 *
 * @public
 */
export const runtimePipelineRetryPermission = createPermission({
  name: 'runtime.pipeline.retry',
  attributes: { action: 'update' },
});

/**
 * The permissions of the delivery actions (registered by the runtime backend plugin).
 *
 * @public
 */
export const runtimeDeliveryPermissions = [
  runtimeDeploymentSyncPermission,
  runtimePipelineRetryPermission,
];

/**
 * The provisioning permissions, one per action family (registered by the scaffolder module).
 *
 * @public
 */
export const runtimePermissions = [
  runtimeInferenceEndpointCreatePermission,
  runtimeSecretCreatePermission,
  runtimeBucketCreatePermission,
  runtimeWorkflowCreatePermission,
];
