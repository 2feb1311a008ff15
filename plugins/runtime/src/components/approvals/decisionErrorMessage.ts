import { ResponseError } from '@backstage/errors';

/** The title and detail of a failed decision: why the backend refused it (403, 409) or that it failed. */
export function decisionErrorMessage(error: Error): {
  title: string;
  detail: string;
} {
  const status = error instanceof ResponseError ? error.statusCode : undefined;
  const detail =
    (error instanceof ResponseError && error.body?.error?.message) ||
    error.message;
  if (status === 403) {
    return { title: 'You may not decide this request', detail };
  }
  if (status === 409) {
    return {
      title: 'This request was already decided or has expired',
      detail,
    };
  }
  return { title: 'The decision failed', detail };
}
