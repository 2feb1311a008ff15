import { screen } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { deliveryReport, renderEntityComponent } from '../../__testUtils__';
import { RuntimeDeliveryCard } from './RuntimeDeliveryCard';

// Its own file: permission answers are cached per page (as in the app), so a denying permission API
// needs a fresh module registry.
describe('RuntimeDeliveryCard without the delivery permissions', () => {
  it('hides the actions from users without their permission', async () => {
    await renderEntityComponent(
      <RuntimeDeliveryCard />,
      { getDelivery: async () => deliveryReport() },
      undefined,
      AuthorizeResult.DENY,
    );
    await screen.findByRole('region', { name: 'Deployments' });
    expect(screen.queryByRole('button', { name: 'Sync' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });
});
