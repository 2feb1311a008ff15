import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  isRuntimeDeliveryAvailable,
  isRuntimeObservabilityAvailable,
} from '../conditions';
import {
  isRuntimeComponent,
  isRuntimeResource,
} from '../components/resources/runtimeEntities';
import { hasResourcesTable } from '../components/hostedResources/hasResourcesTable';

/** Overview card: health, golden signals and firing alerts per environment. */
export const runtimeObservabilityCard = EntityCardBlueprint.make({
  name: 'observability',
  params: {
    filter: isRuntimeObservabilityAvailable,
    loader: () =>
      import('../components/RuntimeObservabilityCard').then(m => (
        <m.RuntimeObservabilityCard />
      )),
  },
});

/** Overview card: deployments per environment, last pipeline and newest image. */
export const runtimeDeliveryCard = EntityCardBlueprint.make({
  name: 'delivery',
  params: {
    filter: isRuntimeDeliveryAvailable,
    loader: () =>
      import('../components/RuntimeDeliveryCard').then(m => (
        <m.RuntimeDeliveryCard />
      )),
  },
});

/** Overview card of a live runtime Resource: the card of its type with its live details. */
export const runtimeResourceCard = EntityCardBlueprint.make({
  name: 'resource',
  params: {
    filter: isRuntimeResource,
    loader: () =>
      import('../components/resources').then(m => <m.RuntimeResourceCard />),
  },
});

/** Overview card of a runtime Component: its installation per environment. */
export const runtimeComponentStatusCard = EntityCardBlueprint.make({
  name: 'component-status',
  params: {
    filter: isRuntimeComponent,
    loader: () =>
      import('../components/resources').then(m => (
        <m.RuntimeComponentStatusCard />
      )),
  },
});

/** Overview card of a runtime Component or a service: its Resources as a paged, filterable table. */
export const runtimeResourcesTableCard = EntityCardBlueprint.make({
  name: 'resources-table',
  params: {
    filter: hasResourcesTable,
    loader: () =>
      import('../components/hostedResources').then(m => (
        <m.RuntimeResourcesTableCard />
      )),
  },
});
