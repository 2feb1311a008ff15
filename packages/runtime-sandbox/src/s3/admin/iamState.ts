import { IamPolicyDocument, policiesAllow, policiesDeny } from './iamPolicy';

/** A canned policy, by name. */
export interface CannedPolicy {
  name: string;
  document: IamPolicyDocument;
  createDate: Date;
  updateDate: Date;
}

/** A user created through the admin API (`add-user`): it signs S3 requests with its own keys. */
export interface IamUser {
  accessKey: string;
  secretKey: string;
  /**
   * Names of the canned policies attached to the user (`set-user-or-group-policy`); MinIO keeps
   * this mapping apart from the user's credentials, so `add-user` leaves it as it is.
   */
  policies: string[];
  /** When the policy mapping was last set; undefined while the user has none. */
  policiesUpdatedAt?: Date;
  status: 'enabled' | 'disabled';
}

/**
 * MinIO's built-in identity management, in memory: canned policies and the users they are attached
 * to. The root credentials are not a user here; they keep full access.
 */
export class IamState {
  readonly policies = new Map<string, CannedPolicy>();
  readonly users = new Map<string, IamUser>();

  /** Adds a canned policy, or replaces the document of the one with that name. */
  putPolicy(name: string, document: IamPolicyDocument, now = new Date()): void {
    const existing = this.policies.get(name);
    this.policies.set(name, {
      name,
      document,
      createDate: existing?.createDate ?? now,
      updateDate: now,
    });
  }

  /** Whether a user has the policy attached (MinIO then refuses to remove it). */
  policyInUse(name: string): boolean {
    return [...this.users.values()].some(user => user.policies.includes(name));
  }

  /** The secret key an enabled user signs with (a disabled user is unknown to the signature check). */
  secretFor(accessKey: string): string | undefined {
    const user = this.users.get(accessKey);
    return user?.status === 'enabled' ? user.secretKey : undefined;
  }

  /**
   * Whether the user's policies allow an S3 action on a resource.
   */
  allows(user: IamUser, action: string, resource: string): boolean {
    return policiesAllow(this.documentsOf(user), action, resource);
  }

  /** Whether the user's policies explicitly deny an action on a resource. */
  denies(user: IamUser, action: string, resource: string): boolean {
    return policiesDeny(this.documentsOf(user), action, resource);
  }

  private documentsOf(user: IamUser): IamPolicyDocument[] {
    return user.policies.flatMap(name => {
      const policy = this.policies.get(name);
      return policy ? [policy.document] : [];
    });
  }
}
