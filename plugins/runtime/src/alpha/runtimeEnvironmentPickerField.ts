import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { RuntimeEnvironmentPicker } from '../scaffolder/RuntimeEnvironmentPicker';

/** `ui:field: RuntimeEnvironmentPicker`: one of the Runtime environments the portal is configured for. */
export const runtimeEnvironmentPickerField = createFormField({
  name: 'RuntimeEnvironmentPicker',
  component: RuntimeEnvironmentPicker,
});
