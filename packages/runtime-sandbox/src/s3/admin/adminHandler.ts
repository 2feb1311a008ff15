import { createHash } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { S3Error } from '../s3Errors';
import { readBody, verifiedPayload } from '../s3Payload';
import { S3Response } from '../s3Request';
import { S3State } from '../s3State';
import { verifySigV4 } from '../sigV4';
import { authorizeAdminCall } from './adminAuthorization';
import { AdminError, renderAdminErrorJson } from './adminErrors';
import { routeAdminRequest } from './adminOperations';

/** The path under which MinIO serves its admin API (version 3). */
export const ADMIN_PATH_PREFIX = '/minio/admin/v3/';

/**
 * Answers a request to MinIO's admin API: signed like S3 (SigV4, service `s3`), by the root
 * credentials or by a user whose policies allow the API's admin action (`adminAuthorization.ts`;
 * `AccessDenied` otherwise, and always for another account).
 * Every error, also of the signature check, is answered as admin JSON rather than S3 XML.
 */
export async function handleAdminRequest(
  state: S3State,
  request: {
    method: string;
    rawPath: string;
    rawQuery: string;
    message: IncomingMessage;
  },
  requestId: string,
): Promise<S3Response> {
  const { method, rawPath, rawQuery, message } = request;
  try {
    const raw = await readBody(message);
    const accessKeyId = await verifySigV4(
      { method, rawPath, rawQuery, headers: message.headers },
      key => state.secretFor(key),
    );
    const api = rawPath.slice(ADMIN_PATH_PREFIX.length);
    const query = new URLSearchParams(rawQuery);
    authorizeAdminCall(state, accessKeyId, api, query);
    const body = verifiedPayload(message.headers, raw);
    return await routeAdminRequest(api, {
      method,
      query,
      body,
      state,
      callerSecretKey: state.secretFor(accessKeyId)!,
    });
  } catch (error) {
    let adminError: AdminError;
    if (error instanceof AdminError) adminError = error;
    else if (error instanceof S3Error) adminError = new AdminError(error);
    else adminError = new AdminError('InternalError');
    return {
      status: adminError.status,
      headers: { 'content-type': 'application/json' },
      body: renderAdminErrorJson(
        adminError,
        rawPath,
        requestId,
        hostId(message.headers.host ?? ''),
      ),
    };
  }
}

/** MinIO's `HostId`: the hex SHA-256 of the node's name (its host and port). */
function hostId(host: string): string {
  return createHash('sha256').update(host).digest('hex');
}
