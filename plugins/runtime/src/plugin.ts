import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import type { JSX } from 'react';
import type { RuntimeObservabilityCardProps } from './components/RuntimeObservabilityCard';
import type { RuntimeDeliveryCardProps } from './components/RuntimeDeliveryCard';
import type { RuntimeResourcesTableCardProps } from './components/hostedResources';
import type { RuntimeVersionMatrixCardProps } from './components/platformView';
import { runtimeApiRef, RuntimeClient } from './api';
import { RuntimeEnvironmentPicker } from './scaffolder/RuntimeEnvironmentPicker';
import {
  approvalRouteRef,
  approvalsRouteRef,
  createFromTemplateRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The Runtime Portal frontend plugin.
 *
 * @public
 */
export const runtimePlugin = createPlugin({
  id: 'runtime',
  apis: [
    createApiFactory({
      api: runtimeApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new RuntimeClient(deps),
    }),
  ],
  routes: {
    root: rootRouteRef,
    approvals: approvalsRouteRef,
    approval: approvalRouteRef,
  },
  externalRoutes: {
    /** The scaffolder's template page: bind to `scaffolderPlugin.routes.selectedTemplate`. */
    createFromTemplate: createFromTemplateRouteRef,
  },
});

/**
 * The Runtime page (lazy-loaded): capability areas, components and environments; with its approval
 * requests under `approvals` and `approvals/:id`.
 *
 * @public
 */
export const RuntimePage: () => JSX.Element = runtimePlugin.provide(
  createRoutableExtension({
    name: 'RuntimePage',
    component: () =>
      import('./components/RuntimeRoutes').then(m => m.RuntimeRoutes),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity overview card: health, golden signals with sparklines and firing alerts per environment.
 *
 * @public
 */
export const RuntimeObservabilityCard: (
  props: RuntimeObservabilityCardProps,
) => JSX.Element = runtimePlugin.provide(
  createComponentExtension({
    name: 'RuntimeObservabilityCard',
    component: {
      lazy: () =>
        import('./components/RuntimeObservabilityCard').then(
          m => m.RuntimeObservabilityCard,
        ),
    },
  }),
);

/**
 * Entity "Observability" tab: metric charts, alerts, error logs, traces and dashboards.
 *
 * @public
 */
export const RuntimeObservabilityContent: () => JSX.Element =
  runtimePlugin.provide(
    createComponentExtension({
      name: 'RuntimeObservabilityContent',
      component: {
        lazy: () =>
          import('./components/RuntimeObservabilityContent').then(
            m => m.RuntimeObservabilityContent,
          ),
      },
    }),
  );

/**
 * Entity overview card: deployments per environment, last pipeline and newest image with its risk.
 *
 * @public
 */
export const RuntimeDeliveryCard: (
  props: RuntimeDeliveryCardProps,
) => JSX.Element = runtimePlugin.provide(
  createComponentExtension({
    name: 'RuntimeDeliveryCard',
    component: {
      lazy: () =>
        import('./components/RuntimeDeliveryCard').then(
          m => m.RuntimeDeliveryCard,
        ),
    },
  }),
);

/**
 * Entity "Delivery" tab: a timeline of commits, pipelines, images and deployments, with tables.
 *
 * @public
 */
export const RuntimeDeliveryContent: () => JSX.Element = runtimePlugin.provide(
  createComponentExtension({
    name: 'RuntimeDeliveryContent',
    component: {
      lazy: () =>
        import('./components/RuntimeDeliveryContent').then(
          m => m.RuntimeDeliveryContent,
        ),
    },
  }),
);

/**
 * Entity card of a live runtime Resource (inference endpoint, bucket, secret, workflow), by its type.
 *
 * @public
 */
export const RuntimeResourceCard: () => JSX.Element | null =
  runtimePlugin.provide(
    createComponentExtension({
      name: 'RuntimeResourceCard',
      component: {
        lazy: () =>
          import('./components/resources').then(m => m.RuntimeResourceCard),
      },
    }),
  );

/**
 * Entity card of a runtime Component: installed, version, ready and replicas per environment.
 *
 * @public
 */
export const RuntimeComponentStatusCard: () => JSX.Element =
  runtimePlugin.provide(
    createComponentExtension({
      name: 'RuntimeComponentStatusCard',
      component: {
        lazy: () =>
          import('./components/resources').then(
            m => m.RuntimeComponentStatusCard,
          ),
      },
    }),
  );

/**
 * Entity card: the Resources of the entity as a paged table filtered by type, team and environment
 * (on a runtime component those it hosts, on a service those it uses), with their count; built on the
 * catalog's paged queries, so it stays light with thousands of Resources.
 *
 * @public
 */
export const RuntimeResourcesTableCard: (
  props: RuntimeResourcesTableCardProps,
) => JSX.Element = runtimePlugin.provide(
  createComponentExtension({
    name: 'RuntimeResourcesTableCard',
    component: {
      lazy: () =>
        import('./components/hostedResources').then(
          m => m.RuntimeResourcesTableCard,
        ),
    },
  }),
);

/**
 * Card of the firing alerts of every runtime component across all environments, each linking to its
 * component (the Runtime page shows it; place it on a home page, say). An environment whose
 * Alertmanager is down says so on its own line.
 *
 * @public
 */
export const RuntimeComponentAlertsCard: () => JSX.Element =
  runtimePlugin.provide(
    createComponentExtension({
      name: 'RuntimeComponentAlertsCard',
      component: {
        lazy: () =>
          import('./components/platformView').then(
            m => m.RuntimeComponentAlertsCard,
          ),
      },
    }),
  );

/**
 * Card of the runtime components' installed versions across environments (components × environments),
 * versions that differ between environments highlighted; from the catalog's installation annotations.
 *
 * @public
 */
export const RuntimeVersionMatrixCard: (
  props: RuntimeVersionMatrixCardProps,
) => JSX.Element = runtimePlugin.provide(
  createComponentExtension({
    name: 'RuntimeVersionMatrixCard',
    component: {
      lazy: () =>
        import('./components/platformView').then(
          m => m.RuntimeVersionMatrixCard,
        ),
    },
  }),
);

/**
 * Template form field `RuntimeEnvironmentPicker`: one of the configured Runtime environments. Add it
 * to the app's `ScaffolderFieldExtensions`.
 *
 * @public
 */
export const RuntimeEnvironmentPickerFieldExtension = runtimePlugin.provide(
  createScaffolderFieldExtension({
    name: 'RuntimeEnvironmentPicker',
    component: RuntimeEnvironmentPicker,
  }),
);
