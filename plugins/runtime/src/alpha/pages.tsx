import {
  PageBlueprint,
  PluginHeaderActionBlueprint,
} from '@backstage/frontend-plugin-api';
import LayersIcon from '@material-ui/icons/Layers';
import { rootRouteRef } from '../routes';

/**
 * The Runtime page at `/runtime`, with its approval requests at `/runtime/approvals` and
 * `/runtime/approvals/:id`; its title and icon also give it its item in the app's navigation
 * (frontend-plugin-api 1.0 builds the nav from pages and has no NavItemBlueprint). The app draws the
 * page's header from that title, so the pages render only their content (in `Page`, the `main`
 * landmark).
 */
export const runtimePage = PageBlueprint.make({
  params: {
    path: '/runtime',
    routeRef: rootRouteRef,
    title: 'Runtime',
    icon: <LayersIcon fontSize="inherit" />,
    loader: () =>
      import('../components/RuntimeRoutes').then(({ RuntimeRoutes }) => (
        <RuntimeRoutes header={false} />
      )),
  },
});

/** The "Approvals" link in the header of the plugin's pages. */
export const runtimeApprovalsHeaderAction = PluginHeaderActionBlueprint.make({
  name: 'approvals',
  params: {
    loader: () =>
      import('../components/approvals').then(({ ApprovalsHeaderLink }) => (
        <ApprovalsHeaderLink />
      )),
  },
});
