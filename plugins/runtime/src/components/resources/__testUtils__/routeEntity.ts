import { Entity } from '@backstage/catalog-model';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
  runtimeResourceEntityName,
} from '@runtime-portal/backstage-plugin-runtime-common';

/** The route `search-api` as the catalog module writes it. */
export const routeEntity = (
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: runtimeResourceEntityName({
      environment: 'dev',
      type: 'route',
      scope: 'team-search',
      name: 'search-api',
    }),
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': 'runtime:dev/routes',
      'backstage.io/managed-by-origin-location': 'runtime:dev/routes',
      [RUNTIME_ANNOTATIONS.environment]: 'dev',
      [RUNTIME_ANNOTATIONS.upstreamRef]: 'team-search/search-api',
      [D.routeUrl]: 'https://search-api.apps.dev.runtime.local',
      [D.routeBackend]: 'semantic-search:8080',
      [D.routeCertificateReady]: 'true',
      [D.routeCertificateExpiry]: '2030-03-05T12:00:00Z',
      ...annotations,
    },
  },
  spec: {
    type: 'route',
    owner: 'group:default/search-team',
    dependencyOf: ['component:default/semantic-search'],
  },
});
