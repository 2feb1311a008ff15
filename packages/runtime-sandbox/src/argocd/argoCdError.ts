import { NextFunction, Request, Response } from 'express';

/** gRPC codes Argo CD's API server answers with, and the HTTP status grpc-gateway gives each. */
const HTTP_STATUS: Record<number, number> = {
  2: 500, // Unknown
  3: 400, // InvalidArgument
  5: 404, // NotFound
  7: 403, // PermissionDenied
  9: 400, // FailedPrecondition
  12: 501, // Unimplemented
  16: 401, // Unauthenticated
};

/**
 * A failed Argo CD API call, answered as Argo CD's grpc-gateway does: the code's HTTP status and
 * `{"error": message, "code": code, "message": message}`.
 */
export class ArgoCdApiError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = 'ArgoCdApiError';
  }

  /** The HTTP status of the code. */
  get httpStatus(): number {
    return HTTP_STATUS[this.code] ?? 500;
  }

  /** `applications.argoproj.io "<name>" not found` (code 5). */
  static applicationNotFound(name: string): ArgoCdApiError {
    return new ArgoCdApiError(
      5,
      `applications.argoproj.io "${name}" not found`,
    );
  }

  /** `permission denied` (code 7): no access, or (without a project) no such application. */
  static permissionDenied(): ArgoCdApiError {
    return new ArgoCdApiError(7, 'permission denied');
  }

  /** `Not Implemented` (code 12): a call the sandbox does not carry out. */
  static notImplemented(): ArgoCdApiError {
    return new ArgoCdApiError(12, 'Not Implemented');
  }

  /** `no session information` (code 16), for a missing or unusable token. */
  static noSession(): ArgoCdApiError {
    return new ArgoCdApiError(16, 'no session information');
  }
}

/** Express error handler answering {@link ArgoCdApiError}s in Argo CD's error shape. */
export function answerArgoCdError(
  error: unknown,
  _req: Request,
  res: Response,
  _next: NextFunction,
) {
  let apiError = new ArgoCdApiError(2, 'internal error');
  if (error instanceof ArgoCdApiError) {
    apiError = error;
  } else if ((error as { type?: string })?.type === 'entity.parse.failed') {
    apiError = new ArgoCdApiError(3, 'unexpected end of JSON input');
  }
  res.status(apiError.httpStatus).json({
    error: apiError.message,
    code: apiError.code,
    message: apiError.message,
  });
}
