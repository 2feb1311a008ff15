import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * The `RuntimeEnvironmentPicker` template form field for the new frontend system's scaffolder
 * (loaded when a template first shows it).
 */
export const runtimeEnvironmentPickerFormField = FormFieldBlueprint.make({
  name: 'runtime-environment-picker',
  params: {
    field: () =>
      import('./runtimeEnvironmentPickerField').then(
        m => m.runtimeEnvironmentPickerField,
      ),
  },
});
