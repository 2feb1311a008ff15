import { S3State } from '../s3State';
import { AdminError } from './adminErrors';

/**
 * The admin action each served admin API asks the caller's policies for (MinIO's
 * `cmd/admin-handlers-users.go`, `validateAdminReq`).
 */
const ADMIN_API_ACTIONS: Record<string, string> = {
  'add-canned-policy': 'admin:CreatePolicy',
  'info-canned-policy': 'admin:GetPolicy',
  'remove-canned-policy': 'admin:DeletePolicy',
  'add-user': 'admin:CreateUser',
  'user-info': 'admin:GetUser',
  'list-users': 'admin:ListUsers',
  'set-user-or-group-policy': 'admin:AttachUserOrGroupPolicy',
  'remove-user': 'admin:DeleteUser',
};

/**
 * The APIs a user may call on its own access key unless a policy explicitly denies them (MinIO's
 * `DenyOnly` check): looking itself up and changing its own secret key.
 */
const SELF_APIS = new Set(['user-info', 'add-user']);

/**
 * Checks that the signer of an admin request may call the API: the portal account's root keys may
 * call every one; an IAM user of that account only those its policies allow (`AccessDenied`
 * otherwise), except looking itself up or changing its own secret key, which only an explicit deny
 * refuses; any other account's keys are refused. An API the sandbox does not serve is left to the router (`NotImplemented`).
 */
export function authorizeAdminCall(
  state: S3State,
  accessKeyId: string,
  api: string,
  query: URLSearchParams,
): void {
  if (accessKeyId === state.portalAccount.accessKeyId) return;
  const user = state.accountFor(accessKeyId)
    ? undefined
    : state.iam.users.get(accessKeyId);
  if (!user) throw new AdminError('AccessDenied');
  const action = Object.prototype.hasOwnProperty.call(ADMIN_API_ACTIONS, api)
    ? ADMIN_API_ACTIONS[api]
    : undefined;
  if (!action) return;
  const onItself = SELF_APIS.has(api) && query.get('accessKey') === accessKeyId;
  const allowed = onItself
    ? !state.iam.denies(user, action, '')
    : state.iam.allows(user, action, '');
  if (!allowed) throw new AdminError('AccessDenied');
}
