import { Entity } from '@backstage/catalog-model';
import {
  CatalogApi,
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { RuntimeResourcesReadAhead } from './RuntimeResourcesReadAhead';
import { RuntimeResourcesTableCard } from './RuntimeResourcesTableCard';

const kubeai: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'kubeai', namespace: 'default' },
  spec: { type: 'runtime-component', owner: 'group:default/platform-team' },
};
const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'support-assistant', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/assistant-team' },
};

/** A Resource hosted on `host` and used by `user`, with the relations the catalog gives it. */
function resource(
  name: string,
  options: {
    type: string;
    owner: string;
    env: string;
    host: string;
    user?: string;
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      title: `${name} (${options.env})`,
      annotations: {
        'runtime-portal.io/environment': options.env,
        'runtime-portal.io/model-url': 'hf://not/shown',
      },
    },
    spec: { type: options.type, owner: options.owner },
    relations: [
      { type: 'dependsOn', targetRef: `component:default/${options.host}` },
      ...(options.user
        ? [
            {
              type: 'dependencyOf',
              targetRef: `component:default/${options.user}`,
            },
          ]
        : []),
      { type: 'ownedBy', targetRef: options.owner },
    ],
  };
}

const pad = (i: number) => String(i).padStart(2, '0');

/** 45 models on KubeAI (30 used by support-assistant, in dev; 15 by another team, in prod) and 3 buckets on MinIO. */
const resources: Entity[] = [
  ...Array.from({ length: 30 }, (_, i) =>
    resource(`model-a${pad(i)}`, {
      type: 'inference-endpoint',
      owner: 'group:default/assistant-team',
      env: 'dev',
      host: 'kubeai',
      user: 'support-assistant',
    }),
  ),
  ...Array.from({ length: 15 }, (_, i) =>
    resource(`model-s${pad(i)}`, {
      type: 'inference-endpoint',
      owner: 'group:default/search-team',
      env: 'prod',
      host: 'kubeai',
      user: 'semantic-search',
    }),
  ),
  ...Array.from({ length: 3 }, (_, i) =>
    resource(`bucket-${i}`, {
      type: 'bucket',
      owner: 'group:default/assistant-team',
      env: 'dev',
      host: 'minio',
      user: 'support-assistant',
    }),
  ),
];

/** The catalog with every entity, recording each queryEntities request it answers. */
function recordingCatalog(
  entities: Entity[] = [kubeai, service, ...resources],
) {
  const catalog = catalogApiMock({ entities });
  const requests: Array<Record<string, unknown>> = [];
  const query = catalog.queryEntities.bind(catalog);
  catalog.queryEntities = async (request, options) => {
    requests.push({ ...request });
    return query(request, options);
  };
  return { catalog, requests };
}

async function renderCard(entity: Entity, catalog: CatalogApi, pageSize = 20) {
  await renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalog]]}>
      <EntityProvider entity={entity}>
        <RuntimeResourcesTableCard pageSize={pageSize} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const bodyRows = () =>
  within(screen.getByTestId('runtime-resources-table'))
    .getAllByRole('row')
    .slice(1);
const names = () =>
  bodyRows().map(row => within(row).getAllByRole('cell')[0].textContent);

