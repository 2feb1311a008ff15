import { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './s3Errors';
import { IamUser } from './admin/iamState';
import { S3Account, S3Bucket, S3State } from './s3State';
import { renderS3Xml } from './s3Xml';

/** An authenticated S3 request, routed path-style to a bucket and maybe a key. */
export interface S3Request {
  method: string;
  bucket: string;
  key?: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The verified payload. */
  body: Buffer;
  account: S3Account;
  /**
   * The IAM user that signed the request, acting within `account`: its policies decide what it may
   * do. Absent for an account's own credentials, which have full access.
   */
  user?: IamUser;
  state: S3State;
}

/** What an S3 operation answers. */
export interface S3Response {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A 200 answer with an S3 XML document. */
export function xmlResponse(
  root: string,
  content: Record<string, unknown>,
): S3Response {
  return {
    status: 200,
    headers: { 'content-type': 'application/xml' },
    body: renderS3Xml(root, content),
  };
}

/** An empty answer (200 or 204). */
export function emptyResponse(status: 200 | 204 = 200): S3Response {
  return { status };
}

/**
 * The bucket the request names, when the caller's account owns it: `NoSuchBucket` when it does not
 * exist and `AccessDenied` when another account owns it.
 */
export function ownBucket(request: S3Request): S3Bucket {
  const bucket = request.state.buckets.get(request.bucket);
  if (!bucket) throw new S3Error('NoSuchBucket', { bucket: request.bucket });
  if (bucket.ownerId !== request.account.id) {
    throw new S3Error('AccessDenied', { bucket: request.bucket });
  }
  return bucket;
}
