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

  const access = {
    service: 'transcriber',
    accessKey: 'bucket-0123456789abc',
    policyName: 'runtime-bucket-transcripts',
    credentialsPath: 'transcriber/buckets/transcripts',
  };

  it("shows the service's MinIO user, where its keys are and its policy on demand", async () => {
    await renderResourceCard(
      <RuntimeBucketCard />,
      resourceEntity('bucket'),
      () =>
        jsonResponse(200, {
          ...bucketDetails,
          access: {
            ...access,
            userStatus: 'enabled',
            policy: '{ "Statement": [{ "Action": ["s3:PutObject"] }] }',
          },
        }),
    );
    expect(await screen.findByText('bucket-0123456789abc')).toBeInTheDocument();
    expect(
      screen.getByText('transcriber/buckets/transcripts'),
    ).toBeInTheDocument();
    const summary = screen.getByRole('button', {
      name: /MinIO policy of the service's user/,
    });
    await userEvent.click(summary);
    expect(screen.getAllByText(/s3:PutObject/).length).toBeGreaterThan(0);
  });

  it('says when the service has no MinIO user, or why it could not be read', async () => {
    const { unmount } = await renderResourceCard(
      <RuntimeBucketCard />,
      resourceEntity('bucket'),
      () =>
        jsonResponse(200, {
          ...bucketDetails,
          access: { ...access, userStatus: 'missing' },
        }),
    );
    expect(
      await screen.findByText(/No MinIO user of transcriber for this bucket/),
    ).toBeInTheDocument();
    unmount();

    await renderResourceCard(
      <RuntimeBucketCard />,
      resourceEntity('bucket'),
      () =>
        jsonResponse(200, {
          ...bucketDetails,
          access: {
            ...access,
            userStatus: 'unknown',
            message: 'objectStorage [dev] read user failed, Forbidden',
          },
        }),
    );
    expect(
      await screen.findByText(
        'Could not read the MinIO user: objectStorage [dev] read user failed, Forbidden',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Enabled')).toBeInTheDocument();
  });
});
