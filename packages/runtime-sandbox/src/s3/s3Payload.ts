import { createHash } from 'node:crypto';
import { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { crc32 } from 'node:zlib';
import { S3Error } from './s3Errors';

/** The largest request body the sandbox reads (bucket configuration and small test objects). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/** Reads the whole request body, refusing bodies over the sandbox's limit. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new S3Error('EntityTooLarge');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The request's payload, checked against what its headers claim, as S3 does: the signed
 * `x-amz-content-sha256` (a hex SHA-256, `UNSIGNED-PAYLOAD`, or an unsigned `aws-chunked` stream with
 * trailing checksum), then `Content-MD5` and any `x-amz-checksum-*` header or trailer.
 */
export function verifiedPayload(
  headers: IncomingHttpHeaders,
  raw: Buffer,
): Buffer {
  const contentSha256 = String(headers['x-amz-content-sha256'] ?? '');
  let payload = raw;
  const trailers: Record<string, string> = {};
  if (contentSha256 === STREAMING_UNSIGNED_TRAILER) {
    payload = decodeAwsChunked(raw, trailers);
  } else if (contentSha256.startsWith('STREAMING-')) {
    throw new S3Error('NotImplemented');
  } else if (contentSha256 !== UNSIGNED_PAYLOAD) {
    if (!/^[0-9a-f]{64}$/.test(contentSha256)) {
      throw new S3Error('InvalidArgument', {
        message:
          'x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value.',
      });
    }
    if (createHash('sha256').update(raw).digest('hex') !== contentSha256) {
      throw new S3Error('XAmzContentSHA256Mismatch');
    }
  }
  verifyChecksums({ ...headersAsStrings(headers), ...trailers }, payload);
  return payload;
}

/** Whether the request carries `Content-MD5` or an `x-amz-checksum-*` value (header or trailer). */
export function hasIntegrityChecksum(headers: IncomingHttpHeaders): boolean {
  return (
    headers['content-md5'] !== undefined ||
    Object.keys(headers).some(name => name.startsWith('x-amz-checksum-')) ||
    String(headers['x-amz-trailer'] ?? '').startsWith('x-amz-checksum-')
  );
}

function verifyChecksums(
  headers: Record<string, string>,
  payload: Buffer,
): void {
  const md5 = headers['content-md5'];
  if (md5 !== undefined) {
    const claimed = Buffer.from(md5, 'base64');
    if (claimed.length !== 16) throw new S3Error('InvalidDigest');
    if (!claimed.equals(createHash('md5').update(payload).digest())) {
      throw new S3Error('BadDigest');
    }
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-amz-checksum-') || name === 'x-amz-checksum-type')
      continue;
    const computed = computeChecksum(
      name.slice('x-amz-checksum-'.length),
      payload,
    );
    if (computed !== undefined && computed !== value) {
      throw new S3Error('XAmzContentChecksumMismatch');
    }
  }
}

/** The base64 checksum S3 would compute, or undefined for algorithms the sandbox does not check. */
function computeChecksum(
  algorithm: string,
  payload: Buffer,
): string | undefined {
  switch (algorithm) {
    case 'crc32': {
      const value = Buffer.alloc(4);
      value.writeUInt32BE(crc32(payload));
      return value.toString('base64');
    }
    case 'sha1':
      return createHash('sha1').update(payload).digest('base64');
    case 'sha256':
      return createHash('sha256').update(payload).digest('base64');
    default:
      return undefined; // crc32c, crc64nvme: accepted without checking
  }
}

/**
 * Decodes an unsigned `aws-chunked` body (`<hex size>\r\n<data>\r\n` ... `0\r\n<trailers>\r\n\r\n`),
 * collecting its trailing headers.
 */
function decodeAwsChunked(
  raw: Buffer,
  trailers: Record<string, string>,
): Buffer {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', offset);
    if (lineEnd < 0) throw new S3Error('IncompleteBody');
    const size = parseInt(
      raw.subarray(offset, lineEnd).toString('ascii').split(';')[0],
      16,
    );
    if (Number.isNaN(size)) throw new S3Error('IncompleteBody');
    offset = lineEnd + 2;
    if (size === 0) break;
    if (offset + size > raw.length) throw new S3Error('IncompleteBody');
    chunks.push(raw.subarray(offset, offset + size));
    offset += size + 2;
  }
  for (const line of raw.subarray(offset).toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      trailers[line.slice(0, colon).trim().toLowerCase()] = line
        .slice(colon + 1)
        .trim();
  }
  return Buffer.concat(chunks);
}

function headersAsStrings(
  headers: IncomingHttpHeaders,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      result[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return result;
}
