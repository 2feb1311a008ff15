import { screen } from '@testing-library/react';
import { RUNTIME_ANNOTATIONS } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeSecretCard } from './RuntimeSecretCard';
import { secretDetails } from './__testUtils__/fixtures';
import {
  jsonResponse,
  renderResourceCard,
  resourceEntity,
} from './__testUtils__/testHelpers';

function expiring(expiresAt: string) {
  const entity = resourceEntity('secret');
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        [RUNTIME_ANNOTATIONS.expiresAt]: expiresAt,
      },
    },
  };
}

describe('ResourceDetailsCard: expiry', () => {
  it('says when the resource expires, in UTC', async () => {
    await renderResourceCard(
      <RuntimeSecretCard />,
      expiring('2027-01-15T08:30:00Z'),
      () => jsonResponse(200, secretDetails),
    );
    expect(
      await screen.findByText('Live in dev · expires 2027-01-15 08:30 UTC'),
    ).toBeInTheDocument();
  });

  it('says nothing of an expiry for a resource without one, or with an unreadable one', async () => {
    for (const entity of [resourceEntity('secret'), expiring('soon')]) {
      const { unmount } = await renderResourceCard(
        <RuntimeSecretCard />,
        entity,
        () => jsonResponse(200, secretDetails),
      );
      expect(await screen.findByText('Live in dev')).toBeInTheDocument();
      expect(screen.queryByText(/expires/)).toBeNull();
      unmount();
    }
  });
});
