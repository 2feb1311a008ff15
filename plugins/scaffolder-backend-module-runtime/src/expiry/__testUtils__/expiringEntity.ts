import { Entity } from '@backstage/catalog-model';
import {
  RUNTIME_ANNOTATIONS,
  runtimeResourceEntityName,
} from '@runtime-portal/backstage-plugin-runtime-common';

/**
 * A live resource entity with an expiry as the Runtime catalog module writes it
 * (`liveResourceEntity`): provider location, environment, upstream ref and expiry annotations, the
 * owner, and the service in `dependencyOf`.
 */
export function expiringEntity(options: {
  type: 'bucket' | 'secret';
  name: string;
  upstreamRef: string;
  owner: string;
  service: string;
  expiresAt: string;
}): Entity {
  const source = options.type === 'bucket' ? 'objectStorage' : 'openbao';
  const location = `runtime:dev/${source}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: runtimeResourceEntityName({
        environment: 'dev',
        type: options.type,
        name: options.name,
      }),
      namespace: 'default',
      title: `${options.name} (dev)`,
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
        [RUNTIME_ANNOTATIONS.environment]: 'dev',
        [RUNTIME_ANNOTATIONS.upstreamRef]: options.upstreamRef,
        [RUNTIME_ANNOTATIONS.expiresAt]: options.expiresAt,
      },
    },
    spec: {
      type: options.type,
      owner: options.owner,
      system: 'runtime',
      dependencyOf: [`component:default/${options.service}`],
    },
  };
}
