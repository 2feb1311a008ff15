/**
 * A failed request as OpenBao reports it: an HTTP status and the `{"errors": [...]}` body.
 * Handlers throw it; the request handler turns it into the response.
 */
export class OpenBaoApiError extends Error {
  readonly status: number;
  readonly errors: string[];

  constructor(status: number, errors: string[] = []) {
    super(errors.join('; ') || `HTTP ${status}`);
    this.status = status;
    this.errors = errors;
  }
}

/** The single error OpenBao reports for a missing, unknown, expired or revoked token. */
export const PERMISSION_DENIED = 'permission denied';

/**
 * How OpenBao words an ACL denial: the core wraps it in a go-multierror, so the body reads
 * `1 error occurred:\n\t* permission denied\n\n` (see `vault/request_handling.go`).
 */
export const ACL_PERMISSION_DENIED =
  '1 error occurred:\n\t* permission denied\n\n';

/** A 400 with OpenBao's error text, as `logical.ErrorResponse` produces it. */
export function badRequest(message: string): OpenBaoApiError {
  return new OpenBaoApiError(400, [message]);
}
