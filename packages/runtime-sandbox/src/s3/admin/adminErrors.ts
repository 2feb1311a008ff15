import { S3Error } from '../s3Errors';

/**
 * The admin API error codes the sandbox answers with, with MinIO's status and description for each
 * (minio/minio RELEASE.2025-10-15T17-29-55Z `cmd/api-errors.go`, `cmd/admin-handler-utils.go`
 * `toAdminAPIErr`).
 */
const ADMIN_ERRORS = {
  AccessDenied: [403, 'Access Denied.'],
  InternalError: [500, 'We encountered an internal error, please try again.'],
  MalformedPolicy: [400, 'The policy must contain a valid version string'],
  MethodNotAllowed: [
    405,
    'The specified method is not allowed against this resource.',
  ],
  MissingContentLength: [
    411,
    'You must provide the Content-Length HTTP header.',
  ],
  NotImplemented: [
    501,
    'A header you provided implies functionality that is not implemented',
  ],
  PolicyInvalidName: [400, 'Policy name may not contain comma'],
  XMinioAdminConfigBadJSON: [
    400,
    'JSON configuration provided is of incorrect format',
  ],
  XMinioAdminInvalidAccessKey: [400, 'The access key is invalid.'],
  XMinioAdminInvalidArgument: [400, 'Invalid arguments specified.'],
  XMinioAdminInvalidRequest: [400, 'Invalid request'],
  XMinioAdminInvalidSecretKey: [400, 'The secret key is invalid.'],
  XMinioAdminNoSuchGroup: [404, 'The specified group does not exist.'],
  XMinioAdminNoSuchPolicy: [404, 'The canned policy does not exist.'],
  XMinioAdminNoSuchUser: [404, 'The specified user does not exist.'],
  XMinioIAMActionNotAllowed: [403, 'Specified IAM action is not allowed'],
  XMinioIAMPolicyInUse: [400, 'The policy cannot be removed, as it is in use'],
  XMinioInvalidIAMCredentials: [
    403,
    'Credential is not allowed to be same as admin access key',
  ],
  XMinioInvalidResource: [
    400,
    'Policy, user or group names are not allowed to begin or end with space characters',
  ],
  XMinioMalformedIAMPolicy: [400, 'The policy is malformed.'],
} as const satisfies Record<string, readonly [number, string]>;

/** An admin API error code the sandbox knows. */
export type AdminErrorCode = keyof typeof ADMIN_ERRORS;

/**
 * The internal errors MinIO's IAM code returns (`cmd/typed-errors.go`, `internal/auth`), which
 * `toAdminAPIErr` appends to the code's description: `"<description> (<cause>)"`.
 */
export const IAM_CAUSES = {
  noSuchUser: 'Specified user does not exist',
  noSuchPolicy: 'Specified canned policy does not exist',
  noSuchGroup: 'Specified group does not exist',
  invalidArgument: 'Invalid arguments specified',
  accessKeyLength: 'access key length should be between 3 and 20',
  reservedChars: "access key contains one of reserved characters '=' or ','",
  secretKeyLength: 'secret key length should be between 8 and 40',
  tooManyPolicies: 'Only a single policy may be specified here.',
} as const;

/**
 * An admin API error answer. Unlike S3 errors it is rendered as JSON:
 * `{"Code","Message","Resource","RequestId","HostId"}`.
 */
export class AdminError extends Error {
  readonly code: string;
  readonly status: number;

  /**
   * An admin error by code, or the same answer for an S3 error met on an admin route (signature,
   * payload). `options.cause` is appended as MinIO's `toAdminAPIErr` does; `options.message`
   * replaces the description (errors whose description is the cause itself).
   */
  constructor(
    code: AdminErrorCode | S3Error,
    options: { cause?: string; message?: string } = {},
  ) {
    const [status, description] =
      code instanceof S3Error
        ? [code.status, code.message]
        : ADMIN_ERRORS[code];
    super(
      options.message ??
        (options.cause ? `${description} (${options.cause})` : description),
    );
    this.code = code instanceof S3Error ? code.code : code;
    this.status = status;
  }
}

/** The JSON body of an admin error answer (MinIO's `APIErrorResponse`, as `writeErrorResponseJSON` writes it). */
export function renderAdminErrorJson(
  error: AdminError,
  resource: string,
  requestId: string,
  hostId: string,
): string {
  return JSON.stringify({
    Code: error.code,
    Message: error.message,
    Resource: resource,
    RequestId: requestId,
    HostId: hostId,
  });
}
