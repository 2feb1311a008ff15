import { Enforcer, newEnforcer, newModelFromString } from 'casbin';
import { ArgoCdAccessSettings } from './argoCdSettings';
import { ArgoCdApiError } from './argoCdError';
import { globMatch } from './glob';
import { PolicyTextAdapter } from './policyAdapter';
import { ARGOCD_BUILTIN_POLICY, ARGOCD_RBAC_MODEL } from './rbacModel';

/** Who calls the API: the account of the token, and when the token was issued (its `iat`). */
export interface ArgoCdSession {
  username: string;
  issuedAt: Date;
}

/** casbin's `util.RegexMatchFunc`: the policy token as an unanchored regular expression. */
function regexMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return false;
  }
}

/**
 * Argo CD's RBAC enforcer (`util/rbac` `Enforcer` with the API server's claims check), on Casbin
 * with Argo CD's model: the built-in policy, then the user-defined one; the default role is tried
 * first, then the subject itself. Everything not allowed is denied.
 */
export class ArgoCdRbac {
  private constructor(
    private readonly enforcer: Enforcer,
    private readonly defaultRole: string,
  ) {}

  /** An enforcer of the settings' policy, default role and match mode (throws on an invalid policy line). */
  static async create(
    settings: Pick<
      ArgoCdAccessSettings,
      'policyCsv' | 'defaultRole' | 'matchMode'
    >,
  ): Promise<ArgoCdRbac> {
    const enforcer = await newEnforcer(
      newModelFromString(ARGOCD_RBAC_MODEL),
      new PolicyTextAdapter([ARGOCD_BUILTIN_POLICY, settings.policyCsv]),
    );
    const match = settings.matchMode === 'regex' ? regexMatch : globMatch;
    await enforcer.addFunction(
      'globOrRegexMatch',
      (value: string, pattern: string) => match(pattern, value),
    );
    return new ArgoCdRbac(enforcer, settings.defaultRole);
  }

  /** Whether `subject` (or the default role) may do `action` on `resource` `object`. */
  allows(
    subject: string,
    resource: string,
    action: string,
    object: string,
  ): boolean {
    const check = (sub: string) => {
      try {
        return this.enforcer.enforceSync(sub, resource, action, object);
      } catch {
        return false;
      }
    };
    return (
      (this.defaultRole !== '' && check(this.defaultRole)) || check(subject)
    );
  }

  /**
   * Argo CD's `EnforceErr`: nothing when allowed, else code 7 `permission denied: <resource>,
   * <action>, <object>, sub: <subject>, iat: <issued>` (the message given to `wrap`, when the
   * handler wraps it).
   */
  require(
    session: ArgoCdSession,
    resource: string,
    action: string,
    object: string,
    wrap: (message: string) => string = message => message,
  ): void {
    if (this.allows(session.username, resource, action, object)) return;
    const issued = session.issuedAt.toISOString().replace(/\.\d+Z$/, 'Z');
    throw new ArgoCdApiError(
      7,
      wrap(
        `permission denied: ${resource}, ${action}, ${object}, sub: ${session.username}, iat: ${issued}`,
      ),
    );
  }
}
