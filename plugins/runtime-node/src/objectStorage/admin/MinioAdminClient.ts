import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { ObjectStorageAccess } from '../../config';
import { RuntimeUpstreamError } from '../../errors';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  readUpstreamBytes,
} from '../../http/readUpstreamBody';
import { withTimeout } from '../../http/timeouts';
import { toObjectStorageError } from '../objectStorageErrors';
import { BucketPolicy, ObjectStorageCallOptions } from '../types';
import { decryptMadminData, encryptMadminData } from './madminEncryption';

/**
 * A MinIO user as the admin API describes it (never with its secret key).
 *
 * @public
 */
export interface MinioUserInfo {
  /** Whether the user may sign requests. */
  status: 'enabled' | 'disabled';
  /** Names of the canned policies attached to the user. */
  policies: string[];
}

/** Where MinIO serves its admin API. */
const ADMIN_PATH = '/minio/admin/v3';

/** MinIO admin error codes that answer a question rather than signal a failure. */
const NO_SUCH_POLICY = 'XMinioAdminNoSuchPolicy';
const NO_SUCH_USER = 'XMinioAdminNoSuchUser';

/** What one admin call sends. */
interface AdminCall {
  operation: string;
  method: 'GET' | 'PUT' | 'DELETE';
  api: string;
  query: Record<string, string>;
  body?: Buffer;
  contentType?: string;
  /** Secrets besides the root secret key that must not appear in an error. */
  redact?: string[];
  signal?: AbortSignal;
}

/** What MinIO answered to an admin call. */
interface AdminAnswer {
  status: number;
  /** The body as read (encrypted for some APIs). */
  bytes: Buffer;
  text: string;
}

/**
 * A client for MinIO's admin API (v3), to manage the identities that S3 requests are authorised
 * for: canned IAM policies, and users with those policies. MinIO evaluates bucket policies only for
 * anonymous requests, so a service's access to its bucket is a user with a canned policy.
 *
 * Requests are signed with AWS Signature Version 4 (service `s3`) by the environment's root
 * credentials; bodies that carry secrets (the `add-user` request, the `list-users` answer) are
 * encrypted with the root secret key as madmin does. Each call is sent once, with the configured
 * timeout combined with the caller's signal. Every failure is a {@link RuntimeUpstreamError} of
 * the `objectStorage` upstream naming the operation and MinIO's error code and message; secret keys
 * and request bodies never appear in it.
 *
 * @public
 */
export class MinioAdminClient {
  private readonly environment: string;
  private readonly access: ObjectStorageAccess;
  private readonly fetchImpl: typeof fetch;
  private readonly signer: SignatureV4;

