import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { RuntimeComponentStatusCard } from './RuntimeComponentStatusCard';
import { renderResourceCard } from './__testUtils__/testHelpers';

const component = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'kubeai', namespace: 'default', annotations },
  spec: { type: 'runtime-component', owner: 'platform' },
});

describe('RuntimeComponentStatusCard', () => {
  it('shows each environment from the annotations, without calling the backend', async () => {
    const { urls } = await renderResourceCard(
      <RuntimeComponentStatusCard />,
      component({
        'runtime-portal.io/installed.dev': 'true',
        'runtime-portal.io/ready.dev': 'true',
        'runtime-portal.io/version.dev': '0.21.0',
        'runtime-portal.io/replicas.dev': '2/2',
        'runtime-portal.io/namespace.dev': 'kubeai',
        'runtime-portal.io/installed.staging': 'true',
        'runtime-portal.io/ready.staging': 'false',
        'runtime-portal.io/replicas.staging': '0/1',
        'runtime-portal.io/installed.prod': 'false',
        'runtime-portal.io/installed.edge': 'unknown',
      }),
      () => {
        throw new Error('no call expected');
      },
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    const [dev, staging, prod, edge] = rows;
    expect(within(dev).getByText('dev')).toBeInTheDocument();
    expect(within(dev).getByText('Ready')).toBeInTheDocument();
    expect(within(dev).getByText('0.21.0')).toBeInTheDocument();
    expect(within(dev).getByText('2/2')).toBeInTheDocument();
    expect(within(dev).getByText('kubeai')).toBeInTheDocument();
    expect(within(staging).getByText('Not ready')).toBeInTheDocument();
    expect(within(staging).getByText('0/1')).toBeInTheDocument();
    expect(within(prod).getByText('Not installed')).toBeInTheDocument();
    expect(within(edge).getByText('Unknown')).toBeInTheDocument();
    expect(urls).toEqual([]);
  });

  it('highlights the version that differs from the other environments', async () => {
    const installed = (env: string, version: string) => ({
      [`runtime-portal.io/installed.${env}`]: 'true',
      [`runtime-portal.io/ready.${env}`]: 'true',
      [`runtime-portal.io/version.${env}`]: version,
    });
    await renderResourceCard(
      <RuntimeComponentStatusCard />,
      component({
        ...installed('dev', '0.14.0'),
        ...installed('staging', '0.14.0'),
        ...installed('prod', '0.13.0'),
      }),
      () => {
        throw new Error('no call expected');
      },
    );
    const [dev, staging, prod] = screen.getAllByRole('row').slice(1);
    expect(within(prod).getByText('Drift').closest('[title]')).toHaveAttribute(
      'title',
      'Differs from dev 0.14.0, staging 0.14.0',
    );
    expect(within(dev).queryByText('Drift')).toBeNull();
    expect(within(staging).queryByText('Drift')).toBeNull();
    expect(
      screen.getByText(/versions differ between environments/),
    ).toBeInTheDocument();
  });

  it('highlights nothing when every environment runs the same version', async () => {
    await renderResourceCard(
      <RuntimeComponentStatusCard />,
      component({
        'runtime-portal.io/installed.dev': 'true',
        'runtime-portal.io/version.dev': '1.2.3',
        'runtime-portal.io/installed.prod': 'true',
        'runtime-portal.io/version.prod': '1.2.3',
        'runtime-portal.io/installed.edge': 'false',
      }),
      () => {
        throw new Error('no call expected');
      },
    );
    expect(screen.getAllByText('1.2.3')).toHaveLength(2);
    expect(screen.queryByText('Drift')).toBeNull();
  });

  it('says so when no environment has reported yet', async () => {
    await renderResourceCard(
      <RuntimeComponentStatusCard />,
      component({}),
      () => {
        throw new Error('no call expected');
      },
    );
    expect(
      screen.getByText(/No environment has reported this component yet/),
    ).toBeInTheDocument();
  });
});
