import { S3Error } from '../s3Errors';

/**
 * The admin API error codes the sandbox answers with, with MinIO's status and message for each
 * (minio/minio `cmd/admin-handlers*.go`, `cmd/api-errors.go`).
 */
const ADMIN_ERRORS = {
  AccessDenied: [403, 'Access Denied.'],
  InternalError: [500, 'We encountered an internal error, please try again.'],
  InvalidArgument: [400, 'Invalid argument'],
  MalformedPolicy: [400, 'Policy has invalid resource.'],
  MethodNotAllowed: [
    405,
    'The specified method is not allowed against this resource.',
  ],
  NotImplemented: [
    501,
    'A header you provided implies functionality that is not implemented',
  ],
  XMinioAdminConfigBadJSON: [
    400,
    'JSON configuration provided is of incorrect format',
  ],
  XMinioAdminInvalidAccessKey: [
    400,
    'The access key is invalid: it must be 3 to 20 characters and not contain "=" or ",".',
  ],
  XMinioAdminInvalidSecretKey: [
    400,
    'The secret key is invalid: it must be 8 to 40 characters.',
  ],
  XMinioAdminNoSuchPolicy: [404, 'The canned policy does not exist.'],
  XMinioAdminNoSuchUser: [404, 'The specified user does not exist.'],
  XMinioInvalidIAMCredentials: [
    403,
    'User is not allowed to be same as admin access key',
  ],
} as const satisfies Record<string, readonly [number, string]>;

/** An admin API error code the sandbox knows. */
export type AdminErrorCode = keyof typeof ADMIN_ERRORS;

/**
 * An admin API error answer. Unlike S3 errors it is rendered as JSON:
 * `{"Code","Message","Resource","RequestId","HostId"}`.
 */
export class AdminError extends Error {
  readonly code: string;
  readonly status: number;

  /** An admin error by code, or the same answer for an S3 error met on an admin route (signature, payload). */
  constructor(code: AdminErrorCode | S3Error, message?: string) {
    const [status, defaultMessage] =
      code instanceof S3Error
        ? [code.status, code.message]
        : ADMIN_ERRORS[code];
    super(message ?? defaultMessage);
    this.code = code instanceof S3Error ? code.code : code;
    this.status = status;
  }
}

/** The JSON body of an admin error answer. */
export function renderAdminErrorJson(
  error: AdminError,
  resource: string,
  requestId: string,
): string {
  return JSON.stringify({
    Code: error.code,
    Message: error.message,
    Resource: resource,
    RequestId: requestId,
    HostId: '',
  });
}
