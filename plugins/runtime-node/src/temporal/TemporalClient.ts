import { TemporalAccess } from '../config';
import {
  RuntimeUpstreamError,
  RuntimeUpstreamErrorReason,
  isRuntimeUpstreamError,
} from '../errors';
import { HttpUpstreamClient } from '../http';
import {
  DescribeNamespaceJson,
  daysAsDuration,
  toTemporalNamespace,
} from './namespaceJson';
import { parseTemporalError } from './parseTemporalError';
import {
  RegisterTemporalNamespaceRequest,
  TemporalCallOptions,
  TemporalNamespace,
  TemporalNamespaceUpdate,
} from './types';

/** Page size for ListNamespaces (Temporal's own default is 100). */
const LIST_PAGE_SIZE = 100;
/** Retention is compared with this tolerance (Temporal stores whole seconds). */
const RETENTION_TOLERANCE_DAYS = 1 / (24 * 60 * 60);

/**
 * A typed client for one environment's Temporal server, over the frontend's HTTP API (grpc-gateway
 * JSON, Temporal 1.22+): RegisterNamespace (`POST /api/v1/namespaces`), DescribeNamespace
 * (`GET /api/v1/namespaces/{namespace}`), ListNamespaces (`GET /api/v1/namespaces`) and
 * UpdateNamespace to mark one deleted (`POST /api/v1/namespaces/{namespace}/update`). Sends
 * `Authorization: Bearer <apiKey>` when an API key is configured. Every failure is a
 * {@link RuntimeUpstreamError} of the `temporal` upstream.
 *
 * @public
 */
export class TemporalClient {
  private readonly http: HttpUpstreamClient;
  private readonly environment: string;

  constructor(options: {
    environment: string;
    access: TemporalAccess;
    fetch?: typeof fetch;
  }) {
    const { access } = options;
    this.environment = options.environment;
    this.http = new HttpUpstreamClient({
      upstream: 'temporal',
      environment: options.environment,
      baseUrl: access.httpUrl,
      timeoutMs: access.timeoutMs,
      maxResponseBytes: access.maxResponseBytes,
      headers: (): Record<string, string> =>
        access.apiKey ? { authorization: `Bearer ${access.apiKey}` } : {},
      parseError: parseTemporalError,
      fetch: options.fetch,
    });
  }

  /**
   * Registers a namespace. Sent once (a POST is never retried); a name already registered fails with
   * reason `AlreadyExists` — see {@link TemporalClient.ensureNamespace} to accept an equal one.
   */
  async registerNamespace(
    request: RegisterTemporalNamespaceRequest,
    options?: TemporalCallOptions,
  ): Promise<void> {
    const operation = `register namespace ${request.name}`;
    if (
      !(request.retentionDays > 0) ||
      !Number.isFinite(request.retentionDays)
    ) {
      throw this.failure(
        operation,
        'Invalid',
        'retention must be a positive number of days',
      );
    }
    await this.http.request({
      operation,
      method: 'POST',
      path: '/api/v1/namespaces',
      body: {
        namespace: request.name,
        description: request.description,
        ownerEmail: request.ownerEmail,
        workflowExecutionRetentionPeriod: daysAsDuration(request.retentionDays),
        data: request.data,
      },
      signal: options?.signal,
    });
  }

  /**
   * Registers the namespace unless it exists already with the same retention and data (every key the
   * request names must have the same value): `created` or `exists`. An existing namespace that
   * differs fails with reason `Conflict`, naming what differs.
   */
  async ensureNamespace(
    request: RegisterTemporalNamespaceRequest,
    options?: TemporalCallOptions,
  ): Promise<'created' | 'exists'> {
    try {
      await this.registerNamespace(request, options);
      return 'created';
    } catch (error) {
      if (!isRuntimeUpstreamError(error, 'AlreadyExists')) throw error;
    }
    const existing = await this.describeNamespace(request.name, options);
    const differences: string[] = [];
    if (existing?.state === 'Deleted') {
      // Marked deleted (markNamespaceDeleted): the name is taken, the namespace unusable.
      differences.push('it is deleted');
    }
    if (
      existing?.retentionDays === undefined ||
      Math.abs(existing.retentionDays - request.retentionDays) >
        RETENTION_TOLERANCE_DAYS
    ) {
      differences.push(
        `retention is ${existing?.retentionDays ?? 'unknown'} days`,
      );
    }
    for (const [key, value] of Object.entries(request.data ?? {})) {
      if (existing?.data[key] !== value) {
        differences.push(
          `data ${key} is ${JSON.stringify(existing?.data[key] ?? null)}`,
        );
      }
    }
    if (differences.length > 0) {
      throw new RuntimeUpstreamError({
        upstream: 'temporal',
        environment: this.environment,
        operation: `register namespace ${request.name}`,
        reason: 'Conflict',
        status: 409,
        detail: `namespace exists with other settings: ${differences.join(
          ', ',
        )}`,
      });
    }
    return 'exists';
  }

