import { screen } from '@testing-library/react';
import {
  runtimePlugin,
  RuntimeDeliveryCard,
  RuntimeObservabilityContent,
} from './plugin';
import { runtimeApiRef } from './api';
import {
  deliveryReport,
  observabilityReport,
  renderEntityComponent,
} from './__testUtils__';

describe('runtimePlugin', () => {
  it('provides the runtime API', () => {
    const apis = [...runtimePlugin.getApis()];
    expect(apis.map(a => a.api.id)).toContain(runtimeApiRef.id);
  });

  it('loads the lazy delivery card extension on an entity page', async () => {
    await renderEntityComponent(<RuntimeDeliveryCard />, {
      getDelivery: async () => deliveryReport(),
    });
    expect(await screen.findByText('OutOfSync')).toBeInTheDocument();
  });

  it('loads the lazy observability content extension on an entity page', async () => {
    await renderEntityComponent(<RuntimeObservabilityContent />, {
      getObservability: async () => observabilityReport(),
    });
    expect(await screen.findByText('HighErrorRate')).toBeInTheDocument();
  });
});
