import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { CatalogApi } from '@backstage/plugin-catalog-react';
import { RuntimePage } from './RuntimePage';
import { RuntimeApi, RuntimeHealth, runtimeApiRef } from '../../api';
import { rootRouteRef } from '../../routes';

const health: RuntimeHealth = {
  status: 'ok',
  environments: [
    {
      name: 'dev',
      title: 'Development',
      upstreams: [
        { upstream: 'kubernetes', status: 'ok', latencyMs: 3 },
        {
          upstream: 'openbao',
          status: 'down',
          reason: 'Forbidden',
          latencyMs: 5,
        },
      ],
    },
    { name: 'prod', title: 'Production', upstreams: [] },
  ],
};

function runtimeComponent(
  name: string,
  annotations: Record<string, string>,
  resources: string[] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'runtime-component',
      owner: 'platform',
      lifecycle: 'production',
    },
    relations: [
      ...resources.map(r => ({
        type: 'dependencyOf',
        targetRef: `resource:default/${r}`,
      })),
      { type: 'dependencyOf', targetRef: 'component:default/semantic-search' },
      { type: 'ownedBy', targetRef: 'group:default/platform' },
    ],
  };
}

const entities: Entity[] = [
  runtimeComponent(
    'kubeai',
    {
      'runtime-portal.io/installed.dev': 'true',
      'runtime-portal.io/ready.dev': 'true',
      'runtime-portal.io/version.dev': '0.21.0',
      'runtime-portal.io/replicas.dev': '2/2',
      'runtime-portal.io/installed.prod': 'false',
    },
    ['dev-endpoint-team-a-llama', 'dev-endpoint-team-a-bge'],
  ),
  runtimeComponent(
    'minio',
    {
      'runtime-portal.io/installed.dev': 'true',
      'runtime-portal.io/ready.dev': 'false',
      'runtime-portal.io/replicas.dev': '0/1',
      'runtime-portal.io/installed.prod': 'unknown',
    },
    ['dev-bucket-recordings'],
  ),
  // A component the page does not ask for: it must not show.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'temporal',
      namespace: 'default',
      title: 'Service named temporal',
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  },
  // The live Resources hosted by the components above: the page counts them with a catalog facet.
  ...[
    ['dev-endpoint-team-a-llama', 'kubeai'],
    ['dev-endpoint-team-a-bge', 'kubeai'],
    ['dev-bucket-recordings', 'minio'],
  ].map(
    ([name, host]): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name, namespace: 'default' },
      spec: { type: 'inference-endpoint', owner: 'team-a' },
      relations: [
        { type: 'dependsOn', targetRef: `component:default/${host}` },
      ],
    }),
  ),
];

const healthyApi = { getHealth: async () => health };

function renderPage(
  catalogApi: CatalogApi,
  runtimeApi: Partial<RuntimeApi> = healthyApi,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          runtimeApiRef,
          {
            getComponentsHealth: async () => ({ environments: [] }),
            getComponentAlerts: async () => ({ environments: [] }),
            ...runtimeApi,
          } as RuntimeApi,
        ],
        [catalogApiRef, catalogApi],
      ]}
    >
      <RuntimePage />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/runtime': rootRouteRef,
      },
    },
  );
}

const row = (id: string) => screen.getByTestId(`runtime-component-${id}`);

