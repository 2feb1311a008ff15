import { S3Response } from '../s3Request';
import { S3State } from '../s3State';
import { AdminError } from './adminErrors';
import { parsePolicyDocument } from './iamPolicy';
import { madminDecrypt } from './madminDecrypt';

/** An authenticated admin API request of the root credentials. */
export interface AdminRequest {
  method: string;
  query: URLSearchParams;
  /** The verified payload. */
  body: Buffer;
  state: S3State;
}

type AdminOperation = (request: AdminRequest) => S3Response;

/** The admin APIs the sandbox serves (`/minio/admin/v3/<api>`), by method. */
const ADMIN_APIS: Record<string, Partial<Record<string, AdminOperation>>> = {
  'add-canned-policy': { PUT: addCannedPolicy },
  'info-canned-policy': { GET: infoCannedPolicy },
  'remove-canned-policy': { DELETE: removeCannedPolicy },
  'add-user': { PUT: addUser },
  'user-info': { GET: userInfo },
  'remove-user': { DELETE: removeUser },
};

/** Dispatches an admin request to its operation. */
export function routeAdminRequest(
  api: string,
  request: AdminRequest,
): S3Response {
  const operations = Object.prototype.hasOwnProperty.call(ADMIN_APIS, api)
    ? ADMIN_APIS[api]
    : undefined;
  if (!operations) throw new AdminError('NotImplemented');
  const operation = operations[request.method];
  if (!operation) throw new AdminError('MethodNotAllowed');
  return operation(request);
}

/** `PUT add-canned-policy?name=`: adds the policy, or replaces the one with that name. */
function addCannedPolicy({ query, body, state }: AdminRequest): S3Response {
  const name = policyName(query);
  state.iam.putPolicy(name, parsePolicyDocument(body));
  return { status: 200 };
}

/**
 * `GET info-canned-policy?name=&v=2`: the policy with its dates (without `v=2`, as older MinIO
 * answers, the document alone).
 */
function infoCannedPolicy({ query, state }: AdminRequest): S3Response {
  const policy = state.iam.policies.get(policyName(query));
  if (!policy) throw new AdminError('XMinioAdminNoSuchPolicy');
  const info =
    query.get('v') === '2'
      ? {
          PolicyName: policy.name,
          Policy: policy.document,
          CreateDate: policy.createDate.toISOString(),
          UpdateDate: policy.updateDate.toISOString(),
        }
      : policy.document;
  return jsonResponse(info);
}

/** `DELETE remove-canned-policy?name=`. */
function removeCannedPolicy({ query, state }: AdminRequest): S3Response {
  if (!state.iam.policies.delete(policyName(query))) {
    throw new AdminError('XMinioAdminNoSuchPolicy');
  }
  return { status: 200 };
}

/**
 * `PUT add-user?accessKey=`: creates or updates a user from a body encrypted with the root secret
 * key (madmin `EncryptData` of `{"secretKey","policy":"p1,p2","status"}`). An update without
 * `policy` keeps the user's policies.
 */
function addUser({ query, body, state }: AdminRequest): S3Response {
  const accessKey = query.get('accessKey') ?? '';
  if (accessKey === state.portalAccount.accessKeyId) {
    throw new AdminError('XMinioInvalidIAMCredentials');
  }
  const plaintext = madminDecrypt(state.portalAccount.secretAccessKey, body);
  let request: { secretKey?: unknown; policy?: unknown; status?: unknown };
  try {
    request = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new AdminError('XMinioAdminConfigBadJSON');
  }
  if (!request || typeof request !== 'object') {
    throw new AdminError('XMinioAdminConfigBadJSON');
  }
  const accessKeyLength = [...accessKey].length;
  if (accessKeyLength < 3 || accessKeyLength > 20 || /[=,]/.test(accessKey)) {
    throw new AdminError('XMinioAdminInvalidAccessKey');
  }
  const secretKey =
    typeof request.secretKey === 'string' ? request.secretKey : '';
  const secretKeyLength = [...secretKey].length;
  if (secretKeyLength < 8 || secretKeyLength > 40) {
    throw new AdminError('XMinioAdminInvalidSecretKey');
  }
  const status = request.status ?? 'enabled';
  if (status !== 'enabled' && status !== 'disabled' && status !== '') {
    throw new AdminError('InvalidArgument');
  }
  const policies = (typeof request.policy === 'string' ? request.policy : '')
    .split(',')
    .map(name => name.trim())
    .filter(Boolean);
  if (policies.some(name => !state.iam.policies.has(name))) {
    throw new AdminError('XMinioAdminNoSuchPolicy');
  }
  const existing = state.iam.users.get(accessKey);
  state.iam.users.set(accessKey, {
    accessKey,
    secretKey,
    policies: policies.length > 0 || !existing ? policies : existing.policies,
    status: status === 'disabled' ? 'disabled' : 'enabled',
    updatedAt: new Date(),
  });
  return { status: 200 };
}

/** `GET user-info?accessKey=`: the user's policies and status, never its secret key. */
function userInfo({ query, state }: AdminRequest): S3Response {
  const user = state.iam.users.get(query.get('accessKey') ?? '');
  if (!user) throw new AdminError('XMinioAdminNoSuchUser');
  return jsonResponse({
    ...(user.policies.length > 0
      ? { policyName: user.policies.join(',') }
      : {}),
    status: user.status,
    memberOf: null,
    updatedAt: user.updatedAt.toISOString(),
  });
}

/** `DELETE remove-user?accessKey=`. */
function removeUser({ query, state }: AdminRequest): S3Response {
  if (!state.iam.users.delete(query.get('accessKey') ?? '')) {
    throw new AdminError('XMinioAdminNoSuchUser');
  }
  return { status: 200 };
}

/** The `name` of a canned policy: not empty, and no `,` (user policies are a comma-separated list). */
function policyName(query: URLSearchParams): string {
  const name = query.get('name') ?? '';
  if (name === '' || name.includes(',')) {
    throw new AdminError('InvalidArgument', 'Invalid policy name.');
  }
  return name;
}

function jsonResponse(value: unknown): S3Response {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  };
}
