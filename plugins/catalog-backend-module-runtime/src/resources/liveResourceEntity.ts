import { Entity } from '@backstage/catalog-model';
import {
  RUNTIME_ANNOTATIONS,
  runtimeResourceEntityName,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  RuntimeLiveResource,
  RuntimeOwnerResolver,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { systemName } from '../platformModel/platformModelEntities';
import { resolveOwnerWith } from './ownerResolution';
import { serviceRef } from './resolveOwner';

/** What every live resource source knows about one resource (the public type adopters' sources yield). */
export type LiveResource = RuntimeLiveResource;

/** The catalog location of the live resources of one environment and source. */
export function liveResourceLocation(environment: string, source: string) {
  return `runtime:${environment}/${source}`;
}

/**
 * A live resource as a catalog `Resource`, owned by its team or else by the fallback owner; an
 * adopter's owner resolver, when given, replaces the default resolution.
 */
export function liveResourceEntity(
  resource: LiveResource,
  options: {
    ownerFallback: string;
    location: string;
    namePrefix?: string;
    ownerResolver?: RuntimeOwnerResolver;
  },
): Entity {
  const owner = resolveOwnerWith(
    options.ownerResolver,
    resource,
    options.ownerFallback,
  );
  const usedBy = serviceRef(resource.service);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: runtimeResourceEntityName({
        ...resource,
        prefix: options.namePrefix,
      }),
      title: `${resource.name} (${resource.environment})`,
      ...(resource.description ? { description: resource.description } : {}),
      annotations: {
        'backstage.io/managed-by-location': options.location,
        'backstage.io/managed-by-origin-location': options.location,
        [RUNTIME_ANNOTATIONS.environment]: resource.environment,
        [RUNTIME_ANNOTATIONS.upstreamRef]: resource.upstreamRef,
        ...(owner.problem
          ? { [RUNTIME_ANNOTATIONS.ownerProblem]: owner.problem }
          : {}),
        ...resource.details,
        ...(resource.expiresAt
          ? { [RUNTIME_ANNOTATIONS.expiresAt]: resource.expiresAt }
          : {}),
      },
      tags: ['runtime', resource.environment],
    },
    spec: {
      type: resource.type,
      owner: owner.owner,
      system: systemName(resource.area),
      dependsOn: [`component:default/${resource.hostComponent}`],
      ...(usedBy ? { dependencyOf: [usedBy] } : {}),
    },
  };
}
