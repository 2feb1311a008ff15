import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { RuntimeClient, runtimeApiRef } from '../../../api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';

/** A runtime Resource entity of the given type living in `dev`. */
export function resourceEntity(type: string, name = `dev-${type}-x`): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'runtime-portal.io/environment': 'dev' },
    },
    spec: { type, owner: 'team-a' },
  };
}

/** A JSON response of the runtime backend. */
export const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    statusText: status === 200 ? 'OK' : 'Error',
    headers: { 'content-type': 'application/json' },
  });

/** The backend's error body for a status. */
export const errorBody = (status: number, name: string, message: string) => ({
  error: { name, message },
  response: { statusCode: status },
});

/**
 * Renders a card on the page of `entity` with fetch and discovery doubles; `respond` answers every
 * request, and the requested URLs are collected in `urls`.
 */
export async function renderResourceCard(
  element: ReactElement,
  entity: Entity,
  respond: () => Response | Promise<Response>,
) {
  const urls: string[] = [];
  const fetchApi = {
    fetch: async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return respond();
    },
  };
  const discoveryApi = {
    getBaseUrl: async (pluginId: string) =>
      `http://backstage.test/api/${pluginId}`,
  };
  const result = await renderInTestApp(
    <TestApiProvider
      apis={[
        [fetchApiRef, fetchApi],
        [discoveryApiRef, discoveryApi],
        [runtimeApiRef, new RuntimeClient({ fetchApi, discoveryApi })],
      ]}
    >
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { ...result, urls };
}
