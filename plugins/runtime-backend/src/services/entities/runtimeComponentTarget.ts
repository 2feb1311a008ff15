import { Entity } from '@backstage/catalog-model';
import {
  COMMUNITY_ANNOTATIONS,
  dashboardTagsFromSelector,
  runtimeInstallationAnnotations,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { isRuntimeProviderEntity } from './entityOwnership';
import type { ObservabilityTarget } from './observabilityTarget';

/** The `spec.type` of the catalog Components that stand for runtime components (KubeAI, MinIO, ...). */
export const RUNTIME_COMPONENT_TYPE = 'runtime-component';

const INSTALLED_PREFIX = 'runtime-portal.io/installed.';

/**
 * Whether `entity` is a runtime component as the Runtime's entity provider made it: only then are its
 * per-environment installation annotations the cluster's truth (a registered entity claiming the type
 * is read like any other service).
 */
export function isProviderRuntimeComponent(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    entity.spec?.type === RUNTIME_COMPONENT_TYPE &&
    isRuntimeProviderEntity(entity)
  );
}

/**
 * The observability target of a runtime component: its signals carry `service=<component id>` (the
 * Kubernetes Service its chart installs, the scrape job of its targets) in the namespace its workloads
 * run in, which the catalog module records per environment (`runtime-portal.io/namespace.<env>`); its
 * dashboards are tagged `runtime` and its id unless `grafana/dashboard-selector` says otherwise.
 */
export function runtimeComponentTarget(entity: Entity): ObservabilityTarget {
  const annotations = entity.metadata.annotations ?? {};
  const id = entity.metadata.name;
  const namespaces: Record<string, string> = {};
  for (const key of Object.keys(annotations)) {
    if (!key.startsWith(INSTALLED_PREFIX) || annotations[key] !== 'true') {
      continue;
    }
    const environment = key.slice(INSTALLED_PREFIX.length);
    const namespace =
      annotations[runtimeInstallationAnnotations(environment).namespace];
    if (namespace) namespaces[environment] = namespace;
  }
  const selected = dashboardTagsFromSelector(
    annotations[COMMUNITY_ANNOTATIONS.grafanaDashboardSelector] ??
      annotations[COMMUNITY_ANNOTATIONS.grafanaTagSelector],
  );
  return {
    profile: 'service',
    service: id,
    dashboardTags: selected.length ? selected : ['runtime', id],
    runtimeComponent: { id, namespaces },
  };
}

/**
 * The target as read in one environment: a runtime component's namespace there, or why it has none
 * (not installed there, or its cluster has not answered the catalog yet). Other targets are the same
 * in every environment.
 */
export function targetInEnvironment(
  target: ObservabilityTarget,
  environment: string,
): { target: ObservabilityTarget } | { missing: string } {
  const component = target.runtimeComponent;
  if (!component) return { target };
  const namespace = component.namespaces[environment];
  if (!namespace) {
    return {
      missing: `${component.id} is not installed in ${environment} (as the catalog last discovered it)`,
    };
  }
  return { target: { ...target, namespace } };
}
