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
 * Every permission of the Runtime Portal suite.
 *
 * @public
 */
export const runtimePermissions = [
  runtimeInferenceEndpointCreatePermission,
  runtimeSecretCreatePermission,
  runtimeBucketCreatePermission,
  runtimeWorkflowCreatePermission,
];
