import { screen, within } from '@testing-library/react';
import {
  deliveryReport,
  fetchedAt,
  never,
  renderEntityComponent,
  responseError,
} from '../../__testUtils__';
import { RuntimeDeliveryContent } from './RuntimeDeliveryContent';

describe('RuntimeDeliveryContent', () => {
  it('shows the joined timeline and the tables', async () => {
    await renderEntityComponent(<RuntimeDeliveryContent />, {
      getDelivery: async () => deliveryReport(),
    });
    const timeline = await screen.findByRole('region', {
      name: 'Delivery timeline',
    });
    const rows = within(timeline).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[1].textContent),
    ).toEqual([
      'pipeline',
      'commit',
      'deployment',
      'image',
      'pipeline',
      'commit',
      'deployment',
    ]);
    expect(
      within(timeline)
        .getByText('Commit a1b2c3d4 on main by alice')
        .closest('a'),
    ).toHaveAttribute(
      'href',
      'http://gitlab.test/team-a/semantic-search/-/commit/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    );

    const pipelines = screen.getByRole('region', { name: 'Pipelines' });
    expect(within(pipelines).getByText('#41').closest('a')).toHaveAttribute(
      'href',
      'http://gitlab.test/team-a/semantic-search/-/pipelines/41',
    );
    expect(within(pipelines).getByText('failed')).toBeInTheDocument();

    const images = screen.getByRole('region', { name: 'Images' });
    expect(within(images).getByText('a1b2c3d4, latest')).toBeInTheDocument();
    expect(within(images).getByText('7')).toBeInTheDocument();

    const dev = screen.getByRole('region', { name: 'Deployments in dev' });
    expect(within(dev).getByText('OutOfSync')).toBeInTheDocument();
    expect(within(dev).getByText('main')).toBeInTheDocument();
    expect(
      within(dev).getByText(/one or more objects failed to apply/),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderEntityComponent(<RuntimeDeliveryContent />, {
      getDelivery: never,
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows empty states', async () => {
    await renderEntityComponent(<RuntimeDeliveryContent />, {
      getDelivery: async () =>
        deliveryReport({
          deployments: [],
          pipelines: {
            status: 'ok',
            fetchedAt,
            data: { project: 'team-a/x', pipelines: [] },
          },
          images: {
            status: 'ok',
            fetchedAt,
            data: { repository: 'team-a/x', images: [] },
          },
        }),
    });
    expect(
      await screen.findByText('Nothing delivered yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('No pipelines')).toBeInTheDocument();
    expect(screen.getByText('No images')).toBeInTheDocument();
  });

  it('shows a whole-request error', async () => {
    const error = await responseError(401, 'missing credentials');
    await renderEntityComponent(<RuntimeDeliveryContent />, {
      getDelivery: async () => {
        throw error;
      },
    });
    expect(
      await screen.findByText(/Could not load delivery/),
    ).toBeInTheDocument();
  });

  it('explains missing upstreams per panel and keeps the rest', async () => {
    await renderEntityComponent(<RuntimeDeliveryContent />, {
      getDelivery: async () =>
        deliveryReport({
          images: {
            status: 'not-configured',
            message: 'The entity has no goharbor.io/repository-slug annotation',
            fetchedAt,
          },
          pipelines: {
            status: 'unavailable',
            message: 'GitLab answered 502',
            fetchedAt,
          },
        }),
    });
    expect(
      await screen.findByText(
        'The entity has no goharbor.io/repository-slug annotation',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('GitLab answered 502')).toBeInTheDocument();
    expect(
      screen.getByText(/The timeline leaves out pipelines, images/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Deployments in dev' }),
    ).toBeInTheDocument();
  });
});
