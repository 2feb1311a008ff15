import { OpenBaoApiError, badRequest } from './apiError';
import { commaStringSlice, durationSeconds } from './fieldTypes';

/** OpenBao's default token TTL when a role sets none (the system default of 768h). */
export const DEFAULT_TOKEN_TTL_SECONDS = 768 * 3600;

/** A Kubernetes auth role as stored. */
export interface KubernetesAuthRole {
  boundServiceAccountNames: string[];
  boundServiceAccountNamespaces: string[];
  tokenPolicies: string[];
  tokenTtl: number;
  tokenMaxTtl: number;
  tokenNoDefaultPolicy: boolean;
  audience?: string;
  aliasNameSource: string;
}

/** The service account a login proved, as read from the JWT's claims. */
export interface ServiceAccountIdentity {
  name: string;
  namespace: string;
  uid: string;
  secretName: string;
}

/**
 * The roles of one Kubernetes auth mount and its login check. Role writes follow
 * `path_role.go` (fields, validation messages, read-back shape).
 */
export class KubernetesAuthRoles {
  private readonly roles = new Map<string, KubernetesAuthRole>();

  /** Whether the role exists (for the create/update existence check). */
  exists(name: string): boolean {
    return this.roles.has(name.toLowerCase());
  }

  /** Creates or updates a role from a request body; fields not sent keep their value. */
  write(name: string, body: Record<string, unknown>): void {
    const existing = this.roles.get(name.toLowerCase());
    const role: KubernetesAuthRole = existing
      ? { ...existing }
      : {
          boundServiceAccountNames: [],
          boundServiceAccountNamespaces: [],
          tokenPolicies: [],
          tokenTtl: 0,
          tokenMaxTtl: 0,
          tokenNoDefaultPolicy: false,
          aliasNameSource: 'serviceaccount_uid',
        };
    const policies = body.token_policies ?? body.policies;
    if (policies !== undefined)
      role.tokenPolicies = commaStringSlice('token_policies', policies);
    const ttl = body.token_ttl ?? body.ttl;
    if (ttl !== undefined) role.tokenTtl = durationSeconds('token_ttl', ttl);
    const maxTtl = body.token_max_ttl ?? body.max_ttl;
    if (maxTtl !== undefined)
      role.tokenMaxTtl = durationSeconds('token_max_ttl', maxTtl);
    if (body.token_no_default_policy !== undefined) {
      role.tokenNoDefaultPolicy = Boolean(body.token_no_default_policy);
    }
    if (role.tokenMaxTtl > 0 && role.tokenTtl > role.tokenMaxTtl) {
      throw badRequest('token ttl should not be greater than token max ttl');
    }
    if (body.bound_service_account_names !== undefined) {
      role.boundServiceAccountNames = commaStringSlice(
        'bound_service_account_names',
        body.bound_service_account_names,
      );
    }
    if (role.boundServiceAccountNames.length === 0) {
      throw badRequest('"bound_service_account_names" can not be empty');
    }
    if (
      role.boundServiceAccountNames.length > 1 &&
      role.boundServiceAccountNames.includes('*')
    ) {
      throw badRequest('can not mix "*" with values');
    }
    if (body.bound_service_account_namespaces !== undefined) {
      role.boundServiceAccountNamespaces = commaStringSlice(
        'bound_service_account_namespaces',
        body.bound_service_account_namespaces,
      );
    }
    if (role.boundServiceAccountNamespaces.length === 0) {
      throw badRequest(
        '"bound_service_account_namespaces" can not be empty if "bound_service_account_namespace_selector" is not set',
      );
    }
    if (
      role.boundServiceAccountNamespaces.length > 1 &&
      role.boundServiceAccountNamespaces.includes('*')
    ) {
      throw badRequest('can not mix "*" with values');
    }
    if (typeof body.audience === 'string') role.audience = body.audience;
    this.roles.set(name.toLowerCase(), role);
  }

  /** The role read answer, or undefined when there is no such role. */
  read(name: string): Record<string, unknown> | undefined {
    const role = this.roles.get(name.toLowerCase());
    if (!role) return undefined;
    return {
      bound_service_account_names: role.boundServiceAccountNames,
      bound_service_account_namespaces: role.boundServiceAccountNamespaces,
      bound_service_account_namespace_selector: '',
      ...(role.audience ? { audience: role.audience } : {}),
      token_bound_cidrs: [],
      token_explicit_max_ttl: 0,
      token_max_ttl: role.tokenMaxTtl,
      token_no_default_policy: role.tokenNoDefaultPolicy,
      token_period: 0,
      token_policies: role.tokenPolicies,
      token_type: 'default',
      token_ttl: role.tokenTtl,
      token_num_uses: 0,
      token_strictly_bind_ip: false,
      alias_name_source: role.aliasNameSource,
    };
  }

