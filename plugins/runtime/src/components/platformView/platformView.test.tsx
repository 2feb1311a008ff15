import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { RuntimeComponentAlertsReport } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimePage } from '../RuntimePage';
import { RuntimeApi, RuntimeHealth, runtimeApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { RuntimeVersionMatrixCard } from './RuntimeVersionMatrixCard';

const health: RuntimeHealth = {
  status: 'ok',
  environments: [
    { name: 'dev', title: 'Development', upstreams: [] },
    { name: 'prod', title: 'Production', upstreams: [] },
  ],
};

function component(
  name: string,
  title: string,
  installed: Record<string, string | false>,
): Entity {
  const annotations: Record<string, string> = {};
  for (const [env, version] of Object.entries(installed)) {
    annotations[`runtime-portal.io/installed.${env}`] = String(
      version !== false,
    );
    if (version === false) continue;
    annotations[`runtime-portal.io/ready.${env}`] = 'true';
    annotations[`runtime-portal.io/version.${env}`] = version;
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, title, namespace: 'default', annotations },
    spec: { type: 'runtime-component', owner: 'platform-team' },
  };
}

const entities = [
  component('kubeai', 'KubeAI', { dev: '0.14.0', prod: '0.13.0' }),
  component('loki', 'Loki', { dev: '3.3.2', prod: '3.3.2' }),
  component('faster-whisper', 'faster-whisper', {
    dev: '1.1.0',
    prod: false,
  }),
];

const FETCHED = '2026-12-05T10:00:00.000Z';
const alertsReport: RuntimeComponentAlertsReport = {
  environments: [
    {
      environment: 'dev',
      alerts: {
        status: 'ok',
        fetchedAt: FETCHED,
        data: [
          {
            entityRef: 'component:default/loki',
            component: 'loki',
            title: 'Loki',
            namespace: 'runtime-monitoring',
            alerts: [
              {
                name: 'TargetDown',
                severity: 'warning',
                summary: 'One or more targets are unreachable.',
                startsAt: '2026-12-05T09:50:00.000Z',
                state: 'active',
              },
            ],
          },
        ],
      },
      problems: [],
    },
    {
      environment: 'prod',
      alerts: {
        status: 'ok',
        fetchedAt: FETCHED,
        data: [
          {
            entityRef: 'component:default/kubeai',
            component: 'kubeai',
            title: 'KubeAI',
            namespace: 'runtime-inference',
            alerts: [
              {
                name: 'KubeAIDown',
                severity: 'critical',
                summary: 'KubeAI does not answer.',
                startsAt: '2026-12-05T09:55:00.000Z',
                state: 'active',
                url: 'http://prometheus.test/graph?g0.expr=up',
              },
            ],
          },
        ],
      },
      problems: [
        {
          entityRef: 'component:default/minio',
          component: 'minio',
          status: 'not-allowed',
          message:
            'Not allowed: namespace team-media in prod belongs to group:default/media-team',
        },
      ],
    },
  ],
};

function renderPage(runtimeApi: Partial<RuntimeApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          runtimeApiRef,
          {
            getHealth: async () => health,
            getComponentsHealth: async () => ({ environments: [] }),
            ...runtimeApi,
          } as RuntimeApi,
        ],
        [catalogApiRef, catalogApiMock({ entities })],
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

const alertsTable = () =>
  screen.getByRole('region', { name: 'Firing alerts of runtime components' });
const matrix = () =>
  screen.getByRole('region', { name: 'Versions per environment' });

