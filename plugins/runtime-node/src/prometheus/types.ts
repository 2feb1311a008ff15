/**
 * Options of {@link PrometheusClient.query}.
 *
 * @public
 */
export interface PrometheusQueryOptions {
  /** Evaluation time; Prometheus's "now" when absent. */
  time?: Date;
  /** Cancels the call. */
  signal?: AbortSignal;
}

/**
 * Options of {@link PrometheusClient.queryRange}.
 *
 * @public
 */
export interface PrometheusRangeQueryOptions {
  start: Date;
  end: Date;
  /** Resolution step in seconds (at most 11,000 points per series). */
  stepSeconds: number;
  /** Cancels the call. */
  signal?: AbortSignal;
}

/**
 * A sample point: unix seconds and the value (`NaN` and `±Infinity` as such).
 *
 * @public
 */
export type PrometheusPoint = [timestamp: number, value: number];

/**
 * One series of an instant vector.
 *
 * @public
 */
export interface PrometheusInstantSample {
  metric: Record<string, string>;
  value: PrometheusPoint;
}

/**
 * One series of a range matrix.
 *
 * @public
 */
export interface PrometheusRangeSeries {
  metric: Record<string, string>;
  values: PrometheusPoint[];
}

/**
 * The result of an instant query, typed by Prometheus's `resultType`.
 *
 * @public
 */
export type PrometheusInstantResult =
  | { resultType: 'vector'; result: PrometheusInstantSample[] }
  | { resultType: 'scalar'; result: PrometheusPoint }
  | { resultType: 'string'; result: [timestamp: number, value: string] }
  | { resultType: 'matrix'; result: PrometheusRangeSeries[] };

/**
 * The result of a range query (always a matrix).
 *
 * @public
 */
export interface PrometheusRangeResult {
  resultType: 'matrix';
  result: PrometheusRangeSeries[];
  /** Warnings Prometheus sent with the answer. */
  warnings: string[];
}
