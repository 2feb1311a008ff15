import { createDevApp } from '@backstage/dev-utils';
import { runtimePlugin, RuntimePage } from '../src/plugin';

createDevApp()
  .registerPlugin(runtimePlugin)
  .addPage({
    element: <RuntimePage />,
    title: 'Runtime',
    path: '/runtime',
  })
  .render();
