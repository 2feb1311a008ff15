import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { isRuntimeUpstreamError } from '@runtime-portal/backstage-plugin-runtime-node';

/**
 * Runs `fn`; an upstream's failure becomes a ServiceUnavailableError (503) naming it, and a NotFound
 * from the upstream a NotFoundError (404). Other errors pass as they are.
 */
export async function upstreamErrorsAsUnavailable<T>(
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isRuntimeUpstreamError(error, 'NotFound')) {
      throw new NotFoundError(error.message);
    }
    if (isRuntimeUpstreamError(error)) {
      throw new ServiceUnavailableError(error.message);
    }
    throw error;
  }
}
