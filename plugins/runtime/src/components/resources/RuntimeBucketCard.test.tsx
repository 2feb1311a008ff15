import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RuntimeBucketCard } from './RuntimeBucketCard';
import { bucketDetails } from './__testUtils__/fixtures';
import {
  jsonResponse,
  renderResourceCard,
  resourceEntity,
} from './__testUtils__/testHelpers';

describe('RuntimeBucketCard', () => {
  it('shows endpoint, versioning, lifecycle, tags and the policy on demand', async () => {
    await renderResourceCard(
      <RuntimeBucketCard />,
      resourceEntity('bucket'),
      () => jsonResponse(200, bucketDetails),
    );
    expect(
      await screen.findByText('http://minio.minio.svc:9000'),
    ).toBeInTheDocument();
    expect(screen.getByText('Enabled')).toBeInTheDocument();
    expect(
      screen.getByText('Objects expire after 30 days'),
    ).toBeInTheDocument();
    expect(screen.getByText('owner=team-a')).toBeInTheDocument();
    expect(screen.getByText('service=transcriber')).toBeInTheDocument();

    const summary = screen.getByRole('button', { name: /Bucket policy/ });
    expect(summary).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(summary);
    expect(summary).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getAllByText(/s3:GetObject/).length).toBeGreaterThan(0);
  });

  it('says when there is no lifecycle rule and no policy', async () => {
    await renderResourceCard(
      <RuntimeBucketCard />,
      resourceEntity('bucket'),
      () =>
        jsonResponse(200, {
          ...bucketDetails,
          expirationDays: undefined,
          policy: undefined,
          tags: {},
        }),
    );
    expect(await screen.findByText('Objects never expire')).toBeInTheDocument();
    expect(screen.getByText(/No bucket policy/)).toBeInTheDocument();
    expect(screen.getByText('None')).toBeInTheDocument();
  });
});
