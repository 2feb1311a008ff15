import { useTheme } from '@material-ui/core';
import { toPolyline } from './scale';

/** A tiny dependency-free inline SVG trend line for a metric's recent values. */
export function Sparkline(props: {
  points: Array<[number, number]>;
  /** Accessible name, e.g. `Request rate trend`. */
  title: string;
  width?: number;
  height?: number;
  color?: string;
}) {
  const theme = useTheme();
  const width = props.width ?? 96;
  const height = props.height ?? 24;
  const line = toPolyline(props.points, { width, height });
  return (
    <svg
      role="img"
      aria-label={props.title}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <title>{props.title}</title>
      {line ? (
        <polyline
          points={line}
          fill="none"
          stroke={props.color ?? theme.palette.primary.main}
          strokeWidth={1.5}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      ) : (
        <line
          x1={0}
          y1={height / 2}
          x2={width}
          y2={height / 2}
          stroke={theme.palette.divider}
          strokeDasharray="2 3"
        />
      )}
    </svg>
  );
}