  /** A client for the environment's object storage, signing as `access`. */
  constructor(options: {
    environment: string;
    access: ObjectStorageAccess;
    fetch?: typeof fetch;
  }) {
    this.environment = options.environment;
    this.access = options.access;
    this.fetchImpl = options.fetch ?? fetch;
    this.signer = new SignatureV4({
      service: 's3',
      region: options.access.region,
      credentials: {
        accessKeyId: options.access.accessKeyId,
        secretAccessKey: options.access.secretAccessKey,
      },
      sha256: Sha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
  }

  /** Adds the canned policy `name`, or replaces the document of an existing one. */
  async putCannedPolicy(
    name: string,
    policy: BucketPolicy,
    options?: ObjectStorageCallOptions,
  ): Promise<void> {
    const operation = `put canned policy ${name}`;
    await this.expectOk(operation, {
      operation,
      method: 'PUT',
      api: 'add-canned-policy',
      query: { name },
      body: Buffer.from(JSON.stringify(policy), 'utf8'),
      contentType: 'application/json',
      signal: options?.signal,
    });
  }

  /** The document of the canned policy `name`; undefined when there is none. */
  async getCannedPolicy(
    name: string,
    options?: ObjectStorageCallOptions,
  ): Promise<BucketPolicy | undefined> {
    const operation = `read canned policy ${name}`;
    const answer = await this.send({
      operation,
      method: 'GET',
      api: 'info-canned-policy',
      query: { name, v: '2' },
      signal: options?.signal,
    });
    if (isError(answer, NO_SUCH_POLICY)) return undefined;
    const info = this.parse<{ Policy?: unknown }>(operation, answer);
    const policy = info?.Policy;
    if (!policy || typeof policy !== 'object' || Array.isArray(policy)) {
      throw this.malformed(operation, answer);
    }
    return policy as BucketPolicy;
  }

  /** Removes the canned policy `name`; done already when there is none. */
  async removeCannedPolicy(
    name: string,
    options?: ObjectStorageCallOptions,
  ): Promise<void> {
    const operation = `remove canned policy ${name}`;
    const answer = await this.send({
      operation,
      method: 'DELETE',
      api: 'remove-canned-policy',
      query: { name },
      signal: options?.signal,
    });
    if (!isError(answer, NO_SUCH_POLICY)) this.check(operation, answer);
  }

  /**
   * Creates the user `accessKey`, enabled, with the secret key given, and sets its canned policies
   * to exactly `policies` (none when empty); an existing user gets the new secret key and policies.
   * These are two calls, as MinIO's `add-user` sets credentials and status only (it ignores
   * madmin's `policy` field) and `set-user-or-group-policy` sets the policies: when the second
   * fails (e.g. `XMinioAdminNoSuchPolicy`), the user exists with the new secret key and its
   * previous policies.
   */
  async putUser(
    accessKey: string,
    user: { secretKey: string; policies: string[] },
    options?: ObjectStorageCallOptions,
  ): Promise<void> {
    const operation = `put user ${accessKey}`;
    const request = JSON.stringify({
      secretKey: user.secretKey,
      status: 'enabled',
    });
    await this.expectOk(operation, {
      operation,
      method: 'PUT',
      api: 'add-user',
      query: { accessKey },
      body: await encryptMadminData(
        this.access.secretAccessKey,
        Buffer.from(request, 'utf8'),
      ),
      contentType: 'application/octet-stream',
      redact: [user.secretKey],
      signal: options?.signal,
    });
    await this.expectOk(operation, {
      operation,
      method: 'PUT',
      api: 'set-user-or-group-policy',
      query: {
        policyName: user.policies.join(','),
        userOrGroup: accessKey,
        isGroup: 'false',
      },
      signal: options?.signal,
    });
  }

  /**
   * Every user (not service accounts or STS credentials) by access key. MinIO encrypts this answer
   * with the root secret key; outside FIPS mode with Argon2id, which takes a second or more of CPU
   * on a worker thread to undo.
   */
  async listUsers(
    options?: ObjectStorageCallOptions,
  ): Promise<Record<string, MinioUserInfo>> {
    const operation = 'list users';
    const answer = await this.send({
      operation,
      method: 'GET',
      api: 'list-users',
      query: {},
      signal: options?.signal,
    });
    this.check(operation, answer);
    let users: unknown;
    try {
      const plaintext = await decryptMadminData(
        this.access.secretAccessKey,
        answer.bytes,
      );
      users = JSON.parse(plaintext.toString('utf8'));
    } catch {
      throw this.malformed(operation, answer);
    }
    if (!users || typeof users !== 'object' || Array.isArray(users)) {
      throw this.malformed(operation, answer);
    }
    const result: Record<string, MinioUserInfo> = {};
    for (const [accessKey, info] of Object.entries(users)) {
      const user = userInfo(info);
      if (!user) throw this.malformed(operation, answer);
      result[accessKey] = user;
    }
    return result;
  }

  /** The user `accessKey`'s status and policies; undefined when there is no such user. */
  async getUser(
    accessKey: string,
    options?: ObjectStorageCallOptions,
  ): Promise<MinioUserInfo | undefined> {
    const operation = `read user ${accessKey}`;
    const answer = await this.send({
      operation,
      method: 'GET',
      api: 'user-info',
      query: { accessKey },
      signal: options?.signal,
    });
    if (isError(answer, NO_SUCH_USER)) return undefined;
    const user = userInfo(this.parse<unknown>(operation, answer));
    if (!user) throw this.malformed(operation, answer);
    return user;
  }

  /** Removes the user `accessKey`; done already when there is no such user. */
  async removeUser(
    accessKey: string,
    options?: ObjectStorageCallOptions,
  ): Promise<void> {
    const operation = `remove user ${accessKey}`;
    const answer = await this.send({
      operation,
      method: 'DELETE',
      api: 'remove-user',
      query: { accessKey },
      signal: options?.signal,
    });
    if (!isError(answer, NO_SUCH_USER)) this.check(operation, answer);
  }

  private async expectOk(operation: string, call: AdminCall): Promise<void> {
    this.check(operation, await this.send(call), call.redact);
  }

  /** Signs and sends one admin request; a failure to get an answer is an error, any answer is not. */
  private async send(call: AdminCall): Promise<AdminAnswer> {
    const endpoint = new URL(this.access.endpoint);
    const path = `${endpoint.pathname.replace(/\/+$/, '')}${ADMIN_PATH}/${
      call.api
    }`;
    const body = call.body ?? Buffer.alloc(0);
    const signal = withTimeout(this.access.timeoutMs, call.signal);
    let response: Response;
    try {
      const signed = await this.signer.sign({
        method: call.method,
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        port: endpoint.port ? Number(endpoint.port) : undefined,
        path,
        query: call.query,
        headers: {
          host: endpoint.host,
          'x-amz-content-sha256': createHash('sha256')
            .update(body)
            .digest('hex'),
          ...(call.contentType ? { 'content-type': call.contentType } : {}),
        },
      });
      // fetch sets the host itself, from the URL
      const headers = Object.fromEntries(
        Object.entries(signed.headers).filter(([name]) => name !== 'host'),
      );
      const url = new URL(`${endpoint.origin}${path}`);
      for (const [key, value] of Object.entries(call.query)) {
        url.searchParams.set(key, value);
      }
      response = await this.fetchImpl(url, {
        method: call.method,
        headers,
        body: call.body,
        signal,
      });
    } catch (error) {
      throw this.unanswered(call, signal, error);
    }
    const bytes = await readUpstreamBytes(response, {
      upstream: 'objectStorage',
      environment: this.environment,
      operation: call.operation,
      maxBytes: this.access.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      signal,
      callerSignal: call.signal,
      timeoutMs: this.access.timeoutMs,
    });
    return { status: response.status, bytes, text: bytes.toString('utf8') };
  }

  /** Throws the error MinIO answered with, unless the call succeeded. */
  private check(
    operation: string,
    answer: AdminAnswer,
    redact: string[] = [],
  ): void {
    if (answer.status >= 200 && answer.status < 300) return;
    const { code, message: answered } = adminError(answer.text);
    let message = answered;
    for (const secret of redact) {
      if (secret && message) message = message.split(secret).join('***');
    }
    // The same shape as an SDK error, so that S3 and admin codes map to reasons alike.
    const failure = Object.assign(new Error(message ?? ''), {
      name: code ?? 'Error',
      $metadata: { httpStatusCode: answer.status },
    });
    throw toObjectStorageError(failure, {
      environment: this.environment,
      operation,
      secretAccessKey: this.access.secretAccessKey,
    });
  }

  private parse<T>(operation: string, answer: AdminAnswer): T | undefined {
    this.check(operation, answer);
    try {
      return JSON.parse(answer.text) as T;
    } catch {
      throw this.malformed(operation, answer);
    }
  }

  private malformed(
    operation: string,
    answer: AdminAnswer,
  ): RuntimeUpstreamError {
    return new RuntimeUpstreamError({
      upstream: 'objectStorage',
      environment: this.environment,
      operation,
      reason: 'Malformed',
      status: answer.status,
      detail: 'MinIO answered with an unexpected document',
    });
  }

  private unanswered(
    call: AdminCall,
    signal: AbortSignal,
    error: unknown,
  ): RuntimeUpstreamError {
    const failure = (reason: RuntimeUpstreamError['reason'], detail: string) =>
      new RuntimeUpstreamError({
        upstream: 'objectStorage',
        environment: this.environment,
        operation: call.operation,
        reason,
        detail,
        cause: error,
      });
    if (call.signal?.aborted) return failure('Aborted', 'cancelled');
    if (signal.aborted) {
      return failure('Timeout', `no answer within ${this.access.timeoutMs} ms`);
    }
    // fetch wraps network errors (ECONNREFUSED, ...) as their cause
    const cause = (error as { cause?: unknown } | undefined)?.cause;
    return toObjectStorageError(
      cause && typeof cause === 'object' && 'code' in cause ? cause : error,
      {
        environment: this.environment,
        operation: call.operation,
        secretAccessKey: this.access.secretAccessKey,
      },
    );
  }
}

/**
 * A user of madmin's `UserInfo` (`{"policyName"?, "status", "memberOf"?, "updatedAt"}`), or
 * undefined when it is not one.
 */
function userInfo(value: unknown): MinioUserInfo | undefined {
  const info = value as { policyName?: unknown; status?: unknown } | null;
  if (info?.status !== 'enabled' && info?.status !== 'disabled') {
    return undefined;
  }
  const policyName = typeof info.policyName === 'string' ? info.policyName : '';
  return {
    status: info.status,
    policies: policyName
      .split(',')
      .map(policy => policy.trim())
      .filter(Boolean),
  };
}

/** Whether MinIO answered with the admin error `code`. */
function isError(answer: AdminAnswer, code: string): boolean {
  return answer.status >= 400 && adminError(answer.text).code === code;
}

/** The `Code` and `Message` of an admin error: JSON, or S3 XML from a proxy or an older server. */
function adminError(text: string): { code?: string; message?: string } {
  try {
    const parsed = JSON.parse(text) as { Code?: unknown; Message?: unknown };
    return {
      code: typeof parsed?.Code === 'string' ? parsed.Code : undefined,
      message: typeof parsed?.Message === 'string' ? parsed.Message : undefined,
    };
  } catch {
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    return { code, message };
  }
}
