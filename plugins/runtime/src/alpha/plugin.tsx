import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import LayersIcon from '@material-ui/icons/Layers';
import {
  approvalRouteRef,
  approvalsRouteRef,
  createFromTemplateRouteRef,
  rootRouteRef,
} from '../routes';
import { runtimeApi } from './apis';
import {
  runtimeComponentStatusCard,
  runtimeDeliveryCard,
  runtimeObservabilityCard,
  runtimeResourceCard,
  runtimeResourcesTableCard,
} from './entityCards';
import {
  runtimeDeliveryContent,
  runtimeObservabilityContent,
} from './entityContents';
import { runtimeApprovalsHeaderAction, runtimePage } from './pages';
import { runtimeEnvironmentPickerFormField } from './formFields';

/**
 * The Runtime Portal frontend plugin for the new frontend system.
 *
 * @alpha
 */
export const runtimeFrontendPlugin = createFrontendPlugin({
  pluginId: 'runtime',
  title: 'Runtime',
  icon: <LayersIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
    approvals: approvalsRouteRef,
    approval: approvalRouteRef,
  },
  externalRoutes: { createFromTemplate: createFromTemplateRouteRef },
  extensions: [
    runtimeApi,
    runtimePage,
    runtimeApprovalsHeaderAction,
    runtimeObservabilityCard,
    runtimeDeliveryCard,
    runtimeResourceCard,
    runtimeComponentStatusCard,
    runtimeResourcesTableCard,
    runtimeObservabilityContent,
    runtimeDeliveryContent,
    runtimeEnvironmentPickerFormField,
  ],
});
