import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  RuntimeApproval,
  RuntimeApprovalRequest,
} from '@runtime-portal/backstage-plugin-runtime-common';

/**
 * What the approval gate needs of the runtime backend's approvals (`/api/runtime/approvals`).
 *
 * @public
 */
export interface ApprovalsApi {
  /** Creates the request for `request.key`, or returns the existing one. */
  create(
    request: RuntimeApprovalRequest,
    options?: { signal?: AbortSignal },
  ): Promise<RuntimeApproval>;
  /** The request `id` as it stands now. */
  get(id: string, options?: { signal?: AbortSignal }): Promise<RuntimeApproval>;
  /**
   * Marks the approved request `id` used (an actions-registry call's approval is single-use); a
   * `ResponseError` with status 409 when it was used already or is not approved.
   */
  use(id: string, options?: { signal?: AbortSignal }): Promise<RuntimeApproval>;
}

/** Per-call timeout of the approvals client. */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Calls the runtime backend's approval routes with this module's own service credentials (a
 * service principal may create requests, read any of them and use an approved one); each call
 * times out.
 */
export class ApprovalsClient implements ApprovalsApi {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      timeoutMs?: number;
    },
  ) {}

  async create(
    request: RuntimeApprovalRequest,
    options?: { signal?: AbortSignal },
  ): Promise<RuntimeApproval> {
    return this.call('/approvals', {
      method: 'POST',
      body: JSON.stringify(request),
      signal: options?.signal,
    });
  }

  async get(
    id: string,
    options?: { signal?: AbortSignal },
  ): Promise<RuntimeApproval> {
    return this.call(`/approvals/${encodeURIComponent(id)}`, {
      method: 'GET',
      signal: options?.signal,
    });
  }

  async use(
    id: string,
    options?: { signal?: AbortSignal },
  ): Promise<RuntimeApproval> {
    return this.call(`/approvals/${encodeURIComponent(id)}/use`, {
      method: 'POST',
      signal: options?.signal,
    });
  }

  private async call(
    path: string,
    init: { method: string; body?: string; signal?: AbortSignal },
  ): Promise<RuntimeApproval> {
    const { discovery, auth } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'runtime',
    });
    const timeout = AbortSignal.timeout(
      this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    const response = await fetch(
      `${await discovery.getBaseUrl('runtime')}${path}`,
      {
        method: init.method,
        body: init.body,
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body && { 'content-type': 'application/json' }),
        },
        signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as RuntimeApproval;
  }
}
