import { useTheme } from '@material-ui/core';
import { extent, toPolyline } from './scale';

const PADDING = { top: 8, right: 12, bottom: 22, left: 64 };

/**
 * A dependency-free SVG line chart with y-axis labels (min, middle, max) and x-axis labels (start,
 * end); it scales to its container's width.
 */
export function LineChart(props: {
  points: Array<[number, number]>;
  /** Accessible name of the chart. */
  title: string;
  formatValue: (value: number) => string;
  formatTime: (unixSeconds: number, spanSeconds: number) => string;
  width?: number;
  height?: number;
  color?: string;
}) {
  const theme = useTheme();
  const width = props.width ?? 480;
  const height = props.height ?? 160;
  const finite = props.points.filter(
    p => Number.isFinite(p[0]) && Number.isFinite(p[1]),
  );
  const innerBottom = height - PADDING.bottom;
  const axisColor = theme.palette.text.secondary;
  const fontSize = 11;

  if (finite.length === 0) {
    return (
      <svg
        role="img"
        aria-label={`${props.title}: no data`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
      >
        <text
          x={width / 2}
          y={height / 2}
          textAnchor="middle"
          fill={axisColor}
          fontSize={fontSize}
        >
          No data in this range
        </text>
      </svg>
    );
  }

  const { minX, maxX, minY, maxY } = extent(finite);
  const ticks = [maxY, (minY + maxY) / 2, minY];
  const yOf = (v: number) =>
    PADDING.top +
    (innerBottom - PADDING.top) * (1 - (v - minY) / (maxY - minY));
  const span = maxX - minX;

  return (
    <svg
      role="img"
      aria-label={props.title}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
    >
      <title>{props.title}</title>
      {ticks.map(tick => (
        <g key={tick}>
          <line
            x1={PADDING.left}
            x2={width - PADDING.right}
            y1={yOf(tick)}
            y2={yOf(tick)}
            stroke={theme.palette.divider}
          />
          <text
            x={PADDING.left - 6}
            y={yOf(tick) + fontSize / 3}
            textAnchor="end"
            fill={axisColor}
            fontSize={fontSize}
          >
            {props.formatValue(tick)}
          </text>
        </g>
      ))}
      <text
        x={PADDING.left}
        y={height - 6}
        textAnchor="start"
        fill={axisColor}
        fontSize={fontSize}
      >
        {props.formatTime(minX, span)}
      </text>
      <text
        x={width - PADDING.right}
        y={height - 6}
        textAnchor="end"
        fill={axisColor}
        fontSize={fontSize}
      >
        {props.formatTime(maxX, span)}
      </text>
      <polyline
        points={toPolyline(finite, { width, height, padding: PADDING })}
        fill="none"
        stroke={props.color ?? theme.palette.primary.main}
        strokeWidth={1.5}
        strokeLinejoin="round"
      />
    </svg>
  );
}
