import { screen, within } from '@testing-library/react';
import {
  inferenceSeries,
  never,
  observabilityReport,
  okEnvironment,
  renderEntityComponent,
  responseError,
  fetchedAt,
} from '../../__testUtils__';
import { RuntimeObservabilityCard } from './RuntimeObservabilityCard';

describe('RuntimeObservabilityCard', () => {
  it('shows health, golden signals with sparklines and firing alerts per environment', async () => {
    const getObservability = jest.fn(async () =>
      observabilityReport([
        okEnvironment('dev'),
        okEnvironment('prod', {
          health: 'degraded',
          alerts: { status: 'ok', fetchedAt, data: [] },
        }),
      ]),
    );
    await renderEntityComponent(<RuntimeObservabilityCard />, {
      getObservability,
    });

    const dev = await screen.findByRole('region', { name: 'Environment dev' });
    expect(within(dev).getByText('healthy')).toBeInTheDocument();
    expect(within(dev).getByText('12.3 req/s')).toBeInTheDocument();
    expect(within(dev).getByText('1.25 %')).toBeInTheDocument();
    expect(within(dev).getByText('245 ms')).toBeInTheDocument();
    expect(
      within(dev).getByRole('img', { name: 'Request rate trend' }),
    ).toBeInTheDocument();
    // p50 is for the tab, not the card
    expect(within(dev).queryByText('Latency p50')).not.toBeInTheDocument();
    expect(within(dev).getByText('HighErrorRate')).toBeInTheDocument();
    expect(within(dev).getByText('critical')).toBeInTheDocument();
    expect(within(dev).getByText(/Error ratio above 5 %/)).toBeInTheDocument();
    expect(within(dev).getByText(/since 12 min ago/)).toBeInTheDocument();

    const prod = screen.getByRole('region', { name: 'Environment prod' });
    expect(
      within(prod).getByText('degraded').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'error');
    expect(within(prod).getByText('No firing alerts')).toBeInTheDocument();

    expect(getObservability).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'semantic-search' },
      '1h',
    );
    expect(screen.getByText('View details').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/semantic-search/observability',
    );
  });

  it('adds the vLLM signals for inference endpoints', async () => {
    const env = okEnvironment('dev');
    env.metrics.data = [...env.metrics.data!, ...inferenceSeries];
    await renderEntityComponent(<RuntimeObservabilityCard />, {
      getObservability: async () =>
        observabilityReport([env], 'inference-endpoint'),
    });
    expect(
      await screen.findByText('Time to first token p95'),
    ).toBeInTheDocument();
    expect(screen.getByText('420 ms')).toBeInTheDocument();
    expect(screen.getByText('85.2 tok/s')).toBeInTheDocument();
    expect(screen.getByText('Waiting requests')).toBeInTheDocument();
    expect(screen.getByText('63 %')).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderEntityComponent(<RuntimeObservabilityCard />, {
      getObservability: never,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says so when no environment reports', async () => {
    await renderEntityComponent(<RuntimeObservabilityCard />, {
      getObservability: async () => observabilityReport([]),
    });
    expect(
      await screen.findByText(/No Runtime environment reports observability/),
    ).toBeInTheDocument();
  });

  it('shows a whole-request error', async () => {
    const error = await responseError(403, 'not allowed to read the entity');
    await renderEntityComponent(<RuntimeObservabilityCard />, {
      getObservability: async () => {
        throw error;
      },
    });
    expect(
      await screen.findByText(/Could not load observability/),
    ).toBeInTheDocument();
  });

  it('degrades only the panel whose upstream is not configured or unavailable', async () => {
    await renderEntityComponent(<RuntimeObservabilityCard />, {
      getObservability: async () =>
        observabilityReport([
          okEnvironment('dev', {
            health: 'unknown',
            metrics: {
              status: 'unavailable',
              message: 'Prometheus of dev did not answer within 5s',
              fetchedAt,
            },
          }),
          okEnvironment('prod', {
            alerts: {
              status: 'not-configured',
              message: 'Alertmanager is not configured for prod',
              fetchedAt,
            },
          }),
        ]),
    });
    const dev = await screen.findByRole('region', { name: 'Environment dev' });
    expect(
      within(dev).getByText('Prometheus of dev did not answer within 5s'),
    ).toBeInTheDocument();
    expect(within(dev).getByText('HighErrorRate')).toBeInTheDocument();
    expect(within(dev).getByText('unknown')).toBeInTheDocument();

    const prod = screen.getByRole('region', { name: 'Environment prod' });
    expect(
      within(prod).getByText('Alertmanager is not configured for prod'),
    ).toBeInTheDocument();
    expect(within(prod).getByText('12.3 req/s')).toBeInTheDocument();
  });
});
