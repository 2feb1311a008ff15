import { NextFunction, Request, Response } from 'express';

/**
 * A failed GitLab REST call, answered with GitLab's JSON body: `{"message": ...}` for most failures
 * (`404 Project Not Found`, `401 Unauthorized`, validation errors keyed by attribute) and
 * `{"error": ...}` for a parameter the API refuses.
 */
export class GitLabApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { message: unknown } | { error: string },
  ) {
    super(JSON.stringify(body));
    this.name = 'GitLabApiError';
  }

  /** `404 <Resource> Not Found`, or GitLab's bare `404 Not found`. */
  static notFound(resource?: string): GitLabApiError {
    return new GitLabApiError(404, {
      message: resource ? `404 ${resource} Not Found` : '404 Not found',
    });
  }

  /** 400 for a parameter that is missing or has the wrong form. */
  static badParameter(error: string): GitLabApiError {
    return new GitLabApiError(400, { error });
  }

  /** `401 Unauthorized`. */
  static unauthorized(): GitLabApiError {
    return new GitLabApiError(401, { message: '401 Unauthorized' });
  }
}

/** Express error handler answering {@link GitLabApiError}s (and anything else as a 500). */
export function answerGitLabError(
  error: unknown,
  _req: Request,
  res: Response,
  _next: NextFunction,
) {
  if (error instanceof GitLabApiError) {
    res.status(error.status).json(error.body);
    return;
  }
  if ((error as { type?: string })?.type === 'entity.parse.failed') {
    res
      .status(400)
      .json({ error: 'The provided content-type is not supported.' });
    return;
  }
  res.status(500).json({ message: '500 Internal Server Error' });
}
