import {
  decryptMadminData,
  encryptMadminData,
  MADMIN_PBKDF2_AES_GCM,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { S3Response } from '../s3Request';
import { S3State } from '../s3State';
import { AdminError, IAM_CAUSES } from './adminErrors';
import { IamUser } from './iamState';
import { parsePolicyDocument } from './iamPolicy';

/*
 * MinIO's IAM admin APIs as minio/minio RELEASE.2025-10-15T17-29-55Z serves them
 * (`cmd/admin-router.go`, `cmd/admin-handlers-users.go`, `cmd/iam.go`, `cmd/iam-store.go`).
 */

/** An authenticated admin API request of the root credentials. */
export interface AdminRequest {
  method: string;
  query: URLSearchParams;
  /** The verified payload. */
  body: Buffer;
  state: S3State;
  /**
   * The secret key of the request's signer (the root's or a user's): MinIO decrypts request bodies
   * and encrypts answers with the caller's own secret key.
   */
  callerSecretKey: string;
}

type AdminOperation = (
  request: AdminRequest,
) => S3Response | Promise<S3Response>;

/** The admin APIs the sandbox serves (`/minio/admin/v3/<api>`), by method. */
const ADMIN_APIS: Record<string, Partial<Record<string, AdminOperation>>> = {
  'add-canned-policy': { PUT: addCannedPolicy },
  'info-canned-policy': { GET: infoCannedPolicy },
  'remove-canned-policy': { DELETE: removeCannedPolicy },
  'add-user': { PUT: addUser },
  'user-info': { GET: userInfo },
  'list-users': { GET: listUsers },
  'set-user-or-group-policy': { PUT: setUserOrGroupPolicy },
  'remove-user': { DELETE: removeUser },
};

/**
 * Query parameters each API's route requires (mux `Queries`): a request without them matches no
 * route, which MinIO answers as an unknown API.
 */
const REQUIRED_QUERY: Record<string, string[]> = {
  'add-canned-policy': ['name'],
  'info-canned-policy': ['name'],
  'remove-canned-policy': ['name'],
  'add-user': ['accessKey'],
  'user-info': ['accessKey'],
  'set-user-or-group-policy': ['policyName', 'userOrGroup', 'isGroup'],
  'remove-user': ['accessKey'],
};

/** Go's zero `time.Time` as `encoding/json` writes it (`updatedAt` of a user without policies). */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** Dispatches an admin request to its operation. */
export async function routeAdminRequest(
  api: string,
  request: AdminRequest,
): Promise<S3Response> {
  const operations = Object.prototype.hasOwnProperty.call(ADMIN_APIS, api)
    ? ADMIN_APIS[api]
    : undefined;
  if (!operations) throw new AdminError('NotImplemented');
  const operation = operations[request.method];
  if (!operation) throw new AdminError('MethodNotAllowed');
  if ((REQUIRED_QUERY[api] ?? []).some(key => !request.query.has(key))) {
    throw new AdminError('NotImplemented');
  }
  return operation(request);
}

/** `PUT add-canned-policy?name=`: adds the policy, or replaces the one with that name. */
function addCannedPolicy({ query, body, state }: AdminRequest): S3Response {
  const name = query.get('name') ?? '';
  if (hasSpaceAtEnds(name)) throw new AdminError('XMinioInvalidResource');
  if (name.includes(',')) throw new AdminError('PolicyInvalidName');
  if (body.length === 0) throw new AdminError('MissingContentLength');
  const document = parsePolicyDocument(body);
  if (name === '') {
    throw new AdminError('XMinioAdminInvalidArgument', {
      cause: IAM_CAUSES.invalidArgument,
    });
  }
  state.iam.putPolicy(name, document);
  return { status: 200 };
}

/**
 * `GET info-canned-policy?name=&v=2`: the policy with its dates (without `v`, as older MinIO
 * answers, the document alone).
 */
function infoCannedPolicy({ query, state }: AdminRequest): S3Response {
  const name = query.get('name') ?? '';
  if (name.split(',').filter(p => p.trim() !== '').length !== 1) {
    throw new AdminError('XMinioAdminInvalidRequest', {
      message: IAM_CAUSES.tooManyPolicies,
    });
  }
  const policy = state.iam.policies.get(name);
  if (!policy) {
    throw new AdminError('XMinioAdminNoSuchPolicy', {
      cause: IAM_CAUSES.noSuchPolicy,
    });
  }
  const version = query.get('v') ?? '';
  if (version !== '' && version !== '2') {
    throw new AdminError('InternalError', {
      cause: "invalid version parameter 'v' supplied",
    });
  }
  const info =
    version === '2'
      ? {
          PolicyName: policy.name,
          Policy: policy.document,
          CreateDate: policy.createDate.toISOString(),
          UpdateDate: policy.updateDate.toISOString(),
        }
      : policy.document;
  return jsonResponse(JSON.stringify(info, null, ' '));
}

/**
 * `DELETE remove-canned-policy?name=`: done also when there is no such policy; refused while a user
 * has it attached.
 */
function removeCannedPolicy({ query, state }: AdminRequest): S3Response {
  const name = query.get('name') ?? '';
  if (name === '') {
    throw new AdminError('XMinioAdminInvalidArgument', {
      cause: IAM_CAUSES.invalidArgument,
    });
  }
  if (state.iam.policyInUse(name)) throw new AdminError('XMinioIAMPolicyInUse');
  state.iam.policies.delete(name);
  return { status: 200 };
}

/**
 * `PUT add-user?accessKey=`: creates or updates a user from a body encrypted with the caller's secret
 * key (madmin `EncryptData` of `AddOrUpdateUserReq`, `{"secretKey","policy","status"}`). As MinIO,
 * it sets the credentials and status only: `policy` is ignored, and an existing user keeps the
 * policies attached to it; any status but `enabled` (or `on`) disables the user.
 */
async function addUser({
  query,
  body,
  state,
  callerSecretKey,
}: AdminRequest): Promise<S3Response> {
  const accessKey = query.get('accessKey') ?? '';
  if (accessKey === state.portalAccount.accessKeyId) {
    throw new AdminError('XMinioInvalidIAMCredentials');
  }
  const existing = state.iam.users.get(accessKey);
  if (!existing && hasSpaceAtEnds(accessKey)) {
    throw new AdminError('XMinioInvalidResource');
  }
  let request: { secretKey?: unknown; status?: unknown };
  try {
    const plaintext = await decryptMadminData(callerSecretKey, body);
    request = JSON.parse(plaintext.toString('utf8')) ?? {};
  } catch {
    throw new AdminError('XMinioAdminConfigBadJSON');
  }
  if (
    typeof request !== 'object' ||
    Array.isArray(request) ||
    (request.secretKey !== undefined &&
      typeof request.secretKey !== 'string') ||
    (request.status !== undefined && typeof request.status !== 'string')
  ) {
    throw new AdminError('XMinioAdminConfigBadJSON');
  }
  if (Buffer.byteLength(accessKey) < 3) {
    throw new AdminError('XMinioAdminInvalidAccessKey', {
      cause: IAM_CAUSES.accessKeyLength,
    });
  }
  if (/[=,]/.test(accessKey)) {
    throw new AdminError('XMinioAdminInvalidAccessKey', {
      cause: IAM_CAUSES.reservedChars,
    });
  }
  const secretKey = (request.secretKey as string | undefined) ?? '';
  if (Buffer.byteLength(secretKey) < 8) {
    throw new AdminError('XMinioAdminInvalidSecretKey', {
      cause: IAM_CAUSES.secretKeyLength,
    });
  }
  state.iam.users.set(accessKey, {
    accessKey,
    secretKey,
    policies: existing?.policies ?? [],
    policiesUpdatedAt: existing?.policiesUpdatedAt,
    status:
      request.status === 'enabled' || request.status === 'on'
        ? 'enabled'
        : 'disabled',
  });
  return { status: 200 };
}

/** `GET user-info?accessKey=`: the user's policies and status (madmin `UserInfo`), never its secret key. */
function userInfo({ query, state }: AdminRequest): S3Response {
  const user = state.iam.users.get(query.get('accessKey') ?? '');
  if (!user) {
    throw new AdminError('XMinioAdminNoSuchUser', {
      cause: IAM_CAUSES.noSuchUser,
    });
  }
  return jsonResponse(JSON.stringify(describeUser(user)));
}

/**
 * `GET list-users`: every user (madmin `UserInfo` by access key), encrypted with the caller's secret
 * key as MinIO encrypts it in FIPS mode: PBKDF2 and AES-256-GCM (`0x02`). Outside FIPS mode MinIO
 * uses Argon2id, which costs a client a second of CPU in JavaScript; clients read both.
 */
async function listUsers({
  query,
  state,
  callerSecretKey,
}: AdminRequest): Promise<S3Response> {
  if (query.has('bucket')) throw new AdminError('NotImplemented');
  const users = Object.fromEntries(
    [...state.iam.users.values()].map(user => [
      user.accessKey,
      describeUser(user),
    ]),
  );
  const body = await encryptMadminData(
    callerSecretKey,
    Buffer.from(JSON.stringify(users), 'utf8'),
    MADMIN_PBKDF2_AES_GCM,
  );
  return { status: 200, headers: { 'content-type': 'application/json' }, body };
}

/**
 * `PUT set-user-or-group-policy?policyName=&userOrGroup=&isGroup=`: sets the user's policies to the
 * comma-separated `policyName` (every one must exist), or removes them when it is empty. The
 * sandbox has no groups.
 */
function setUserOrGroupPolicy({ query, state }: AdminRequest): S3Response {
  const policyName = query.get('policyName') ?? '';
  const name = query.get('userOrGroup') ?? '';
  const isGroup = query.get('isGroup');
  if (isGroup !== 'true' && isGroup !== 'false') {
    throw new AdminError('NotImplemented');
  }
  if (isGroup === 'true') {
    throw new AdminError('XMinioAdminNoSuchGroup', {
      cause: IAM_CAUSES.noSuchGroup,
    });
  }
  if (name === state.portalAccount.accessKeyId) {
    throw new AdminError('XMinioIAMActionNotAllowed');
  }
  const user = state.iam.users.get(name);
  if (!user) {
    throw new AdminError('XMinioAdminNoSuchUser', {
      cause: IAM_CAUSES.noSuchUser,
    });
  }
  const policies = policyName.split(',').filter(p => p.trim() !== '');
  if (policies.some(policy => !state.iam.policies.has(policy))) {
    throw new AdminError('XMinioAdminNoSuchPolicy', {
      cause: IAM_CAUSES.noSuchPolicy,
    });
  }
  user.policies = policies;
  user.policiesUpdatedAt = policyName === '' ? undefined : new Date();
  return { status: 200 };
}

/** `DELETE remove-user?accessKey=`: refused for the root user. */
function removeUser({ query, state }: AdminRequest): S3Response {
  const accessKey = query.get('accessKey') ?? '';
  if (!state.iam.users.has(accessKey)) {
    throw new AdminError('XMinioAdminNoSuchUser', {
      cause: IAM_CAUSES.noSuchUser,
    });
  }
  state.iam.users.delete(accessKey);
  return { status: 200 };
}

/** madmin `UserInfo` of a user: `policyName` and `memberOf` only when set, `updatedAt` always. */
function describeUser(user: IamUser) {
  return {
    ...(user.policies.length > 0
      ? { policyName: user.policies.join(',') }
      : {}),
    status: user.status,
    updatedAt: user.policiesUpdatedAt?.toISOString() ?? ZERO_TIME,
  };
}

/** Whether a name begins or ends with a space (MinIO's `hasSpaceBE`). */
function hasSpaceAtEnds(name: string): boolean {
  return name.trim() !== name;
}

function jsonResponse(body: string): S3Response {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body,
  };
}
