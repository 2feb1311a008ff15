import { Entity } from '@backstage/catalog-model';
import {
  COMMUNITY_ANNOTATIONS,
  RUNTIME_ANNOTATIONS,
  RUNTIME_RESOURCE_TYPES,
  dashboardTagsFromSelector,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { EntityOwnership } from './entityOwnership';
import {
  isProviderRuntimeComponent,
  runtimeComponentTarget,
} from './runtimeComponentTarget';

/** What the observability report of one entity is about, read from its annotations. */
export interface ObservabilityTarget {
  profile: 'service' | 'inference-endpoint';
  /** The service name in metrics, logs and traces. */
  service?: string;
  namespace?: string;
  /** The KubeAI Model name (inference endpoints). */
  model?: string;
  dashboardTags: string[];
  /** The only environment the entity lives in, when it is a live resource. */
  environment?: string;
  /**
   * Set for a runtime component the Runtime's entity provider made: its id and, per environment it
   * is installed in, its namespace (`namespace` is then set per environment, see `targetInEnvironment`).
   */
  runtimeComponent?: { id: string; namespaces: Record<string, string> };
}

/** What an observability report is about: the entity as the caller read it, whose it is, what it names. */
export interface ObservabilitySubject {
  entity: Entity;
  ownership: EntityOwnership;
  target: ObservabilityTarget;
}

/**
 * Reads an entity's observability target: a runtime inference endpoint Resource by its upstream
 * reference (`namespace/name`) and environment; a runtime component the Runtime's entity provider made
 * by its id and its namespace per environment; anything else by the community Kubernetes annotations.
 */
export function observabilityTarget(entity: Entity): ObservabilityTarget {
  if (isProviderRuntimeComponent(entity)) return runtimeComponentTarget(entity);
  const annotations = entity.metadata.annotations ?? {};
  const dashboardTags = dashboardTagsFromSelector(
    annotations[COMMUNITY_ANNOTATIONS.grafanaDashboardSelector] ??
      annotations[COMMUNITY_ANNOTATIONS.grafanaTagSelector],
  );
  if (
    entity.kind === 'Resource' &&
    entity.spec?.type === RUNTIME_RESOURCE_TYPES.inferenceEndpoint
  ) {
    const [namespace, model] = (
      annotations[RUNTIME_ANNOTATIONS.upstreamRef] ?? ''
    ).split('/');
    return {
      profile: 'inference-endpoint',
      namespace: namespace || undefined,
      model: model || undefined,
      service: model || undefined,
      environment: annotations[RUNTIME_ANNOTATIONS.environment],
      dashboardTags: dashboardTags.length ? dashboardTags : ['inference'],
    };
  }
  return {
    profile: 'service',
    service: annotations[COMMUNITY_ANNOTATIONS.kubernetesId],
    namespace: annotations[COMMUNITY_ANNOTATIONS.kubernetesNamespace],
    dashboardTags,
  };
}
