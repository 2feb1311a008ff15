import { AdminError, IAM_CAUSES } from './adminErrors';

/** An IAM policy document as MinIO stores a canned policy. */
export interface IamPolicyDocument {
  Version: string;
  Statement: IamStatement[];
  [key: string]: unknown;
}

/** One statement of an {@link IamPolicyDocument}. */
interface IamStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, unknown>;
  [key: string]: unknown;
}

const RESOURCE_PREFIX = 'arn:aws:s3:::';

/**
 * Parses the body of `add-canned-policy`, checking what MinIO checks (minio/pkg v3 `policy.ParseConfig`,
 * then the handler's version check): JSON that decodes to a policy, version `2012-10-17`, and
 * statements with an `Effect`, actions and S3 resources (`arn:aws:s3:::…`) are 400
 * `XMinioMalformedIAMPolicy` otherwise; an empty or missing `Version` is 400 `MalformedPolicy`, and
 * a policy without statements 400 `XMinioAdminInvalidArgument`.
 */
export function parsePolicyDocument(body: Buffer): IamPolicyDocument {
  let document: unknown;
  try {
    document = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw malformed(`invalid JSON: ${(error as Error).message}`);
  }
  const policy = document as Partial<IamPolicyDocument> | null;
  if (!policy || typeof policy !== 'object' || Array.isArray(policy)) {
    throw malformed('the policy must be a JSON object');
  }
  const version = policy.Version ?? '';
  if (version !== '2012-10-17' && version !== '') {
    throw malformed(`invalid version '${String(version)}'`);
  }
  const statements = Array.isArray(policy.Statement)
    ? policy.Statement
    : [policy.Statement];
  if (statements.some(s => !isStatement(s))) {
    throw malformed('invalid statement');
  }
  if (version === '') throw new AdminError('MalformedPolicy');
  if (statements.length === 0) {
    // IAMSys.SetPolicy refuses an empty policy with errInvalidArgument
    throw new AdminError('XMinioAdminInvalidArgument', {
      cause: IAM_CAUSES.invalidArgument,
    });
  }
  return policy as IamPolicyDocument;
}

/** MinIO answers a `policy.Error` with its own text as the message. */
function malformed(message: string): AdminError {
  return new AdminError('XMinioMalformedIAMPolicy', { message });
}

/**
 * Whether a statement grants admin API actions (`admin:…`, minio/pkg `Statement.isAdmin`): such a
 * statement needs no `Resource`, and its resources are never matched.
 */
function isAdminStatement(statement: Partial<IamStatement>): boolean {
  return asList(statement.Action).some(
    action => typeof action === 'string' && action.startsWith('admin:'),
  );
}

function isStatement(value: unknown): value is IamStatement {
  const statement = value as Partial<IamStatement> | null;
  if (!statement || typeof statement !== 'object') return false;
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return false;
  const actions = asList(statement.Action);
  const resources = asList(statement.Resource);
  const validActions =
    actions.length > 0 &&
    actions.every(action => typeof action === 'string' && action !== '');
  if (validActions && isAdminStatement(statement)) return true;
  return (
    validActions &&
    resources.length > 0 &&
    resources.every(
      resource =>
        typeof resource === 'string' &&
        resource.startsWith(RESOURCE_PREFIX) &&
        resource.length > RESOURCE_PREFIX.length,
    )
  );
}

/**
 * Whether the policies allow an S3 action (e.g. `s3:GetObject`) on a resource (`arn:aws:s3:::bucket`
 * or `arn:aws:s3:::bucket/key`): some `Allow` statement matches, and no `Deny` statement does.
 * Actions and resources may use the `*` and `?` wildcards; actions match case-insensitively. An
 * admin statement matches by action alone (an admin API action is asked for with no resource).
 * Statements with a `Condition` are not evaluated by the sandbox: they match nothing.
 */
export function policiesAllow(
  policies: IamPolicyDocument[],
  action: string,
  resource: string,
): boolean {
  const matching = matchingStatements(policies, action, resource);
  return (
    matching.some(statement => statement.Effect === 'Allow') &&
    !matching.some(statement => statement.Effect === 'Deny')
  );
}

/**
 * Whether some `Deny` statement of the policies matches (MinIO's `DenyOnly` check, which lets a user
 * act on itself unless it is explicitly denied).
 */
export function policiesDeny(
  policies: IamPolicyDocument[],
  action: string,
  resource: string,
): boolean {
  return matchingStatements(policies, action, resource).some(
    statement => statement.Effect === 'Deny',
  );
}

function matchingStatements(
  policies: IamPolicyDocument[],
  action: string,
  resource: string,
): IamStatement[] {
  return policies
    .flatMap(policy => asList(policy.Statement))
    .filter(
      statement =>
        statement.Condition === undefined &&
        asList(statement.Action).some(pattern =>
          wildcardMatch(pattern.toLowerCase(), action.toLowerCase()),
        ) &&
        (isAdminStatement(statement) ||
          asList(statement.Resource).some(pattern =>
            wildcardMatch(pattern, resource),
          )),
    );
}

/** IAM wildcard matching: `*` is any run of characters, `?` any one character. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const source = pattern
    .split('')
    .map(char => {
      if (char === '*') return '.*';
      if (char === '?') return '.';
      return char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
