import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';

import { rootRouteRef } from './routes';

export const runtimePlugin = createPlugin({
  id: 'runtime',
  routes: {
    root: rootRouteRef,
  },
});

export const RuntimePage = runtimePlugin.provide(
  createRoutableExtension({
    name: 'RuntimePage',
    component: () =>
      import('./components/ExampleComponent').then(m => m.ExampleComponent),
    mountPoint: rootRouteRef,
  }),
);
