import { Entity } from '@backstage/catalog-model';
import {
  RUNTIME_ANNOTATIONS,
  RuntimeResourceType,
  runtimeResourceEntityName,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { systemName } from '../platformModel/platformModelEntities';
import { resolveOwner, serviceRef } from './resolveOwner';

/** What every live resource source knows about one resource. */
export interface LiveResource {
  environment: string;
  type: RuntimeResourceType;
  /** Namespace or other scope the raw name is unique within. */
  scope?: string;
  /** The resource's name in its upstream. */
  name: string;
  /** Where it is upstream, e.g. `team-a/llama` or `secret/team-a/db`. */
  upstreamRef: string;
  /** The runtime component hosting it, e.g. `kubeai`. */
  hostComponent: string;
  /** The capability area of the hosting component. */
  area: string;
  /** The owner value found, and where it was looked for (for the problem annotation). */
  ownerValue: string | undefined;
  ownerSource: string;
  /** The using service's name, when known. */
  service?: string;
  description?: string;
  /** Detail annotations (never secret values). */
  details: Record<string, string>;
}

/** The catalog location of the live resources of one environment and source. */
export function liveResourceLocation(environment: string, source: string) {
  return `runtime:${environment}/${source}`;
}

/** A live resource as a catalog `Resource`, owned by its team or else by the fallback owner. */
export function liveResourceEntity(
  resource: LiveResource,
  options: { ownerFallback: string; location: string; namePrefix?: string },
): Entity {
  const owner = resolveOwner(
    resource.ownerValue,
    resource.ownerSource,
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
