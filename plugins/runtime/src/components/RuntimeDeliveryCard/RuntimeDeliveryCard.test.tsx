import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  RuntimeDeliveryReport,
  RuntimePipeline,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  deliveryReport,
  fetchedAt,
  never,
  renderEntityComponent,
  responseError,
} from '../../__testUtils__';
import { RuntimeDeliveryCard } from './RuntimeDeliveryCard';

const toneOf = (element: HTMLElement) =>
  element.closest('[data-tone]')?.getAttribute('data-tone');

describe('RuntimeDeliveryCard', () => {
  it('marks OutOfSync/Degraded, a failed pipeline and critical findings red', async () => {
    await renderEntityComponent(<RuntimeDeliveryCard />, {
      getDelivery: async () => deliveryReport(),
    });
    const deployments = await screen.findByRole('region', {
      name: 'Deployments',
    });
    expect(within(deployments).getByText('dev')).toBeInTheDocument();
    expect(within(deployments).getByText('a1b2c3d4')).toBeInTheDocument();
    expect(toneOf(within(deployments).getByText('OutOfSync'))).toBe('error');
    expect(toneOf(within(deployments).getByText('Degraded'))).toBe('error');
    expect(toneOf(within(deployments).getByText('Sync Failed'))).toBe('error');

    const pipeline = screen.getByRole('region', { name: 'Last pipeline' });
    // the newest pipeline is on a feature branch; the card shows main's
    expect(
      within(pipeline).getByText('#40 on main').closest('a'),
    ).toHaveAttribute(
      'href',
      'http://gitlab.test/team-a/semantic-search/-/pipelines/40',
    );
    expect(toneOf(within(pipeline).getByText('failed'))).toBe('error');
    expect(within(pipeline).getByText('3m 05s')).toBeInTheDocument();
    expect(within(pipeline).getByText('by alice')).toBeInTheDocument();

    const image = screen.getByRole('region', { name: 'Newest image' });
    expect(
      within(image).getByText('team-a/semantic-search:a1b2c3d4'),
    ).toBeInTheDocument();
    expect(toneOf(within(image).getByText('2 critical, 5 high'))).toBe('error');

    expect(screen.getByText('View details').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/semantic-search/delivery',
    );
  });

  it('syncs an out-of-sync application and retries a failed pipeline, then reloads', async () => {
    const syncDeployment = jest.fn(async () => ({ phase: 'Running' }));
    const retryPipeline = jest.fn(async () => ({ status: 'running' }));
    const getDelivery = jest.fn(async () => deliveryReport());
    await renderEntityComponent(<RuntimeDeliveryCard />, {
      getDelivery,
      syncDeployment,
      retryPipeline,
    });
    const deployments = await screen.findByRole('region', {
      name: 'Deployments',
    });
    fireEvent.click(within(deployments).getByRole('button', { name: 'Sync' }));
    await waitFor(() => expect(getDelivery).toHaveBeenCalledTimes(2));
    expect(syncDeployment).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'semantic-search' },
      { environment: 'dev', application: expect.any(String) },
    );
    const pipeline = await screen.findByRole('region', {
      name: 'Last pipeline',
    });
    fireEvent.click(within(pipeline).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(getDelivery).toHaveBeenCalledTimes(3));
    expect(retryPipeline).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'semantic-search' }),
      40,
    );
  });

  describe('under a failed pipeline', () => {
    /** The default report, its failed main pipeline (#40) changed by `change`. */
    const withFailedPipeline = (
      change: Partial<RuntimePipeline>,
    ): RuntimeDeliveryReport => {
      const report = deliveryReport();
      const pipelines = report.pipelines.data!.pipelines;
      report.pipelines.data!.pipelines = pipelines.map(p =>
        p.id === 40 ? { ...p, ...change } : p,
      );
      return report;
    };

    it('names the failed jobs, each linked to GitLab', async () => {
      await renderEntityComponent(<RuntimeDeliveryCard />, {
        getDelivery: async () =>
          withFailedPipeline({
            failedJobs: [
              {
                id: 902,
                name: 'build',
                stage: 'build',
                failureReason: 'script_failure',
                webUrl: 'http://gitlab.test/team-a/semantic-search/-/jobs/902',
              },
              {
                id: 901,
                name: 'e2e',
                stage: 'test',
                webUrl: 'http://gitlab.test/team-a/semantic-search/-/jobs/901',
              },
            ],
          }),
      });
      const pipeline = await screen.findByRole('region', {
        name: 'Last pipeline',
      });
      const jobs = within(pipeline).getByRole('list', { name: 'Failed jobs' });
      const items = within(jobs).getAllByRole('listitem');
      expect(items).toHaveLength(2);
      // (Backstage's Link adds "Opens in a new window" for screen readers.)
      expect(items[0]).toHaveTextContent(/^build.* in build: script failure$/);
      expect(items[1]).toHaveTextContent(/^e2e.* in test$/);
      expect(within(items[0]).getByRole('link')).toHaveAttribute(
        'href',
        'http://gitlab.test/team-a/semantic-search/-/jobs/902',
      );
      expect(within(items[1]).getByRole('link')).toHaveAttribute(
        'href',
        'http://gitlab.test/team-a/semantic-search/-/jobs/901',
      );
    });

    it('says why the failed jobs are missing', async () => {
      await renderEntityComponent(<RuntimeDeliveryCard />, {
        getDelivery: async () =>
          withFailedPipeline({
            failedJobsMessage:
              'The failed jobs could not be read: gitlab [dev] list jobs of pipeline 40 failed',
          }),
      });
      const pipeline = await screen.findByRole('region', {
        name: 'Last pipeline',
      });
      expect(
        within(pipeline).getByText(/The failed jobs could not be read/),
      ).toBeInTheDocument();
      expect(
        within(pipeline).queryByRole('list', { name: 'Failed jobs' }),
      ).not.toBeInTheDocument();
      // The pipeline itself still shows.
      expect(within(pipeline).getByText('#40 on main')).toBeInTheDocument();
    });

    it('lists nothing when the pipeline names no failed job', async () => {
      await renderEntityComponent(<RuntimeDeliveryCard />, {
        getDelivery: async () => deliveryReport(),
      });
      const pipeline = await screen.findByRole('region', {
        name: 'Last pipeline',
      });
      expect(within(pipeline).getByText('failed')).toBeInTheDocument();
      expect(
        within(pipeline).queryByRole('list', { name: 'Failed jobs' }),
      ).not.toBeInTheDocument();
    });
  });

  it('shows progress while loading', async () => {
    await renderEntityComponent(<RuntimeDeliveryCard />, {
      getDelivery: never,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('says what is empty', async () => {
    await renderEntityComponent(<RuntimeDeliveryCard />, {
      getDelivery: async () =>
        deliveryReport({
          deployments: [],
          pipelines: {
            status: 'ok',
            fetchedAt,
            data: { project: 'team-a/x', defaultBranch: 'main', pipelines: [] },
          },
          images: {
            status: 'ok',
            fetchedAt,
            data: { repository: 'team-a/x', images: [] },
          },
        }),
    });
    expect(
      await screen.findByText(/No environment deploys this entity/),
    ).toBeInTheDocument();
    expect(screen.getByText('No pipeline on main')).toBeInTheDocument();
    expect(screen.getByText('No image in team-a/x')).toBeInTheDocument();
  });

  it('shows a whole-request error', async () => {
    const error = await responseError(403, 'forbidden');
    await renderEntityComponent(<RuntimeDeliveryCard />, {
      getDelivery: async () => {
        throw error;
      },
    });
    expect(
      await screen.findByText(/Could not load delivery/),
    ).toBeInTheDocument();
  });

  it('degrades one section when its upstream is not configured or unavailable', async () => {
    const report = deliveryReport({
      pipelines: {
        status: 'not-configured',
        message: 'GitLab is not configured',
        fetchedAt,
      },
      images: {
        status: 'unavailable',
        message: 'Harbor answered 503',
        fetchedAt,
      },
    });
    report.deployments.push({
      environment: 'prod',
      status: 'unavailable',
      message: 'Argo CD of prod timed out',
      fetchedAt,
    });
    await renderEntityComponent(<RuntimeDeliveryCard />, {
      getDelivery: async () => report,
    });
    expect(
      await screen.findByText('GitLab is not configured'),
    ).toBeInTheDocument();
    expect(screen.getByText('Harbor answered 503')).toBeInTheDocument();
    expect(screen.getByText('Argo CD of prod timed out')).toBeInTheDocument();
    expect(screen.getByText('OutOfSync')).toBeInTheDocument();
  });
});
