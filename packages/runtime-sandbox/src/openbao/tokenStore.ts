import { randomBytes, randomUUID } from 'node:crypto';

/** A token OpenBao accepts, with the policies and namespace it carries. */
export interface TokenEntry {
  id: string;
  accessor: string;
  policies: string[];
  /** Namespace path the token belongs to (`''` is the root namespace). */
  namespace: string;
  /** Epoch milliseconds after which the token is refused; undefined never expires. */
  expiresAt?: number;
  /** TTL it was issued with, in seconds (0 for root). */
  ttlSeconds: number;
  issuedAt: number;
  displayName: string;
  metadata: Record<string, string>;
  entityId: string;
}

/** What a new token is issued with. */
export interface TokenRequest {
  policies: string[];
  namespace: string;
  ttlSeconds: number;
  displayName: string;
  metadata: Record<string, string>;
}

/** The tokens of the sandbox: the root token and those issued by logins. */
export class TokenStore {
  private readonly tokens = new Map<string, TokenEntry>();

  constructor(rootToken: string) {
    this.tokens.set(rootToken, {
      id: rootToken,
      accessor: randomAccessor(),
      policies: ['root'],
      namespace: '',
      ttlSeconds: 0,
      issuedAt: Date.now(),
      displayName: 'root',
      metadata: {},
      entityId: '',
    });
  }

  /** Issues a service token (`hvs.` prefix, as OpenBao's service tokens have). */
  issue(request: TokenRequest): TokenEntry {
    const entry: TokenEntry = {
      ...request,
      id: `hvs.${randomBytes(18).toString('base64url')}`,
      accessor: randomAccessor(),
      expiresAt:
        request.ttlSeconds > 0
          ? Date.now() + request.ttlSeconds * 1000
          : undefined,
      issuedAt: Date.now(),
      entityId: randomUUID(),
    };
    this.tokens.set(entry.id, entry);
    return entry;
  }

  /**
   * Adds a token with a given id (one handed out before the sandbox starts, as a platform hands a
   * workload its token); it never expires.
   */
  add(id: string, request: Omit<TokenRequest, 'ttlSeconds'>): TokenEntry {
    const entry: TokenEntry = {
      ...request,
      id,
      accessor: randomAccessor(),
      ttlSeconds: 0,
      issuedAt: Date.now(),
      entityId: randomUUID(),
    };
    this.tokens.set(id, entry);
    return entry;
  }

  /** The live token entry, or undefined for unknown, revoked or expired tokens. */
  lookup(id: string | undefined): TokenEntry | undefined {
    if (!id) return undefined;
    const entry = this.tokens.get(id);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.tokens.delete(id);
      return undefined;
    }
    return entry;
  }

  /** Revokes a token (root included, as `revoke-self` does). */
  revoke(id: string): void {
    this.tokens.delete(id);
  }
}

function randomAccessor(): string {
  return randomBytes(18).toString('base64url');
}
