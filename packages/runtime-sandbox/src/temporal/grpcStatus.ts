/** The gRPC status codes Temporal's HTTP API answers with. */
export const GrpcCode = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
} as const;

/** A gRPC status code the sandbox uses. */
export type GrpcCodeValue = (typeof GrpcCode)[keyof typeof GrpcCode];

/** The HTTP status grpc-gateway gives each gRPC code (`runtime.HTTPStatusFromCode`). */
const HTTP_STATUS: Record<GrpcCodeValue, number> = {
  3: 400,
  5: 404,
  6: 409,
  7: 403,
  12: 501,
  13: 500,
};

/** The `type.googleapis.com/temporal.api.errordetails.v1.*` detail of a Temporal service error. */
export interface GrpcStatusDetail {
  '@type': string;
  [field: string]: unknown;
}

/**
 * A failed Temporal call, answered as grpc-gateway answers it: the HTTP status for the gRPC code and
 * a `google.rpc.Status` body `{code, message, details}` (empty details left out, as Temporal's JSON
 * marshaler leaves out empty fields).
 */
export class TemporalApiError extends Error {
  readonly code: GrpcCodeValue;
  readonly details: GrpcStatusDetail[];

  constructor(
    code: GrpcCodeValue,
    message: string,
    details: GrpcStatusDetail[] = [],
  ) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** The HTTP status grpc-gateway answers with. */
  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }

  /** The JSON body grpc-gateway answers with. */
  toJSON() {
    return {
      code: this.code,
      message: this.message,
      ...(this.details.length > 0 ? { details: this.details } : {}),
    };
  }
}

/** `temporal.api.errordetails.v1.<name>` as a status detail. */
export function errorDetail(
  name: string,
  fields: Record<string, unknown> = {},
): GrpcStatusDetail {
  return {
    '@type': `type.googleapis.com/temporal.api.errordetails.v1.${name}`,
    ...fields,
  };
}
