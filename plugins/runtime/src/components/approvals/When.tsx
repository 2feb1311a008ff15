import { formatRelativeTime, formatTimestamp } from '../shared';

/** A time as `5 min ago`, with the exact UTC time as its title. */
export function When(props: { iso: string }) {
  return (
    <span title={formatTimestamp(props.iso)}>
      {formatRelativeTime(props.iso)}
    </span>
  );
}
