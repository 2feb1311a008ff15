import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  isRuntimeDeliveryAvailable,
  isRuntimeObservabilityAvailable,
} from '../conditions';

/** The entity "Observability" tab: metric charts, alerts, error logs, traces and dashboards. */
export const runtimeObservabilityContent = EntityContentBlueprint.make({
  name: 'observability',
  params: {
    path: 'observability',
    title: 'Observability',
    group: 'observability',
    filter: isRuntimeObservabilityAvailable,
    loader: () =>
      import('../components/RuntimeObservabilityContent').then(m => (
        <m.RuntimeObservabilityContent />
      )),
  },
});

/** The entity "Delivery" tab: commits, pipelines, images and deployments. */
export const runtimeDeliveryContent = EntityContentBlueprint.make({
  name: 'delivery',
  params: {
    path: 'delivery',
    title: 'Delivery',
    group: 'deployment',
    filter: isRuntimeDeliveryAvailable,
    loader: () =>
      import('../components/RuntimeDeliveryContent').then(m => (
        <m.RuntimeDeliveryContent />
      )),
  },
});