  /** Deletes a role. */
  delete(name: string): void {
    this.roles.delete(name.toLowerCase());
  }

  /** Role names, sorted. */
  names(): string[] {
    return [...this.roles.keys()].sort();
  }

  /**
   * Checks a login against a role and returns the role and the service account. Like OpenBao
   * without `token_reviewer_jwt` or public keys configured, the JWT's signature is NOT verified and no
   * TokenReview is made: its claims are decoded and matched against the role's bound names and
   * namespaces.
   */
  login(
    roleName: unknown,
    jwt: unknown,
  ): {
    role: KubernetesAuthRole;
    roleName: string;
    account: ServiceAccountIdentity;
  } {
    if (typeof roleName !== 'string' || roleName === '')
      throw badRequest('missing role');
    if (typeof jwt !== 'string' || jwt === '') throw badRequest('missing jwt');
    const role = this.roles.get(roleName.toLowerCase());
    if (!role) throw badRequest(`invalid role name "${roleName}"`);
    const account = serviceAccountFromJwt(jwt);
    if (role.audience && !account.audiences.includes(role.audience)) {
      throw new OpenBaoApiError(403, [
        'invalid audience (aud) claim: audience claim does not match any expected audience',
      ]);
    }
    const names = role.boundServiceAccountNames;
    if (
      !(names.length === 1 && names[0] === '*') &&
      !matchesAnyGlob(names, account.name)
    ) {
      throw new OpenBaoApiError(403, ['service account name not authorized']);
    }
    const namespaces = role.boundServiceAccountNamespaces;
    if (
      !(namespaces[0] === '*' || matchesAnyGlob(namespaces, account.namespace))
    ) {
      throw new OpenBaoApiError(403, ['namespace not authorized']);
    }
    return { role, roleName: roleName.toLowerCase(), account };
  }
}

interface JwtServiceAccount extends ServiceAccountIdentity {
  audiences: string[];
}

/**
 * Reads the service account from a Kubernetes JWT's claims without verifying it: projected tokens
 * (`kubernetes.io.serviceaccount.name`), legacy secret tokens
 * (`kubernetes.io/serviceaccount/service-account.name`), or else the `sub`
 * (`system:serviceaccount:<namespace>:<name>`).
 */
function serviceAccountFromJwt(jwt: string): JwtServiceAccount {
  const parts = jwt.split('.');
  let claims: Record<string, any>;
  try {
    if (parts.length !== 3)
      throw new Error('compact JWS format must have three parts');
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null)
      throw new Error('claims are not an object');
  } catch (error) {
    throw new OpenBaoApiError(403, [
      `error validating token: ${(error as Error).message}`,
    ]);
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) {
    throw new OpenBaoApiError(403, [
      'invalid expiration time (exp) claim: token is expired',
    ]);
  }
  const projected = claims['kubernetes.io'];
  const sub = typeof claims.sub === 'string' ? claims.sub.split(':') : [];
  const fromSub =
    sub.length === 4 && sub[0] === 'system' && sub[1] === 'serviceaccount'
      ? { namespace: sub[2], name: sub[3] }
      : undefined;
  const name: string =
    projected?.serviceaccount?.name ??
    claims['kubernetes.io/serviceaccount/service-account.name'] ??
    fromSub?.name ??
    '';
  const namespace: string =
    projected?.namespace ??
    claims['kubernetes.io/serviceaccount/namespace'] ??
    fromSub?.namespace ??
    '';
  const uid: string =
    projected?.serviceaccount?.uid ??
    claims['kubernetes.io/serviceaccount/service-account.uid'] ??
    `${namespace}/${name}`;
  const aud = claims.aud;
  return {
    name,
    namespace,
    uid,
    secretName: claims['kubernetes.io/serviceaccount/secret.name'] ?? '',
    audiences: [aud ?? []]
      .flat()
      .filter((a): a is string => typeof a === 'string'),
  };
}

function matchesAnyGlob(globs: string[], value: string): boolean {
  return globs.some(glob => {
    if (glob.includes('*')) {
      const regex = glob
        .split('*')
        .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
      return new RegExp(`^${regex}$`).test(value);
    }
    return glob === value;
  });
}
