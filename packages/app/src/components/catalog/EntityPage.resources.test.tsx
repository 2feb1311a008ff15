import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AlphaEntity, EntityStatusItem } from '@backstage/catalog-model/alpha';
import {
  catalogGraphApiRef,
  catalogGraphPlugin,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import {
  catalogApiRef,
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
  starredEntitiesApiRef,
  MockStarredEntitiesApi,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  catalogPlugin,
  DefaultEntityPresentationApi,
} from '@backstage/plugin-catalog';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import {
  mockApis,
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import {
  RuntimeClient,
  runtimeApiRef,
} from '@runtime-portal/backstage-plugin-runtime';
import { entityPage } from './EntityPage';

const RESOURCES = 50;

/** A processing error the catalog recorded on the entity itself (`status.items`). */
const processingError: EntityStatusItem = {
  type: 'backstage.io/catalog-processing',
  level: 'error',
  message: 'InputError: Policy check failed',
  error: { name: 'InputError', message: 'Policy check failed' },
};

const ENTITIES_FILE = '/srv/examples/entities.yaml';
/** The Location the service was read from, with an error of its own (as the ancestry would show it). */
const location: AlphaEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: {
    name: 'generated-0123',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': `file:${ENTITIES_FILE}`,
      'backstage.io/managed-by-origin-location': `file:${ENTITIES_FILE}`,
    },
  },
  spec: { type: 'file', target: ENTITIES_FILE },
  status: {
    items: [
      {
        ...processingError,
        error: { name: 'NotFoundError', message: 'Unable to read the file' },
      },
    ],
  },
};

const kubeai: AlphaEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'kubeai',
    namespace: 'default',
    // Emitted by the Runtime provider: no parent Location.
    annotations: {
      'backstage.io/managed-by-location': 'runtime:platform-model',
      'backstage.io/managed-by-origin-location': 'runtime:platform-model',
    },
  },
  spec: { type: 'runtime-component', owner: 'group:default/platform-team' },
  status: { items: [processingError] },
  relations: [
    { type: 'partOf', targetRef: 'system:default/inference' },
    ...Array.from({ length: RESOURCES }, (_, i) => ({
      type: 'dependencyOf',
      targetRef: `resource:default/model-${i}`,
    })),
  ],
};
const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'support-assistant',
    namespace: 'default',
    // Read from a file: its parent is that file's Location.
    annotations: {
      'backstage.io/managed-by-location': `file:${ENTITIES_FILE}`,
      'backstage.io/managed-by-origin-location': `file:${ENTITIES_FILE}`,
    },
  },
  spec: { type: 'service', owner: 'group:default/assistant-team' },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/assistant-team' },
    ...Array.from({ length: RESOURCES }, (_, i) => ({
      type: 'dependsOn',
      targetRef: `resource:default/model-${i}`,
    })),
  ],
};
const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'inference', namespace: 'default' },
  spec: { owner: 'group:default/platform-team' },
};
const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'assistant-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const models: Entity[] = Array.from({ length: RESOURCES }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `model-${i}`,
    namespace: 'default',
    annotations: { 'runtime-portal.io/environment': 'dev' },
  },
  spec: { type: 'inference-endpoint', owner: 'group:default/assistant-team' },
  relations: [
    { type: 'dependsOn', targetRef: 'component:default/kubeai' },
    { type: 'dependencyOf', targetRef: 'component:default/support-assistant' },
  ],
}));

/**
 * Renders the app's entity page of `entity` (as loaded by the page: the provider holds it), recording
 * the refs of the whole entities it reads again (by refs, by ref, by name) and its ancestry reads.
 */
