import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import LayersIcon from '@material-ui/icons/Layers';
import { rootRouteRef } from '../routes';
import { runtimeApi } from './apis';
import {
  runtimeComponentStatusCard,
  runtimeDeliveryCard,
  runtimeObservabilityCard,
  runtimeResourceCard,
} from './entityCards';
import {
  runtimeDeliveryContent,
  runtimeObservabilityContent,
} from './entityContents';
import { runtimePage } from './pages';
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
  routes: { root: rootRouteRef },
  extensions: [
    runtimeApi,
    runtimePage,
    runtimeObservabilityCard,
    runtimeDeliveryCard,
    runtimeResourceCard,
    runtimeComponentStatusCard,
    runtimeObservabilityContent,
    runtimeDeliveryContent,
    runtimeEnvironmentPickerFormField,
  ],
});
