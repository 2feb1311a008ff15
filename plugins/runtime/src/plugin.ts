import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { runtimeApiRef, RuntimeClient } from './api';
import { rootRouteRef } from './routes';

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
  },
});

/**
 * The Runtime page (lazy-loaded): capability areas, components and environments.
 *
 * @public
 */
export const RuntimePage = runtimePlugin.provide(
  createRoutableExtension({
    name: 'RuntimePage',
    component: () =>
      import('./components/RuntimePage').then(m => m.RuntimePage),
    mountPoint: rootRouteRef,
  }),
);