async function renderEntityPage(entity: Entity) {
  const catalog = catalogApiMock({
    entities: [kubeai, service, system, team, location, ...models],
  });
  // The refs of whole entities asked for; the relation warning's existence check and the entity
  // presentation (only a few fields) are not loads of the related entities.
  const requestedRefs: string[] = [];
  const byRefs = catalog.getEntitiesByRefs.bind(catalog);
  catalog.getEntitiesByRefs = async (request, options) => {
    if (!request.fields) requestedRefs.push(...request.entityRefs);
    return byRefs(request, options);
  };
  const byRef = catalog.getEntityByRef.bind(catalog);
  catalog.getEntityByRef = async (ref, options) => {
    requestedRefs.push(typeof ref === 'string' ? ref : stringifyEntityRef(ref));
    return byRef(ref, options);
  };
  const ancestryReads: string[] = [];
  catalog.getEntityAncestors = async request => {
    ancestryReads.push(request.entityRef);
    throw new Error('the ancestry sends the whole entity again');
  };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalog],
        [catalogGraphApiRef, new DefaultCatalogGraphApi()],
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
        [permissionApiRef, new MockPermissionApi()],
        // The runtime cards' backend is not part of this test: its calls fail, the cards say so.
        [
          runtimeApiRef,
          new RuntimeClient({
            discoveryApi: mockApis.discovery(),
            fetchApi: {
              fetch: async () => {
                throw new Error('no runtime backend in this test');
              },
            },
          }),
        ],
        [
          scmIntegrationsApiRef,
          ScmIntegrationsApi.fromConfig(mockApis.config()),
        ],
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({ catalogApi: catalog }),
        ],
      ]}
    >
      <EntityProvider entity={entity}>{entityPage}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog': catalogPlugin.routes.catalogIndex,
        '/catalog-graph': catalogGraphPlugin.routes.catalogGraph,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return { requestedRefs, ancestryReads };
}

describe('entity pages with many Resources', () => {
  beforeAll(() => {
    // jsdom lays nothing out: the graph measures its nodes' SVG boxes.
    Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
      value: () => ({ x: 0, y: 0, width: 120, height: 20 }),
      configurable: true,
    });
  });

  it.each([
    [
      'a runtime component',
      kubeai,
      'Hosted resources',
      'dependency of',
      'Error: Policy check failed',
      false,
    ],
    [
      'a service',
      service,
      'Resources used',
      'depends on',
      'Error: Unable to read the file',
      true,
    ],
  ])(
    'on %s, Relations counts the Resources, the table pages them and the entity is read once',
    async (
      _label,
      entity,
      tableTitle,
      resourceRelation,
      errorText,
      fromLocation,
    ) => {
      const { requestedRefs, ancestryReads } = await renderEntityPage(entity);
      expect(await screen.findByText(tableTitle)).toBeInTheDocument();
      // The table's count, from the catalog.
      expect(
        await screen.findByTestId('runtime-resources-table-count'),
      ).toHaveTextContent(`${RESOURCES} resources`);

      // The Relations card: from the loaded entity, Resources as a count linking to the table.
      const relations = screen.getByRole('list', { name: 'Relations' });
      const resourceItem = within(relations)
        .getAllByTestId('entity-relation')
        .find(item => within(item).queryByText(resourceRelation));
      expect(
        within(resourceItem!).getByRole('link', {
          name: `${RESOURCES} resources`,
        }),
      ).toHaveAttribute('href', '#runtime-resources');
      expect(document.getElementById('runtime-resources')).toContainElement(
        screen.getByText(tableTitle),
      );
      await waitFor(() =>
        expect(
          within(relations).getAllByRole('link').length,
        ).toBeGreaterThanOrEqual(2),
      );
      // No graph: it reads the entity and each neighbour whole.
      expect(screen.queryAllByTestId('node')).toEqual([]);

      // The processing errors, shown without reading the ancestry: KubeAI's own (the Runtime
      // provider's entity has no parent), the service's Location's (read without its relations).
      expect(await screen.findByText(errorText)).toBeInTheDocument();
      expect(
        screen.queryByText(/The error below originates from/) !== null,
      ).toBe(fromLocation);
      // Let every card settle, then: no ancestry, no whole read of the entity or of a Resource.
      await new Promise(res => setTimeout(res, 100));
      expect(ancestryReads).toEqual([]);
      const ref = stringifyEntityRef(entity);
      // The page's own load of the entity is the provider's: nothing reads it again.
      expect(requestedRefs.filter(r => r === ref)).toEqual([]);
      expect(requestedRefs.filter(r => r.startsWith('resource:'))).toEqual([]);
    },
  );
});
