import { Entity } from '@backstage/catalog-model';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
  runtimeResourceEntityName,
} from '@runtime-portal/backstage-plugin-runtime-common';

/**
 * A live resource's entity as the catalog module's `liveResourceEntity` writes it (from a resource of
 * `team-a`, used by `semantic-search`, in `dev`).
 */
function liveEntity(options: {
  type: string;
  scope?: string;
  name: string;
  upstreamRef: string;
  details?: Record<string, string>;
}): Entity {
  const location = `runtime:dev/test`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: runtimeResourceEntityName({ environment: 'dev', ...options }),
      namespace: 'default',
      title: `${options.name} (dev)`,
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        [RUNTIME_ANNOTATIONS.environment]: 'dev',
        [RUNTIME_ANNOTATIONS.upstreamRef]: options.upstreamRef,
        ...options.details,
      },
      tags: ['runtime', 'dev'],
    },
    spec: {
      type: options.type,
      owner: 'group:default/team-a',
      system: 'runtime',
      dependsOn: ['component:default/host'],
      dependencyOf: ['component:default/semantic-search'],
    },
  };
}

/** A KubeAI Model `team-a/llama` scaled 1 to 3. */
export const endpointEntity = liveEntity({
  type: 'inference-endpoint',
  scope: 'team-a',
  name: 'llama',
  upstreamRef: 'team-a/llama',
  details: { [D.minReplicas]: '1', [D.maxReplicas]: '3' },
});

/** The OpenBao secret `semantic-search/database` in the `secret` KV mount. */
export const secretEntity = liveEntity({
  type: 'secret',
  name: 'semantic-search/database',
  upstreamRef: 'secret/semantic-search/database',
});

/** The MinIO bucket `recordings`. */
export const bucketEntity = liveEntity({
  type: 'bucket',
  name: 'recordings',
  upstreamRef: 's3://recordings',
});

/** The Argo Events sensor `team-a/orders-hook`. */
export const argoWorkflowEntity = liveEntity({
  type: 'workflow',
  scope: 'team-a',
  name: 'orders-hook',
  upstreamRef: 'team-a/orders-hook',
  details: { [D.workflowEngine]: 'argo-events' },
});

/** The Argo Events sensor `team-a/orders-hook`, suspended (its EventSource removed). */
export const suspendedArgoWorkflowEntity = liveEntity({
  type: 'workflow',
  scope: 'team-a',
  name: 'orders-hook',
  upstreamRef: 'team-a/orders-hook',
  details: { [D.workflowEngine]: 'argo-events', [D.workflowSuspended]: 'true' },
});

/** The Temporal namespace `handbook-qa`. */
export const temporalWorkflowEntity = liveEntity({
  type: 'workflow',
  scope: 'temporal',
  name: 'handbook-qa',
  upstreamRef: 'temporal:handbook-qa',
  details: { [D.workflowEngine]: 'temporal' },
});
