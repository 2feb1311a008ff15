/** The `errorType`s of Prometheus's HTTP API that the stand-in answers with. */
export type PrometheusErrorType =
  | 'bad_data'
  | 'execution'
  | 'timeout'
  | 'canceled'
  | 'internal'
  | 'unavailable'
  | 'not_found';

const STATUS_BY_TYPE: Record<PrometheusErrorType, number> = {
  bad_data: 400,
  execution: 422,
  canceled: 499,
  timeout: 503,
  internal: 500,
  unavailable: 503,
  not_found: 404,
};

/** An error answered as `{"status":"error","errorType":...,"error":...}` with Prometheus's status code. */
export class PrometheusApiError extends Error {
  readonly errorType: PrometheusErrorType;
  readonly status: number;

  constructor(errorType: PrometheusErrorType, message: string) {
    super(message);
    this.name = 'PrometheusApiError';
    this.errorType = errorType;
    this.status = STATUS_BY_TYPE[errorType];
  }
}

/** A query the PromQL grammar or type rules reject (400 `bad_data`). */
export function badData(message: string): PrometheusApiError {
  return new PrometheusApiError('bad_data', message);
}

/** A valid query that uses PromQL the sandbox does not evaluate (422 `execution`). */
export function unsupported(construct: string): PrometheusApiError {
  return new PrometheusApiError(
    'execution',
    `the sandbox Prometheus does not support ${construct}`,
  );
}