describe('the platform view on the Runtime page', () => {
  it('lists the firing alerts of every environment, most severe first, each linking to its component', async () => {
    const getComponentAlerts = jest.fn(async () => alertsReport);
    await renderPage({ getComponentAlerts });
    await waitFor(() => expect(alertsTable()).toBeInTheDocument());
    const [, first, second] = within(alertsTable()).getAllByRole('row');
    expect(within(first).getByText('critical')).toBeInTheDocument();
    expect(
      within(first).getByRole('link', { name: /^KubeAIDown/ }),
    ).toHaveAttribute('href', 'http://prometheus.test/graph?g0.expr=up');
    expect(within(first).getByRole('link', { name: 'KubeAI' })).toHaveAttribute(
      'href',
      '/catalog/default/component/kubeai',
    );
    expect(within(first).getByText('prod')).toBeInTheDocument();
    expect(within(second).getByText('TargetDown')).toBeInTheDocument();
    expect(within(second).getByRole('link', { name: 'Loki' })).toHaveAttribute(
      'href',
      '/catalog/default/component/loki',
    );
    expect(within(second).getByText('dev')).toBeInTheDocument();
    // The one component whose alerts could not be read says so, and the rest still show.
    expect(
      screen.getByText(
        'prod, component:default/minio: Not allowed: namespace team-media in prod belongs to group:default/media-team',
      ),
    ).toBeInTheDocument();
    expect(getComponentAlerts).toHaveBeenCalledTimes(1);
  });

  it('shows an environment whose Alertmanager is down on its own line, and the others alerts', async () => {
    await renderPage({
      getComponentAlerts: async () => ({
        environments: [
          alertsReport.environments[0],
          {
            environment: 'prod',
            alerts: {
              status: 'unavailable',
              message: 'Alertmanager did not answer within 5 s',
              fetchedAt: FETCHED,
            },
            problems: [],
          },
        ],
      }),
    });
    expect(
      (
        await screen.findByText('prod: Alertmanager did not answer within 5 s')
      ).closest('[data-signal-status]'),
    ).toHaveAttribute('data-signal-status', 'unavailable');
    const rows = within(alertsTable()).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(within(rows[0]).getByText('TargetDown')).toBeInTheDocument();
  });

  it('says so when no alert fires', async () => {
    await renderPage({
      getComponentAlerts: async () => ({
        environments: [
          {
            environment: 'dev',
            alerts: { status: 'ok', fetchedAt: FETCHED, data: [] },
            problems: [],
          },
        ],
      }),
    });
    expect(
      await screen.findByText('No alert is firing for a runtime component.'),
    ).toBeInTheDocument();
  });

  it('puts every component in a version matrix across the environments, drift highlighted', async () => {
    await renderPage({
      getComponentAlerts: async () => ({ environments: [] }),
    });
    await waitFor(() => expect(matrix()).toBeInTheDocument());
    const headers = within(matrix())
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual(['Component', 'dev', 'prod']);
    const byComponent = (name: string) =>
      within(matrix())
        .getAllByRole('row')
        .find(r => within(r).queryByRole('link', { name }))!;
    const kubeai = byComponent('KubeAI');
    // Two environments, two versions: neither can be told the odd one, both are highlighted.
    expect(within(kubeai).getAllByText('Drift')).toHaveLength(2);
    expect(
      within(kubeai).getAllByText('Drift')[1].closest('[title]'),
    ).toHaveAttribute('title', 'Differs from dev 0.14.0');
    expect(within(byComponent('Loki')).queryByText('Drift')).toBeNull();
    expect(within(byComponent('Loki')).getAllByText('3.3.2')).toHaveLength(2);
    const whisper = byComponent('faster-whisper');
    expect(within(whisper).getByText('Not installed')).toBeInTheDocument();
    expect(within(whisper).queryByText('Drift')).toBeNull();
    expect(
      screen.getByText(
        '1 of 3 components run different versions in different environments.',
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Only components with drift' }),
    );
    const shown = within(matrix()).getAllByRole('row').slice(1);
    expect(shown).toHaveLength(1);
    expect(
      within(shown[0]).getByRole('link', { name: 'KubeAI' }),
    ).toBeVisible();
  });
});

describe('RuntimeVersionMatrixCard', () => {
  it('reads the components and the environments itself when not given them', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(async () => ({ items: entities })),
    });
    const getHealth = jest.fn(async () => health);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [runtimeApiRef, { getHealth } as unknown as RuntimeApi],
          [catalogApiRef, catalogApi],
        ]}
      >
        <RuntimeVersionMatrixCard />
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    await waitFor(() => expect(matrix()).toBeInTheDocument());
    expect(catalogApi.getEntities).toHaveBeenCalledTimes(1);
    expect(getHealth).toHaveBeenCalledTimes(1);
    expect(within(matrix()).getAllByText('Drift')).toHaveLength(2);
  });
});
