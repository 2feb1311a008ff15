import { toObjectStorageError } from './objectStorageErrors';

const context = {
  environment: 'dev',
  operation: 'list buckets',
  secretAccessKey: 's3cr3t-key',
};

describe('toObjectStorageError', () => {
  it('maps S3 error codes to reasons, keeping the status and code', () => {
    const error = toObjectStorageError(
      Object.assign(new Error('The bucket you tried to delete is not empty'), {
        name: 'BucketNotEmpty',
        $metadata: { httpStatusCode: 409 },
      }),
      context,
    );
    expect(error).toMatchObject({
      upstream: 'objectStorage',
      environment: 'dev',
      reason: 'Conflict',
      status: 409,
      detail: 'BucketNotEmpty: The bucket you tried to delete is not empty',
    });
  });

  it('maps network failures and cancellation', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    expect(toObjectStorageError(refused, context).reason).toBe('Unavailable');
    const timedOut = Object.assign(new Error('timed out'), {
      name: 'TimeoutError',
    });
    expect(toObjectStorageError(timedOut, context).reason).toBe('Timeout');
    const aborted = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(toObjectStorageError(aborted, context).reason).toBe('Aborted');
  });

  it('falls back to the HTTP status for codes it does not know', () => {
    const error = Object.assign(new Error('UnknownError'), {
      name: 'Unknown',
      $metadata: { httpStatusCode: 503 },
    });
    expect(toObjectStorageError(error, context)).toMatchObject({
      reason: 'Unavailable',
      status: 503,
    });
  });

  it('never repeats the secret key', () => {
    const error = toObjectStorageError(
      Object.assign(new Error('bad key s3cr3t-key'), {
        name: 'SignatureDoesNotMatch',
      }),
      context,
    );
    expect(error.reason).toBe('Unauthorized');
    expect(error.message).not.toContain('s3cr3t-key');
  });
});
