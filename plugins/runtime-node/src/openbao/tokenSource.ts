import { readFile } from 'node:fs/promises';
import { RuntimeUpstreamError } from '../errors';
import { HttpUpstreamClient } from '../http';

/** Where the client's `X-Vault-Token` comes from. */
export interface TokenSource {
  /** A token to send. */
  token(): Promise<string>;
  /**
   * Forgets a token OpenBao refused; true when asking again may give a different one (a fresh
   * login), false for a fixed token.
   */
  invalidate(token: string): boolean;
}

/** A token from configuration. */
export class StaticTokenSource implements TokenSource {
  constructor(private readonly value: string) {}

  async token(): Promise<string> {
    return this.value;
  }

  invalidate(): boolean {
    return false;
  }
}

/** What a Kubernetes auth login needs. */
export interface KubernetesLoginOptions {
  environment: string;
  /** Client for login calls: carries the namespace header, never a token. */
  http: HttpUpstreamClient;
  mount: string;
  role: string;
  serviceAccountTokenPath: string;
  /** Replaces the clock, for tests. */
  now?: () => number;
}

interface CachedToken {
  token: string;
  refreshAt: number;
}

/** Refresh this long before the lease ends (or at 90 % of short leases). */
const REFRESH_MARGIN_MS = 60_000;

interface LoginAnswer {
  auth?: { client_token?: string; lease_duration?: number };
}

/**
 * Logs in with the Kubernetes auth method (`POST /v1/auth/<mount>/login` with the service account's
 * JWT, read from its file at each login so rotated tokens are picked up) and caches the client token
 * until its lease is near its end. Concurrent callers share one login.
 */
export class KubernetesLoginTokenSource implements TokenSource {
  private cached?: CachedToken;
  private pending?: Promise<string>;
  private readonly now: () => number;

  constructor(private readonly options: KubernetesLoginOptions) {
    this.now = options.now ?? Date.now;
  }

  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt)
      return this.cached.token;
    this.pending ??= this.login().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(token: string): boolean {
    if (this.cached?.token === token) this.cached = undefined;
    return true;
  }

  private async login(): Promise<string> {
    const { mount, role, environment } = this.options;
    const operation = `log in to auth/${mount} as role ${role}`;
    const jwt = await this.readServiceAccountToken(operation);
    const startedAt = this.now();
    const response = await this.options.http.request<LoginAnswer>({
      operation,
      method: 'POST',
      path: `/v1/auth/${mount}/login`,
      body: { role, jwt },
      idempotent: true,
    });
    const token = response.body?.auth?.client_token;
    if (!token) {
      throw new RuntimeUpstreamError({
        upstream: 'openbao',
        environment,
        operation,
        reason: 'Unknown',
        status: response.status,
        detail: 'the login answer has no client token',
      });
    }
    const leaseMs = (response.body?.auth?.lease_duration ?? 0) * 1000;
    this.cached = {
      token,
      refreshAt:
        leaseMs > 0
          ? startedAt + leaseMs - Math.min(REFRESH_MARGIN_MS, leaseMs / 10)
          : Number.POSITIVE_INFINITY,
    };
    return token;
  }

  private async readServiceAccountToken(operation: string): Promise<string> {
    const path = this.options.serviceAccountTokenPath;
    try {
      const jwt = (await readFile(path, 'utf8')).trim();
      if (jwt) return jwt;
    } catch (error) {
      throw this.tokenFileError(
        operation,
        `cannot read ${path} (${
          (error as NodeJS.ErrnoException).code ?? 'error'
        })`,
        error,
      );
    }
    throw this.tokenFileError(operation, `${path} is empty`);
  }

  private tokenFileError(operation: string, problem: string, cause?: unknown) {
    return new RuntimeUpstreamError({
      upstream: 'openbao',
      environment: this.options.environment,
      operation,
      reason: 'Unauthorized',
      detail: `service account token file: ${problem}`,
      cause,
    });
  }
}
