import { useEffect, useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import useAsync from 'react-use/esm/useAsync';
import { runtimeApiRef } from '../../api';

/**
 * A template form field that picks one of the Runtime environments the portal is configured for
 * (from the runtime backend), so a template never hard-codes environment names.
 *
 * @public
 */
export const RuntimeEnvironmentPicker = (
  props: FieldExtensionComponentProps<string>,
) => {
  const {
    onChange,
    schema: { title = 'Environment', description },
    required,
    rawErrors,
    formData,
    idSchema,
  } = props;
  const runtimeApi = useApi(runtimeApiRef);
  const { value, loading, error } = useAsync(
    () => runtimeApi.getHealth(),
    [runtimeApi],
  );
  const environments = useMemo(() => value?.environments ?? [], [value]);

  // With a single environment there is nothing to choose: take it.
  useEffect(() => {
    if (!formData && environments.length === 1) {
      onChange(environments[0].name);
    }
  }, [formData, environments, onChange]);

  const labelId = `${idSchema?.$id ?? 'runtime-environment'}-label`;
  let helper = description;
  if (error)
    helper = `Could not load the Runtime environments: ${error.message}`;
  else if (!loading && environments.length === 0) {
    helper = 'No Runtime environment is configured (runtime.environments)';
  }
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
    >
      <InputLabel id={labelId}>{title}</InputLabel>
      <Select
        labelId={labelId}
        value={formData ?? ''}
        disabled={loading || environments.length === 0}
        onChange={event => onChange(String(event.target.value))}
      >
        {environments.map(environment => (
          <MenuItem key={environment.name} value={environment.name}>
            {environment.title === environment.name
              ? environment.name
              : `${environment.title} (${environment.name})`}
          </MenuItem>
        ))}
      </Select>
      {helper && <FormHelperText>{helper}</FormHelperText>}
    </FormControl>
  );
};
