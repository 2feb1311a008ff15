import { IamPolicyDocument, policiesAllow } from './iamPolicy';

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
  /** Names of the canned policies attached to the user. */
  policies: string[];
  status: 'enabled' | 'disabled';
  updatedAt: Date;
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

  /** The secret key an enabled user signs with (a disabled user is unknown to the signature check). */
  secretFor(accessKey: string): string | undefined {
    const user = this.users.get(accessKey);
    return user?.status === 'enabled' ? user.secretKey : undefined;
  }

  /**
   * Whether the user's policies allow an S3 action on a resource. A policy removed after it was
   * attached no longer grants anything.
   */
  allows(user: IamUser, action: string, resource: string): boolean {
    const documents = user.policies.flatMap(name => {
      const policy = this.policies.get(name);
      return policy ? [policy.document] : [];
    });
    return policiesAllow(documents, action, resource);
  }
}
