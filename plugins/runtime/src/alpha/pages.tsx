import { Page } from '@backstage/core-components';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import LayersIcon from '@material-ui/icons/Layers';
import { rootRouteRef } from '../routes';

/**
 * The Runtime page at `/runtime`; its title and icon also give it its item in the app's navigation
 * (frontend-plugin-api 1.0 builds the nav from pages and has no NavItemBlueprint). The app draws the
 * page's header from that title, so the page renders only its content (in `Page`, the `main` landmark).
 */
export const runtimePage = PageBlueprint.make({
  params: {
    path: '/runtime',
    routeRef: rootRouteRef,
    title: 'Runtime',
    icon: <LayersIcon fontSize="inherit" />,
    loader: () =>
      import('../components/RuntimePage').then(({ RuntimePageContent }) => (
        <Page themeId="tool">
          <RuntimePageContent />
        </Page>
      )),
  },
});
