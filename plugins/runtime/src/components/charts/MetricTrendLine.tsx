import { useTheme } from '@material-ui/core';
import { TrendLine } from '@backstage/core-components';

/**
 * A small trend line of a metric's recent values in an overview card (core-components'
 * `TrendLine`), scaled to the values' own range, or a dash when there are none.
 */
export function MetricTrendLine(props: {
  points: Array<[number, number]>;
  /** Accessible name, e.g. `Request rate trend`. */
  title: string;
}) {
  const theme = useTheme();
  const values = props.points.map(p => p[1]).filter(Number.isFinite);
  if (values.length === 0) {
    return (
      <span role="img" aria-label={`${props.title}: no data`}>
        –
      </span>
    );
  }
  return (
    <span role="img" aria-label={props.title}>
      <TrendLine
        data={values}
        title={props.title}
        min={Math.min(0, ...values)}
        max={Math.max(...values)}
        width={96}
        height={24}
        color={theme.palette.primary.main}
      />
    </span>
  );
}
