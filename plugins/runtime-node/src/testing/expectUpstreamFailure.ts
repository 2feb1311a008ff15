import { RuntimeUpstreamError } from '../errors';

/**
 * Waits for a client call that should fail and returns its {@link RuntimeUpstreamError}, to assert
 * on. Fails the test when the call succeeds or fails with anything else.
 */
export async function expectUpstreamFailure(
  promise: Promise<unknown>,
): Promise<RuntimeUpstreamError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RuntimeUpstreamError);
    return error as RuntimeUpstreamError;
  }
  throw new Error('expected the call to fail');
}
