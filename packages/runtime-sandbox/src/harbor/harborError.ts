import { NextFunction, Request, Response } from 'express';

/** A failed Harbor API call, answered with Harbor's `{"errors":[{"code","message"}]}` body. */
export class HarborApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'HarborApiError';
  }

  /** 401 `UNAUTHORIZED`. */
  static unauthorized(): HarborApiError {
    return new HarborApiError(401, 'UNAUTHORIZED', 'unauthorized');
  }

  /** 403 `FORBIDDEN` (`errors.ForbiddenError(nil)`: the message is `forbidden`). */
  static forbidden(): HarborApiError {
    return new HarborApiError(403, 'FORBIDDEN', 'forbidden');
  }

  /** 404 `NOT_FOUND`. */
  static notFound(message: string): HarborApiError {
    return new HarborApiError(404, 'NOT_FOUND', message);
  }

  /** 422 for a query parameter outside the API's swagger bounds, as go-swagger validation answers. */
  static validation(message: string): HarborApiError {
    return new HarborApiError(
      422,
      'UNPROCESSABLE_ENTITY',
      `validation failure list:\n${message}`,
    );
  }

  /** 400 `BAD_REQUEST`. */
  static badRequest(message: string): HarborApiError {
    return new HarborApiError(400, 'BAD_REQUEST', message);
  }
}

/** Express error handler answering {@link HarborApiError}s in Harbor's error shape. */
export function answerHarborError(
  error: unknown,
  _req: Request,
  res: Response,
  _next: NextFunction,
) {
  const apiError =
    error instanceof HarborApiError
      ? error
      : new HarborApiError(
          500,
          'INTERNAL_SERVER_ERROR',
          'internal server error',
        );
  if (apiError.status === 401) {
    res.set('www-authenticate', 'Basic realm="harbor"');
  }
  res
    .status(apiError.status)
    .json({ errors: [{ code: apiError.code, message: apiError.message }] });
}
