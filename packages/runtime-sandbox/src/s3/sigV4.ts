import { timingSafeEqual } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { S3Error } from './s3Errors';

/** The parts of a received request that its AWS Signature Version 4 covers. */
export interface SignedRequestParts {
  method: string;
  /** The path exactly as received (still URI-encoded). */
  rawPath: string;
  /** The query string exactly as received, without the `?`. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
}

/** How far a request's `x-amz-date` may be from the server's clock (S3 allows 15 minutes). */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const AUTHORIZATION_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request\s*,\s*SignedHeaders=([a-z0-9;-]+)\s*,\s*Signature=([0-9a-f]{64})$/;

/**
 * Verifies the request's `Authorization: AWS4-HMAC-SHA256 ...` header by recomputing the signature
 * from the method, path, query, signed headers and `x-amz-content-sha256`, with the secret of the
 * access key it names. Returns the access key; throws the S3 error a real server would answer with.
 */
export async function verifySigV4(
  request: SignedRequestParts,
  secretFor: (accessKeyId: string) => string | undefined,
  now: Date = new Date(),
): Promise<string> {
  const authorization = headerValue(request.headers, 'authorization');
  if (!authorization) throw new S3Error('AccessDenied');
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) {
    throw new S3Error('InvalidRequest', {
      message:
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    });
  }
  const match = AUTHORIZATION_PATTERN.exec(authorization.trim());
  if (!match) throw new S3Error('AuthorizationHeaderMalformed');
  const [
    ,
    accessKeyId,
    scopeDate,
    region,
    service,
    signedHeaderList,
    signature,
  ] = match;

  const secretAccessKey = secretFor(accessKeyId);
  if (secretAccessKey === undefined) throw new S3Error('InvalidAccessKeyId');

  const amzDate = headerValue(request.headers, 'x-amz-date');
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!signingDate) {
    throw new S3Error('AccessDenied', {
      message: 'AWS authentication requires a valid Date or x-amz-date header',
    });
  }
  if (service !== 's3' || scopeDate !== amzDate!.slice(0, 8)) {
    throw new S3Error('AuthorizationHeaderMalformed');
  }
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw new S3Error('RequestTimeTooSkewed');
  }

  const signedHeaders = signedHeaderList.split(';');
  for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
    if (!signedHeaders.includes(required)) throw new S3Error('AccessDenied');
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = headerValue(request.headers, name);
    if (value === undefined) throw new S3Error('AccessDenied');
    headers[name] = value;
  }

  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region,
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host,
      path: request.rawPath,
      query: parseQuery(request.rawQuery),
      headers,
    },
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(
    String(signed.headers.authorization),
  )?.[1];
  if (
    !expected ||
    !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  ) {
    throw new S3Error('SignatureDoesNotMatch');
  }
  return accessKeyId;
}

/** A header as one string (repeated headers joined as Node joins them). */
function headerValue(
  headers: IncomingHttpHeaders,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** `20250102T030405Z` as a Date. */
function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** The decoded query parameters; repeated names become lists, as the signer expects. */
function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else
      query[key] = Array.isArray(existing)
        ? [...existing, value]
        : [existing, value];
  }
  return query;
}
