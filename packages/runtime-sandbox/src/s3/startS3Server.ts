import { randomBytes } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from '../http/listen';
import { ServerOptions, StatefulRunningServer } from '../types';
import { ADMIN_PATH_PREFIX, handleAdminRequest } from './admin/adminHandler';
import { listBuckets } from './bucketOperations';
import { S3Error } from './s3Errors';
import { readBody, verifiedPayload } from './s3Payload';
import { S3Response } from './s3Request';
import { routeBucketRequest } from './s3Router';
import { S3State } from './s3State';
import { renderS3ErrorXml } from './s3Xml';
import { seedS3 } from './seedS3';
import { seedPortalUser } from './seedPortalUser';
import { loadMinioPortalPolicy } from '../deploy';
import { verifySigV4 } from './sigV4';
import { S3Snapshot, s3Snapshot } from './snapshot';

/**
 * Starts the sandbox's S3-compatible server (MinIO-like, path-style, in memory). Every request must be
 * signed with AWS Signature Version 4: by the root keys (`options.adminCredentials`, else
 * `options.credentials`), or by a user's; with `adminCredentials`, `options.credentials` are the
 * portal's user with the shipped policy `runtime-portal` (`deploy/minio/`); the seeded services' buckets are
 * there from the start, and so is a bucket owned by another account ({@link FOREIGN_BUCKET_NAME}).
 * MinIO's admin API (`/minio/admin/v3/`) manages canned policies and users; a user signs S3 requests
 * with its own keys, within the portal's account, as far as its policies allow.
 */
export async function startS3Server(
  options: ServerOptions,
): Promise<StatefulRunningServer<S3Snapshot>> {
  const root = options.adminCredentials ?? options.credentials;
  const state = new S3State({
    accessKeyId: root.s3AccessKeyId,
    secretAccessKey: root.s3SecretAccessKey,
  });
  seedS3(state, options.seed);
  if (options.adminCredentials) {
    seedPortalUser(
      state,
      {
        accessKeyId: options.credentials.s3AccessKeyId,
        secretAccessKey: options.credentials.s3SecretAccessKey,
      },
      loadMinioPortalPolicy(),
    );
  }
  const server = await listen(
    (req, res) => void handle(state, req, res),
    options.port,
    options.host,
  );
  return { ...server, snapshot: async () => s3Snapshot(state) };
}

async function handle(
  state: S3State,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? '' : url.slice(queryStart + 1);
  const method = (req.method ?? 'GET').toUpperCase();
  if (rawPath.startsWith(ADMIN_PATH_PREFIX)) {
    const response = await handleAdminRequest(
      state,
      { method, rawPath, rawQuery, message: req },
      requestId,
    );
    send(res, method, requestId, response);
    return;
  }
  let response: S3Response;
  try {
    const raw = await readBody(req);
    const accessKeyId = await verifySigV4(
      { method, rawPath, rawQuery, headers: req.headers },
      key => state.secretFor(key),
    );
    const user = state.accountFor(accessKeyId)
      ? undefined
      : state.iam.users.get(accessKeyId);
    const account = user ? state.portalAccount : state.accountFor(accessKeyId)!;
    const body = verifiedPayload(req.headers, raw);
    const [bucket, ...keyParts] = rawPath.slice(1).split('/');
    const key =
      keyParts.length > 0 && keyParts.join('/') !== ''
        ? keyParts.join('/')
        : undefined;
    if (!bucket) {
      if (method !== 'GET') throw new S3Error('MethodNotAllowed');
      response = listBuckets(state, account, user);
    } else {
      response = routeBucketRequest({
        method,
        bucket: decodeURIComponent(bucket),
        key: key === undefined ? undefined : decodeURIComponent(key),
        query: new URLSearchParams(rawQuery),
        headers: req.headers,
        body,
        account,
        user,
        state,
      });
    }
  } catch (error) {
    const s3Error =
      error instanceof S3Error
        ? error
        : new S3Error('InvalidRequest', {
            message: 'The sandbox could not process the request',
          });
    response = {
      status: s3Error.status,
      headers: { 'content-type': 'application/xml' },
      body: renderS3ErrorXml(s3Error, requestId, decodeURIComponent(rawPath)),
    };
  }
  send(res, method, requestId, response);
}

/** Writes an answer, with the request ID headers MinIO sends. */
function send(
  res: ServerResponse,
  method: string,
  requestId: string,
  response: S3Response,
) {
  res.statusCode = response.status;
  res.setHeader('x-amz-request-id', requestId);
  res.setHeader('x-amz-id-2', requestId);
  res.setHeader('server', 'runtime-sandbox-s3');
  for (const [name, value] of Object.entries(response.headers ?? {}))
    res.setHeader(name, value);
  if (method === 'HEAD' || response.body === undefined) {
    res.end();
  } else {
    if (!res.hasHeader('content-length')) {
      res.setHeader('content-length', Buffer.byteLength(response.body));
    }
    res.end(response.body);
  }
}
