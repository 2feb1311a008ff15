import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  fetchedAt,
  never,
  observabilityReport,
  okEnvironment,
  renderEntityComponent,
  responseError,
} from '../../__testUtils__';
import { RuntimeObservabilityContent } from './RuntimeObservabilityContent';

describe('RuntimeObservabilityContent', () => {
  it('shows charts, alerts, logs, traces and dashboards of the environment', async () => {
    await renderEntityComponent(<RuntimeObservabilityContent />, {
      getObservability: async () => observabilityReport(),
    });
    expect(
      await screen.findByRole('img', { name: 'Request rate chart' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Latency chart' }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('12.3 req/s').length).toBeGreaterThan(0);
    expect(screen.getByText('HighErrorRate')).toBeInTheDocument();
    // The log lines scroll in a named region that a keyboard can reach.
    const logs = screen.getByRole('region', { name: 'Error log lines' });
    expect(logs).toHaveAttribute('tabindex', '0');
    expect(
      within(logs).getByText('level=error msg="index shard timeout"'),
    ).toBeInTheDocument();
    expect(screen.getByText('2026-11-25 11:58:00 UTC')).toBeInTheDocument();
    expect(screen.getByText('4bf92f3577b34da6').closest('a')).toHaveAttribute(
      'href',
      'http://grafana.test/explore?trace=4bf92f3577b34da6a3ce929d0e0e4736',
    );
    expect(screen.getByText('00f067aa0ba902b7').closest('a')).toBeNull();
    expect(screen.getByText('1.83 s')).toBeInTheDocument();
    const dashboard = screen.getByText('Service RED').closest('a');
    expect(dashboard).toHaveAttribute('href', 'http://grafana.test/d/svc-red');
    expect(dashboard).toHaveAttribute('target', '_blank');
    expect(screen.getByText('Services')).toBeInTheDocument();
    expect(screen.getByText('red')).toBeInTheDocument();
    // a single environment needs no picker
    expect(
      screen.queryByRole('group', { name: 'Environment' }),
    ).not.toBeInTheDocument();
  });

  it('refetches for another time range and switches environments', async () => {
    const getObservability = jest.fn(async () =>
      observabilityReport([
        okEnvironment('dev'),
        okEnvironment('prod', {
          health: 'degraded',
          logs: { status: 'ok', fetchedAt, data: [] },
        }),
      ]),
    );
    await renderEntityComponent(<RuntimeObservabilityContent />, {
      getObservability,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Last 6h' }));
    await waitFor(() =>
      expect(getObservability).toHaveBeenLastCalledWith(
        expect.objectContaining({ name: 'semantic-search' }),
        '6h',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'prod' }));
    expect(await screen.findByText('degraded')).toBeInTheDocument();
    expect(
      screen.getByText('No error log lines in the last 6h'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderEntityComponent(<RuntimeObservabilityContent />, {
      getObservability: never,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows an empty state without environments', async () => {
    await renderEntityComponent(<RuntimeObservabilityContent />, {
      getObservability: async () => observabilityReport([]),
    });
    expect(await screen.findByText('No observability')).toBeInTheDocument();
  });

  it('shows a warning when the entity is unknown (404)', async () => {
    const error = await responseError(404, 'entity not found');
    await renderEntityComponent(<RuntimeObservabilityContent />, {
      getObservability: async () => {
        throw error;
      },
    });
    expect(
      await screen.findByText(/No observability for this entity/),
    ).toBeInTheDocument();
  });

  it('says per panel which upstream is not configured or unavailable', async () => {
    await renderEntityComponent(<RuntimeObservabilityContent />, {
      getObservability: async () =>
        observabilityReport([
          okEnvironment('dev', {
            logs: {
              status: 'not-configured',
              message: 'Loki is not configured for dev',
              fetchedAt,
            },
            traces: {
              status: 'unavailable',
              message: 'Tempo of dev answered 503',
              fetchedAt,
            },
            dashboards: { status: 'ok', fetchedAt, data: [] },
          }),
        ]),
    });
    expect(
      await screen.findByText('Loki is not configured for dev'),
    ).toBeInTheDocument();
    expect(screen.getByText('Tempo of dev answered 503')).toBeInTheDocument();
    expect(
      screen.getByText('No dashboards match this entity'),
    ).toBeInTheDocument();
    expect(screen.getByText('HighErrorRate')).toBeInTheDocument();
  });

  it('shows a card per signal a backend module added, with its data or why not', async () => {
    await renderEntityComponent(<RuntimeObservabilityContent />, {
      getObservability: async () =>
        observabilityReport([
          okEnvironment('dev', {
            extraSignals: {
              'slo-budget': {
                title: 'SLO budget',
                status: 'ok',
                fetchedAt,
                data: { objective: '99.9%', remainingRatio: 0.42 },
              },
              cost: {
                title: 'Cost',
                status: 'unavailable',
                message: 'Cost did not answer within 5000 ms',
                fetchedAt,
              },
              'owners-on-call': {
                title: 'On call',
                status: 'ok',
                fetchedAt,
                data: ['alice', 'bob'],
              },
            },
          }),
        ]),
    });
    const slo = (await screen.findByText('SLO budget')).closest(
      '.MuiCard-root',
    ) as HTMLElement;
    expect(within(slo).getByText('Remaining Ratio')).toBeInTheDocument();
    expect(within(slo).getByText('0.42')).toBeInTheDocument();
    expect(within(slo).getByText('99.9%')).toBeInTheDocument();
    expect(
      screen.getByText('Cost did not answer within 5000 ms'),
    ).toBeInTheDocument();
    const onCall = screen
      .getByText('On call')
      .closest('.MuiCard-root') as HTMLElement;
    expect(within(onCall).getByText('alice')).toBeInTheDocument();
    expect(within(onCall).getByText('bob')).toBeInTheDocument();
    // the built-in panels are still there
    expect(screen.getByText('HighErrorRate')).toBeInTheDocument();
  });

  describe('with a measured layout', () => {
    // jsdom has no layout: give every element a size and ResizeObserver a stand-in, so that
    // recharts' ResponsiveContainer measures 480×170 and draws the charts.
    const originalResizeObserver = global.ResizeObserver;
    beforeEach(() => {
      jest
        .spyOn(HTMLElement.prototype, 'clientWidth', 'get')
        .mockReturnValue(480);
      jest
        .spyOn(HTMLElement.prototype, 'clientHeight', 'get')
        .mockReturnValue(170);
      global.ResizeObserver = class {
        observe() {}
        unobserve() {}
        disconnect() {}
      };
    });
    afterEach(() => {
      jest.restoreAllMocks();
      global.ResizeObserver = originalResizeObserver;
    });

    it('draws the latency percentiles as the lines of one chart, each in the legend', async () => {
      await renderEntityComponent(<RuntimeObservabilityContent />, {
        getObservability: async () => observabilityReport(),
      });
      const latency = await screen.findByRole('img', {
        name: 'Latency chart',
      });
      expect(latency.querySelectorAll('.recharts-line')).toHaveLength(2);
      const legend = latency.querySelector(
        '.recharts-legend-wrapper',
      ) as HTMLElement;
      expect(within(legend).getByText('p50')).toBeInTheDocument();
      expect(within(legend).getByText('p95')).toBeInTheDocument();
      expect(screen.getByText('p50 80 ms · p95 245 ms')).toBeInTheDocument();
      const requests = screen.getByRole('img', { name: 'Request rate chart' });
      expect(requests.querySelectorAll('.recharts-line')).toHaveLength(1);
      expect(
        screen.queryByRole('img', { name: 'Latency p95 chart' }),
      ).toBeNull();
    });
  });
});