describe('RuntimeResourcesTableCard', () => {
  it('pages through the Resources a runtime component hosts, with their count, one small query per page', async () => {
    const { catalog, requests } = recordingCatalog();
    await renderCard(kubeai, catalog);

    expect(await screen.findByText('Hosted resources')).toBeInTheDocument();
    expect(await screen.findByText('45 resources')).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(20);
    expect(names()[0]).toBe('model-a00 (dev)');
    const first = within(bodyRows()[0]).getAllByRole('cell');
    expect(first.map(c => c.textContent)).toEqual([
      'model-a00 (dev)',
      'inference-endpoint',
      'assistant-team',
      'dev',
    ]);
    expect(screen.getByText('1-20 of 45')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(names()[0]).toBe('model-a20 (dev)'));
    expect(screen.getByText('21-40 of 45')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(5));
    expect(names()).toEqual([
      'model-s10 (prod)',
      'model-s11 (prod)',
      'model-s12 (prod)',
      'model-s13 (prod)',
      'model-s14 (prod)',
    ]);
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(names()[0]).toBe('model-a20 (dev)'));

    // The first query filters on the server and asks only for the shown fields; later pages use cursors.
    expect(requests[0]).toEqual({
      filter: {
        kind: 'resource',
        'relations.dependsOn': 'component:default/kubeai',
      },
      limit: 20,
      fields: expect.arrayContaining(['metadata.name', 'spec.type']),
      orderFields: { field: 'metadata.name', order: 'asc' },
    });
    expect(requests[0].fields).not.toContain('metadata.annotations');
    expect(requests[0].fields).not.toContain('relations');
    expect(requests.slice(1).every(r => typeof r.cursor === 'string')).toBe(
      true,
    );
    expect(requests).toHaveLength(4);
  });

  it('filters by type, team and environment, on the server, with the counts of each value', async () => {
    const { catalog, requests } = recordingCatalog();
    await renderCard(service, catalog);

    expect(await screen.findByText('Resources used')).toBeInTheDocument();
    expect(await screen.findByText('33 resources')).toBeInTheDocument();
    const type = screen.getByLabelText('Type');
    await waitFor(() => expect(type).toBeEnabled());
    expect(
      within(type)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All', 'bucket (3)', 'inference-endpoint (30)']);
    expect(
      within(screen.getByLabelText('Team'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All', 'assistant-team (33)']);

    fireEvent.change(type, { target: { value: 'bucket' } });
    expect(
      await screen.findByText('3 resources match the filters'),
    ).toBeInTheDocument();
    expect(names()).toEqual([
      'bucket-0 (dev)',
      'bucket-1 (dev)',
      'bucket-2 (dev)',
    ]);
    expect(requests[requests.length - 1].filter).toEqual({
      kind: 'resource',
      'relations.dependencyOf': 'component:default/support-assistant',
      'spec.type': 'bucket',
    });

    fireEvent.change(screen.getByLabelText('Environment'), {
      target: { value: 'dev' },
    });
    await waitFor(() =>
      expect(requests[requests.length - 1].filter).toMatchObject({
        'metadata.annotations.runtime-portal.io/environment': 'dev',
      }),
    );
    fireEvent.change(screen.getByLabelText('Team'), {
      target: { value: 'group:default/assistant-team' },
    });
    await waitFor(() =>
      expect(requests[requests.length - 1].filter).toMatchObject({
        'spec.owner': 'group:default/assistant-team',
      }),
    );
    expect(names()).toHaveLength(3);
  });

  it('says when nothing matches and when the entity has no Resources', async () => {
    const { catalog } = recordingCatalog();
    await renderCard(kubeai, catalog);
    const environment = screen.getByLabelText('Environment');
    await waitFor(() => expect(environment).toBeEnabled());
    expect(
      within(environment)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All', 'dev (30)', 'prod (15)']);
    fireEvent.change(screen.getByLabelText('Type'), {
      target: { value: 'inference-endpoint' },
    });
    fireEvent.change(environment, { target: { value: 'prod' } });
    expect(
      await screen.findByText('15 resources match the filters'),
    ).toBeInTheDocument();

    const empty = recordingCatalog([kubeai]);
    await renderCard(kubeai, empty.catalog);
    expect(
      await screen.findByText('No resources run on this component.'),
    ).toBeInTheDocument();
    expect(screen.getByText('0 resources')).toBeInTheDocument();
  });

  it('shows the catalog error instead of the table', async () => {
    const { catalog } = recordingCatalog();
    catalog.queryEntities = async () => {
      throw new Error('catalog unavailable');
    };
    catalog.getEntityFacets = async () => {
      throw new Error('facets unavailable');
    };
    await renderCard(kubeai, catalog);
    expect(
      await screen.findByText(/Could not load the hosted resources/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/catalog unavailable/).length).toBeGreaterThan(
      0,
    );
    expect(
      screen.getByText('Could not load the filters: facets unavailable'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('runtime-resources-table')).toBeNull();
  });

  it('takes the first page read ahead of it, once, and reads anew after that', async () => {
    const { catalog, requests } = recordingCatalog();
    /** The read ahead at once (as the entity page's switch renders it), the table on demand. */
    function Page() {
      const [tables, setTables] = useState(0);
      return (
        <>
          <RuntimeResourcesReadAhead />
          <button onClick={() => setTables(n => n + 1)}>show table</button>
          {tables > 0 && <RuntimeResourcesTableCard key={tables} />}
        </>
      );
    }
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalog]]}>
        <EntityProvider entity={service}>
          <Page />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    // Asked before any table rendered: the table's own first query.
    expect(requests).toEqual([
      {
        filter: {
          kind: 'resource',
          'relations.dependencyOf': 'component:default/support-assistant',
        },
        limit: 20,
        fields: expect.arrayContaining(['metadata.name', 'spec.type']),
        orderFields: { field: 'metadata.name', order: 'asc' },
      },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'show table' }));
    expect(await screen.findByText('33 resources')).toBeInTheDocument();
    expect(names()[0]).toBe('bucket-0 (dev)');
    expect(requests).toHaveLength(1);

    // A new table (another visit) does not get the page read for the first one.
    fireEvent.click(screen.getByRole('button', { name: 'show table' }));
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(await screen.findByText('33 resources')).toBeInTheDocument();
    expect(requests[1]).toEqual(requests[0]);
  });
});