  /**
   * Marks a namespace deleted: UpdateNamespace (`POST /api/v1/namespaces/{namespace}/update`) with
   * `updateInfo.state` `NAMESPACE_STATE_DELETED`, the only deletion Temporal's HTTP API offers
   * (OperatorService.DeleteNamespace, which also renames the namespace and reclaims its executions,
   * is gRPC only). Temporal then refuses calls in it and leaves it out of ListNamespaces; its name
   * stays taken and DescribeNamespace shows it with state `Deleted`. Sent once (never retried); one
   * deleted already is no change (success); an unknown namespace fails with reason `NotFound`.
   */
  async markNamespaceDeleted(
    name: string,
    options?: TemporalCallOptions,
  ): Promise<void> {
    await this.http.request({
      operation: `delete namespace ${name}`,
      method: 'POST',
      path: `/api/v1/namespaces/${encodeURIComponent(name)}/update`,
      body: { updateInfo: { state: 'NAMESPACE_STATE_DELETED' } },
      signal: options?.signal,
    });
  }

  /**
   * Changes a namespace's description, retention and data: UpdateNamespace
   * (`POST /api/v1/namespaces/{namespace}/update`) with `updateInfo.description`,
   * `config.workflowExecutionRetentionTtl` and `updateInfo.data`, only those given (Temporal keeps
   * what a request leaves out, and a description sent empty, and merges the data keys sent into the
   * existing data). Sent once (never retried); an unknown namespace fails with reason `NotFound`.
   */
  async updateNamespace(
    name: string,
    update: TemporalNamespaceUpdate,
    options?: TemporalCallOptions,
  ): Promise<void> {
    const operation = `update namespace ${name}`;
    const { description, retentionDays, data } = update;
    if (
      retentionDays !== undefined &&
      (!(retentionDays > 0) || !Number.isFinite(retentionDays))
    ) {
      throw this.failure(
        operation,
        'Invalid',
        'retention must be a positive number of days',
      );
    }
    await this.http.request({
      operation,
      method: 'POST',
      path: `/api/v1/namespaces/${encodeURIComponent(name)}/update`,
      body: {
        ...(description !== undefined || data !== undefined
          ? {
              updateInfo: {
                ...(description !== undefined ? { description } : {}),
                ...(data !== undefined ? { data } : {}),
              },
            }
          : {}),
        ...(retentionDays !== undefined
          ? {
              config: {
                workflowExecutionRetentionTtl: daysAsDuration(retentionDays),
              },
            }
          : {}),
      },
      signal: options?.signal,
    });
  }

  /** The namespace, or undefined when there is none by that name. */
  async describeNamespace(
    name: string,
    options?: TemporalCallOptions,
  ): Promise<TemporalNamespace | undefined> {
    const { status, body } = await this.http.request<DescribeNamespaceJson>({
      operation: `describe namespace ${name}`,
      path: `/api/v1/namespaces/${encodeURIComponent(name)}`,
      acceptStatus: [404],
      signal: options?.signal,
    });
    if (status === 404) {
      if (isNamespaceNotFound(body)) return undefined;
      throw new RuntimeUpstreamError({
        upstream: 'temporal',
        environment: this.environment,
        operation: `describe namespace ${name}`,
        reason: 'NotFound',
        status,
        detail:
          'no DescribeNamespace at the configured URL (is it the HTTP API?)',
      });
    }
    return toTemporalNamespace(body);
  }

  /** Every namespace, following `nextPageToken` through all pages. */
  async listNamespaces(
    options?: TemporalCallOptions & { pageSize?: number },
  ): Promise<TemporalNamespace[]> {
    const namespaces: TemporalNamespace[] = [];
    const seenTokens = new Set<string>();
    let nextPageToken: string | undefined;
    do {
      const { body } = await this.http.request<{
        namespaces?: DescribeNamespaceJson[];
        nextPageToken?: string;
      }>({
        operation: 'list namespaces',
        path: '/api/v1/namespaces',
        query: { pageSize: options?.pageSize ?? LIST_PAGE_SIZE, nextPageToken },
        signal: options?.signal,
      });
      namespaces.push(...(body?.namespaces ?? []).map(toTemporalNamespace));
      nextPageToken = body?.nextPageToken || undefined;
      if (nextPageToken && seenTokens.has(nextPageToken)) {
        throw this.failure(
          'list namespaces',
          'Unknown',
          'the server repeated a page token',
        );
      }
      if (nextPageToken) seenTokens.add(nextPageToken);
    } while (nextPageToken);
    return namespaces;
  }

  private failure(
    operation: string,
    reason: RuntimeUpstreamErrorReason,
    detail: string,
  ): RuntimeUpstreamError {
    return new RuntimeUpstreamError({
      upstream: 'temporal',
      environment: this.environment,
      operation,
      reason,
      detail,
    });
  }
}

/** Whether a 404 body is Temporal's NamespaceNotFound (and not a route that does not exist). */
function isNamespaceNotFound(body: unknown): boolean {
  const details = (
    body as { details?: Array<{ '@type'?: string }> } | undefined
  )?.details;
  return (details ?? []).some(detail =>
    detail['@type']?.endsWith(
      'temporal.api.errordetails.v1.NamespaceNotFoundFailure',
    ),
  );
}
