import { createHash } from 'node:crypto';
import { S3Error } from './s3Errors';
import { S3Object } from './s3State';
import {
  S3Request,
  S3Response,
  emptyResponse,
  ownBucket,
  xmlResponse,
} from './s3Request';

/** PutObject (`PUT /{bucket}/{key}`): stores the payload with its content type and user metadata. */
export function putObject(request: S3Request): S3Response {
  const bucket = ownBucket(request);
  const key = request.key!;
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') {
      metadata[name.slice('x-amz-meta-'.length)] = value;
    }
  }
  const object: S3Object = {
    key,
    body: request.body,
    etag: `"${createHash('md5').update(request.body).digest('hex')}"`,
    contentType: String(
      request.headers['content-type'] ?? 'binary/octet-stream',
    ),
    metadata,
    lastModified: new Date(),
  };
  bucket.objects.set(key, object);
  return { status: 200, headers: { etag: object.etag } };
}

/** GetObject, or HeadObject when `withBody` is false. */
export function getObject(request: S3Request, withBody = true): S3Response {
  const bucket = ownBucket(request);
  const object = bucket.objects.get(request.key!);
  if (!object)
    throw new S3Error('NoSuchKey', { bucket: bucket.name, key: request.key });
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    'content-length': String(object.body.length),
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
  };
  for (const [name, value] of Object.entries(object.metadata)) {
    headers[`x-amz-meta-${name}`] = value;
  }
  return { status: 200, headers, body: withBody ? object.body : undefined };
}

/** DeleteObject: 204 whether or not the key existed. */
export function deleteObject(request: S3Request): S3Response {
  ownBucket(request).objects.delete(request.key!);
  return emptyResponse(204);
}

/**
 * ListObjectsV2 (`GET /{bucket}?list-type=2`): keys in UTF-8 binary order, with `prefix`,
 * `delimiter` (common prefixes count towards `max-keys`), `start-after`, `max-keys` (at most 1000)
 * and an opaque `continuation-token`.
 */
export function listObjectsV2(request: S3Request): S3Response {
  const bucket = ownBucket(request);
  const query = request.query;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const startAfter = query.get('start-after') ?? '';
  const maxKeys = parseMaxKeys(query.get('max-keys'));
  const token = query.get('continuation-token');
  const position = token !== null ? decodeToken(token) : { after: startAfter };

  const contents: S3Object[] = [];
  const commonPrefixes: string[] = [];
  let last: { after: string; skipPrefix?: string } | undefined;
  let isTruncated = false;
  const keys = [...bucket.objects.keys()].sort(compareUtf8);
  for (const key of keys) {
    if (!key.startsWith(prefix) || compareUtf8(key, position.after) <= 0)
      continue;
    if (position.skipPrefix && key.startsWith(position.skipPrefix)) continue;
    if (last?.skipPrefix && key.startsWith(last.skipPrefix)) continue;
    if (contents.length + commonPrefixes.length >= maxKeys) {
      isTruncated = true;
      break;
    }
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (cut >= 0) {
      const commonPrefix = key.slice(0, cut + delimiter.length);
      commonPrefixes.push(commonPrefix);
      last = { after: key, skipPrefix: commonPrefix };
    } else {
      contents.push(bucket.objects.get(key)!);
      last = { after: key };
    }
  }

  const encode =
    query.get('encoding-type') === 'url' ? encodeKey : (value: string) => value;
  return xmlResponse('ListBucketResult', {
    Name: bucket.name,
    Prefix: encode(prefix),
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    MaxKeys: maxKeys,
    KeyCount: contents.length + commonPrefixes.length,
    IsTruncated: isTruncated,
    ...(query.get('encoding-type') === 'url' ? { EncodingType: 'url' } : {}),
    ...(token !== null ? { ContinuationToken: token } : {}),
    ...(isTruncated && last
      ? { NextContinuationToken: encodeToken(last) }
      : {}),
    ...(startAfter ? { StartAfter: encode(startAfter) } : {}),
    Contents: contents.map(object => ({
      Key: encode(object.key),
      LastModified: object.lastModified.toISOString(),
      ETag: object.etag,
      Size: object.body.length,
      StorageClass: 'STANDARD',
    })),
    CommonPrefixes: commonPrefixes.map(value => ({ Prefix: encode(value) })),
  });
}

function parseMaxKeys(value: string | null): number {
  if (value === null) return 1000;
  if (!/^[0-9]+$/.test(value) || Number(value) > 2147483647) {
    throw new S3Error('InvalidArgument', {
      message: 'Argument maxKeys must be an integer between 0 and 2147483647',
    });
  }
  return Math.min(Number(value), 1000);
}

function encodeToken(position: { after: string; skipPrefix?: string }): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64');
}

function decodeToken(token: string): { after: string; skipPrefix?: string } {
  try {
    const position = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (typeof position?.after === 'string') return position;
  } catch {
    // fall through
  }
  throw new S3Error('InvalidArgument', {
    message: 'The continuation token provided is incorrect',
  });
}

/** S3 orders keys by their UTF-8 bytes. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** `encoding-type=url`: keys URL-encoded, `/` kept. */
function encodeKey(value: string): string {
  return encodeURIComponent(value).replace(/%2F/g, '/');
}
