import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { RuntimePage } from './RuntimePage';
import { RuntimeApi, runtimeApiRef } from '../../api';

const renderWith = (api: Pick<RuntimeApi, 'getHealth'>) =>
  renderInTestApp(
    <TestApiProvider apis={[[runtimeApiRef, api as RuntimeApi]]}>
      <RuntimePage />
    </TestApiProvider>,
  );

describe('RuntimePage', () => {
  it('shows the seven capability areas with their components and the environments', async () => {
    await renderWith({
      getHealth: async () => ({
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
        ],
      }),
    });
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
    expect(screen.getByText('KubeAI')).toBeInTheDocument();
    expect(await screen.findByText('OpenBao: Forbidden')).toBeInTheDocument();
    expect(screen.getByText('Kubernetes')).toBeInTheDocument();
    expect(screen.getByText(/Development/)).toBeInTheDocument();
  });

  it('says so when no environment is configured', async () => {
    await renderWith({
      getHealth: async () => ({ status: 'ok', environments: [] }),
    });
    expect(
      await screen.findByText(/No Runtime environment is configured/),
    ).toBeInTheDocument();
  });

  it('says so when the backend does not answer', async () => {
    await renderWith({
      getHealth: async () => {
        throw new Error('503 Service Unavailable');
      },
    });
    expect(
      await screen.findByText(/The runtime backend did not answer/),
    ).toBeInTheDocument();
  });
});
