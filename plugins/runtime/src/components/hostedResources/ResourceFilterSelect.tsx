import TextField from '@material-ui/core/TextField';
import { FacetOption } from './useResourceFacets';

/** Props of {@link ResourceFilterSelect}. */
export interface ResourceFilterSelectProps {
  id: string;
  label: string;
  options: FacetOption[];
  /** The chosen value; empty for all. */
  value: string;
  onChange(value: string): void;
  /** How an option's value is shown (the value itself when not given). */
  format?: (value: string) => string;
  disabled?: boolean;
}

/** One filter of the resources table: a native select of the values with their counts, or "All". */
export function ResourceFilterSelect(props: ResourceFilterSelectProps) {
  const { id, label, options, value, onChange, format, disabled } = props;
  return (
    <TextField
      id={id}
      select
      label={label}
      value={value}
      onChange={event => onChange(event.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      size="small"
      variant="outlined"
      disabled={disabled}
    >
      <option value="">All</option>
      {options.map(option => (
        <option key={option.value} value={option.value}>
          {`${
            format ? format(option.value) : option.value
          } (${option.count.toLocaleString('en-US')})`}
        </option>
      ))}
    </TextField>
  );
}