describe('RuntimePage', () => {
  it('links to the approval requests from its header', async () => {
    await renderPage(catalogApiMock({ entities }));
    expect(screen.getByRole('link', { name: 'Approvals' })).toHaveAttribute(
      'href',
      '/runtime/approvals',
    );
  });

  it("adds each component's Prometheus up and its Grafana dashboards", async () => {
    await renderPage(catalogApiMock({ entities }), {
      ...healthyApi,
      getComponentsHealth: async () => ({
        environments: [
          {
            environment: 'dev',
            targets: {
              status: 'ok',
              fetchedAt: '2026-11-25T00:00:00Z',
              data: [{ component: 'kubeai', up: 0, targets: 2 }],
            },
            dashboards: {
              status: 'ok',
              fetchedAt: '2026-11-25T00:00:00Z',
              data: [
                {
                  component: 'kubeai',
                  title: 'Runtime / kubeai',
                  url: 'http://grafana.test/d/abc/runtime-kubeai',
                },
              ],
            },
          },
        ],
      }),
    });
    const kubeai = await waitFor(() => {
      const element = row('kubeai');
      expect(within(element).getByText(/0\/2 up/)).toBeInTheDocument();
      return element;
    });
    expect(
      within(kubeai).getByRole('link', {
        name: /^KubeAI dashboard Runtime \/ kubeai/,
      }),
    ).toHaveAttribute('href', 'http://grafana.test/d/abc/runtime-kubeai');
  });

  it('maps the seven capability areas with their components, links and statuses', async () => {
    await renderPage(catalogApiMock({ entities }));
    for (const title of [
      'Network',
      'Access and security',
      'Inference',
      'Workflows and automation',
      'Data and storage',
      'Monitoring and debugging',
      'Integration and delivery',
    ]) {
      expect(screen.getByText(title)).toBeInTheDocument();
    }
    const kubeai = await waitFor(() => {
      const element = row('kubeai');
      expect(
        within(element).getByText('Development: Ready'),
      ).toBeInTheDocument();
      return element;
    });
    expect(within(kubeai).getByText('0.21.0 · 2/2 ready')).toBeInTheDocument();
    expect(
      within(kubeai).getByText('Production: Not installed'),
    ).toBeInTheDocument();
    expect(within(kubeai).getByText('2 live resources')).toBeInTheDocument();
    expect(
      within(kubeai).getByRole('link', { name: 'KubeAI' }),
    ).toHaveAttribute('href', '/catalog/default/component/kubeai');
    expect(
      within(kubeai).getByRole('link', { name: /^KubeAI docs/ }),
    ).toHaveAttribute('href', 'https://www.kubeai.org/');

    const minio = row('minio');
    expect(
      within(minio).getByText('Development: Not ready'),
    ).toBeInTheDocument();
    expect(within(minio).getByText('Production: Unknown')).toBeInTheDocument();
    expect(within(minio).getByText('1 live resource')).toBeInTheDocument();

    // In the platform model but not in the catalog (the service named temporal is not a runtime component).
    expect(
      within(row('temporal')).getByText('Not in the catalog yet.'),
    ).toBeInTheDocument();
    expect(
      within(row('temporal')).queryByText(/Development:/),
    ).not.toBeInTheDocument();

    expect(screen.getByText('OpenBao: Forbidden')).toBeInTheDocument();
  });

  it('reads the runtime components in one catalog request filtered by kind and type', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(async () => ({ items: entities.slice(0, 2) })),
    });
    await renderPage(catalogApi);
    await waitFor(() =>
      expect(
        within(row('kubeai')).getByText('Development: Ready'),
      ).toBeInTheDocument(),
    );
    expect(catalogApi.getEntities).toHaveBeenCalledTimes(1);
    expect(catalogApi.getEntities).toHaveBeenCalledWith({
      filter: { kind: 'Component', 'spec.type': 'runtime-component' },
      fields: expect.arrayContaining(['metadata.name', 'metadata.annotations']),
    });
    // Not the components' relations (one per hosted Resource): the catalog counts the Resources.
    expect(
      (catalogApi.getEntities as jest.Mock).mock.calls[0][0].fields,
    ).not.toContain('relations');
    expect(catalogApi.getEntityFacets).toHaveBeenCalledWith({
      filter: { kind: 'resource' },
      facets: ['relations.dependsOn'],
    });
  });

  it('filters areas and components as you type', async () => {
    await renderPage(catalogApiMock({ entities }));
    await waitFor(() => expect(row('kubeai')).toBeInTheDocument());
    const search = screen.getByRole('textbox', {
      name: 'Search components and areas',
    });

    await userEvent.type(search, 'object storage');
    expect(row('minio')).toBeInTheDocument();
    expect(
      screen.queryByTestId('runtime-component-kubeai'),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Inference')).not.toBeInTheDocument();
    expect(screen.getByText('Data and storage')).toBeInTheDocument();

    // An area's title matches: all its components stay.
    await userEvent.clear(search);
    await userEvent.type(search, 'inference');
    expect(row('kubeai')).toBeInTheDocument();
    expect(row('vllm')).toBeInTheDocument();
    expect(row('faster-whisper')).toBeInTheDocument();
    expect(
      screen.queryByTestId('runtime-component-minio'),
    ).not.toBeInTheDocument();

    await userEvent.clear(search);
    await userEvent.type(search, 'no such thing');
    expect(
      screen.getByText(
        'No capability area or component matches “no such thing”.',
      ),
    ).toBeInTheDocument();
  });

  it('shows progress while the catalog is being read', async () => {
    await renderPage(
      catalogApiMock.mock({
        getEntities: jest.fn(() => new Promise(() => {})),
      }),
    );
    expect((await screen.findAllByRole('progressbar')).length).toBeGreaterThan(
      0,
    );
    expect(
      within(row('kubeai')).queryByText(/Development:/),
    ).not.toBeInTheDocument();
  });

  it('says so when the catalog cannot be read, and still shows the platform model', async () => {
    await renderPage(
      catalogApiMock.mock({
        getEntities: jest.fn(async () => {
          throw new Error('catalog is down');
        }),
      }),
    );
    expect(
      await screen.findByText(
        /Could not read the runtime components from the catalog/,
      ),
    ).toBeInTheDocument();
    expect(row('kubeai')).toBeInTheDocument();
  });

  it('says so when the catalog has no runtime components', async () => {
    await renderPage(catalogApiMock({ entities: [] }));
    expect(
      await screen.findByText(/The catalog has no runtime components yet/),
    ).toBeInTheDocument();
  });

  it('says so when no environment is configured', async () => {
    await renderPage(catalogApiMock({ entities }), {
      getHealth: async () => ({ status: 'ok', environments: [] }),
    });
    expect(
      await screen.findByText(/No Runtime environment is configured/),
    ).toBeInTheDocument();
  });

  it('says so when the runtime backend does not answer', async () => {
    await renderPage(catalogApiMock({ entities }), {
      getHealth: async () => {
        throw new Error('503 Service Unavailable');
      },
    });
    expect(
      await screen.findByText(/The runtime backend did not answer/),
    ).toBeInTheDocument();
  });
});
