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
 * Allows changing a KubeAI inference endpoint (its Model) (`runtime:inference-endpoint:update`).
 *
 * @public
 */
export const runtimeInferenceEndpointUpdatePermission = createPermission({
  name: 'runtime.inference-endpoint.update',
  attributes: { action: 'update' },
});

/**
 * Allows retiring a KubeAI inference endpoint (its Model) (`runtime:inference-endpoint:delete`).
 *
 * @public
 */
export const runtimeInferenceEndpointDeletePermission = createPermission({
  name: 'runtime.inference-endpoint.delete',
  attributes: { action: 'delete' },
});

/**
 * Allows changing an OpenBao secret, its read policy and Kubernetes auth role (`runtime:secret:rotate`).
 *
 * @public
 */
export const runtimeSecretUpdatePermission = createPermission({
  name: 'runtime.secret.update',
  attributes: { action: 'update' },
});

/**
 * Allows retiring an OpenBao secret, its read policy and Kubernetes auth role (`runtime:secret:delete`).
 *
 * @public
 */
export const runtimeSecretDeletePermission = createPermission({
  name: 'runtime.secret.delete',
  attributes: { action: 'delete' },
});

/**
 * Allows changing an object storage bucket, its MinIO user, policy and stored keys (`runtime:bucket:update`, `runtime:bucket:rotate-credentials`).
 *
 * @public
 */
export const runtimeBucketUpdatePermission = createPermission({
  name: 'runtime.bucket.update',
  attributes: { action: 'update' },
});

/**
 * Allows retiring an object storage bucket, its MinIO user, policy and stored keys (`runtime:bucket:delete`).
 *
 * @public
 */
export const runtimeBucketDeletePermission = createPermission({
  name: 'runtime.bucket.delete',
  attributes: { action: 'delete' },
});

/**
 * Allows changing an Argo Events or Temporal workflow (`runtime:workflow:update`).
 *
 * @public
 */
export const runtimeWorkflowUpdatePermission = createPermission({
  name: 'runtime.workflow.update',
  attributes: { action: 'update' },
});

/**
 * Allows retiring an Argo Events or Temporal workflow (`runtime:workflow:delete`).
 *
 * @public
 */
export const runtimeWorkflowDeletePermission = createPermission({
  name: 'runtime.workflow.delete',
  attributes: { action: 'delete' },
});

/**
 * Allows creating a PostgreSQL database and its login role (`runtime:database:create`).
 *
 * @public
 */
export const runtimeDatabaseCreatePermission = createPermission({
  name: 'runtime.database.create',
  attributes: { action: 'create' },
});

/**
 * Allows changing a PostgreSQL database's claims: when it expires (`runtime:resource:extend`).
 *
 * @public
 */
export const runtimeDatabaseUpdatePermission = createPermission({
  name: 'runtime.database.update',
  attributes: { action: 'update' },
});

/**
 * Allows retiring a PostgreSQL database, its login role and stored credentials (`runtime:database:delete`).
 *
 * @public
 */
export const runtimeDatabaseDeletePermission = createPermission({
  name: 'runtime.database.delete',
  attributes: { action: 'delete' },
});

/**
 * Allows exposing a service at a host under the environment's domain (`runtime:route:expose`).
 *
 * @public
 */
export const runtimeRouteCreatePermission = createPermission({
  name: 'runtime.route.create',
  attributes: { action: 'create' },
});

/**
 * Allows changing a route's objects: when it expires (`runtime:resource:extend`).
 *
 * @public
 */
export const runtimeRouteUpdatePermission = createPermission({
  name: 'runtime.route.update',
  attributes: { action: 'update' },
});

/**
 * Allows retiring a route: its APISIX route, certificate and DNS record (`runtime:route:delete`).
 *
 * @public
 */
export const runtimeRouteDeletePermission = createPermission({
  name: 'runtime.route.delete',
  attributes: { action: 'delete' },
});

/**
 * Allows creating a service's Argo CD Application (`runtime:application:create`).
 *
 * @public
 */
export const runtimeApplicationCreatePermission = createPermission({
  name: 'runtime.application.create',
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
 * The provisioning permissions: create, update and delete for each resource type (registered by the
 * scaffolder module). The actions check that the caller acts for the resource's owner.
 *
 * @public
 */
export const runtimePermissions = [
  runtimeInferenceEndpointCreatePermission,
  runtimeSecretCreatePermission,
  runtimeBucketCreatePermission,
  runtimeWorkflowCreatePermission,
  runtimeInferenceEndpointUpdatePermission,
  runtimeSecretUpdatePermission,
  runtimeBucketUpdatePermission,
  runtimeWorkflowUpdatePermission,
  runtimeInferenceEndpointDeletePermission,
  runtimeSecretDeletePermission,
  runtimeBucketDeletePermission,
  runtimeWorkflowDeletePermission,
  runtimeDatabaseCreatePermission,
  runtimeDatabaseUpdatePermission,
  runtimeDatabaseDeletePermission,
  runtimeRouteCreatePermission,
  runtimeRouteUpdatePermission,
  runtimeRouteDeletePermission,
  runtimeApplicationCreatePermission,
];
