import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of catalog entities (as `@backstage/plugin-catalog-common` names it): the delivery
 * actions and resource details are decided per entity, so a policy can answer with catalog conditions
 * such as `isEntityOwner`.
 */
const CATALOG_ENTITY = 'catalog-entity';

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
  resourceType: CATALOG_ENTITY,
});

/**
 * Allows retrying a service's failed GitLab pipeline from its delivery card.
 *
 * @public
 */
export const runtimePipelineRetryPermission = createPermission({
  name: 'runtime.pipeline.retry',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Allows reading a live Runtime resource's details from the upstream (a secret's readers, a bucket's
 * MinIO user and policy, a model's spec): `GET /api/runtime/entity/.../resource`, per entity.
 *
 * @public
 */
export const runtimeResourceReadPermission = createPermission({
  name: 'runtime.resource.read',
  attributes: { action: 'read' },
  resourceType: CATALOG_ENTITY,
});

/**
 * The permissions decided per catalog entity (registered by the runtime backend plugin): the delivery
 * actions and the resource details.
 *
 * @public
 */
export const runtimeDeliveryPermissions = [
  runtimeDeploymentSyncPermission,
  runtimePipelineRetryPermission,
  runtimeResourceReadPermission,
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
