import {
  RuntimeUpstreamError,
  RuntimeUpstreamErrorReason,
  reasonForStatus,
} from '../errors';

/** Reasons for the S3 error codes the portal meets (the code is the SDK error's `name`). */
const REASON_BY_S3_CODE: Record<string, RuntimeUpstreamErrorReason> = {
  InvalidAccessKeyId: 'Unauthorized',
  SignatureDoesNotMatch: 'Unauthorized',
  ExpiredToken: 'Unauthorized',
  InvalidToken: 'Unauthorized',
  RequestTimeTooSkewed: 'Unauthorized',
  AccessDenied: 'Forbidden',
  AllAccessDisabled: 'Forbidden',
  Forbidden: 'Forbidden',
  NoSuchBucket: 'NotFound',
  NoSuchKey: 'NotFound',
  NotFound: 'NotFound',
  NoSuchLifecycleConfiguration: 'NotFound',
  NoSuchTagSet: 'NotFound',
  NoSuchBucketPolicy: 'NotFound',
  BucketAlreadyExists: 'AlreadyExists',
  BucketAlreadyOwnedByYou: 'AlreadyExists',
  BucketNotEmpty: 'Conflict',
  OperationAborted: 'Conflict',
  InvalidBucketName: 'Invalid',
  InvalidArgument: 'Invalid',
  InvalidRequest: 'Invalid',
  InvalidTag: 'Invalid',
  MalformedXML: 'Invalid',
  MalformedPolicy: 'Invalid',
  MissingContentMD5: 'Invalid',
  RequestTimeout: 'Timeout',
  TimeoutError: 'Timeout',
  SlowDown: 'Unavailable',
  ServiceUnavailable: 'Unavailable',
  InternalError: 'Unavailable',
};

/** Network failures that mean the endpoint could not be reached. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EPIPE',
]);

/** The S3 error code of an SDK error, if it is one. */
export function s3ErrorCode(error: unknown): string | undefined {
  return (error as { name?: string } | undefined)?.name;
}

/**
 * Turns whatever the S3 SDK threw into a {@link RuntimeUpstreamError} of the `objectStorage`
 * upstream, with a reason from the S3 error code, and the secret key scrubbed from the detail.
 */
export function toObjectStorageError(
  error: unknown,
  context: { environment: string; operation: string; secretAccessKey: string },
): RuntimeUpstreamError {
  if (error instanceof RuntimeUpstreamError) return error;
  const e = (error ?? {}) as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const status = e.$metadata?.httpStatusCode;
  let reason: RuntimeUpstreamErrorReason;
  if (e.name === 'AbortError') reason = 'Aborted';
  else if (e.name && REASON_BY_S3_CODE[e.name])
    reason = REASON_BY_S3_CODE[e.name];
  else if (e.code === 'ETIMEDOUT') reason = 'Timeout';
  else if (e.code && UNREACHABLE_CODES.has(e.code)) reason = 'Unavailable';
  else if (status) reason = reasonForStatus(status);
  else reason = 'Unknown';

  const code = e.name && e.name !== 'Error' ? e.name : e.code;
  const message =
    e.message && e.message !== 'UnknownError' ? e.message : undefined;
  const detail = [code, message].filter(Boolean).join(': ');
  return new RuntimeUpstreamError({
    upstream: 'objectStorage',
    environment: context.environment,
    operation: context.operation,
    reason,
    status,
    detail: scrub(detail, context.secretAccessKey) || undefined,
    cause: error,
  });
}

function scrub(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}
