import { KubeConfig } from '@kubernetes/client-node';
import { RUNTIME_FIELD_MANAGER } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeUpstreamError, isRuntimeUpstreamError } from '../errors';
import { HttpUpstreamClient } from '../http';
import { apiVersionOf, findKind } from './kinds';
import { kubeConfigFromAccess } from './kubeConfig';
import { kubernetesFetch } from './kubernetesFetch';
import { kubernetesWatch } from './kubernetesWatch';
import { parseKubernetesStatus } from './parseKubernetesStatus';
import {
  KubernetesApplyOptions,
  KubernetesCallOptions,
  KubernetesClientOptions,
  KubernetesDeleteOptions,
  KubernetesKind,
  KubernetesListAllOptions,
  KubernetesListOptions,
  KubernetesListPage,
  KubernetesObject,
  KubernetesWatchOptions,
  KubernetesWriteOptions,
} from './types';

/** The page size of {@link KubernetesClient.listAll} when none is given. */
const DEFAULT_LIST_PAGE_SIZE = 500;

const APPLY_PATCH = 'application/apply-patch+yaml';
const MERGE_PATCH = 'application/merge-patch+json';

/**
 * Metadata an apply does not send: what the server owns, and `resourceVersion`, which would make
 * the apply conditional (use `replace` for optimistic concurrency).
 */
const UNAPPLIED_METADATA = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'deletionTimestamp',
  'generation',
  'managedFields',
  'selfLink',
] as const;

interface ListBody {
  metadata?: { continue?: string; resourceVersion?: string };
  items?: KubernetesObject[];
}

/**
 * A typed client for one environment's Kubernetes API, for the kinds the suite uses (see
 * {@link KUBERNETES_KINDS}). Built on `@kubernetes/client-node`'s KubeConfig and transport, with
 * the shared upstream core for timeouts (`access.timeoutMs` per attempt), cancellation and retries
 * of reads only. Every failure is a {@link RuntimeUpstreamError} naming `kubernetes`, with the
 * reason and message of the API server's `Status`.
 *
 * @public
 */
export class KubernetesClient {
  private readonly environment: string;
  private readonly http: HttpUpstreamClient;
  private readonly kubeConfig: KubeConfig;

  constructor(options: KubernetesClientOptions) {
    const { environment, access } = options;
    this.environment = environment;
    const kubeConfig = kubeConfigFromAccess(access);
    this.kubeConfig = kubeConfig;
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster?.server) {
      throw this.error(
        'configure the client',
        'Invalid',
        'no API server URL is configured',
      );
    }
    if (
      cluster.server.startsWith('http:') &&
      !cluster.skipTLSVerify &&
      !options.fetch
    ) {
      throw this.error(
        'configure the client',
        'Invalid',
        `${cluster.server} is plain HTTP: client-node sends credentials over HTTP only with skipTLSVerify (local use only)`,
      );
    }
    this.http = new HttpUpstreamClient({
      upstream: 'kubernetes',
      environment,
      baseUrl: cluster.server,
      timeoutMs: access.timeoutMs,
      maxResponseBytes: access.maxResponseBytes,
      retries: options.retries,
      fetch: options.fetch ?? kubernetesFetch(kubeConfig),
      parseError: parseKubernetesStatus,
    });
  }

  /** Reads one object; resolves `undefined` when it does not exist. */
  async get<T extends KubernetesObject>(
    kind: KubernetesKind<T>,
    namespace: string | undefined,
    name: string,
    options: KubernetesCallOptions = {},
  ): Promise<T | undefined> {
    const operation = `get ${kind.kind} ${this.describe(
      kind,
      namespace,
      name,
    )}`;
    const response = await this.http.request<T>({
      operation,
      path: this.objectPath(kind, namespace, name, operation),
      signal: options.signal,
      acceptStatus: [404],
    });
    return response.status === 404 ? undefined : response.body;
  }

  /** Lists one page of objects in a namespace (or all namespaces) with optional selectors. */
  async list<T extends KubernetesObject>(
    kind: KubernetesKind<T>,
    options: KubernetesListOptions = {},
  ): Promise<KubernetesListPage<T>> {
    const { namespace } = options;
    const operation = `list ${kind.kind} in ${
      namespace ?? (kind.namespaced ? 'all namespaces' : 'the cluster')
    }`;
    if (namespace !== undefined && !kind.namespaced) {
      throw this.error(operation, 'Invalid', `${kind.kind} is not namespaced`);
    }
    const { body } = await this.http.request<ListBody>({
      operation,
      path: this.collectionPath(kind, namespace),
      query: {
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        limit: options.limit,
        continue: options.continue,
      },
      signal: options.signal,
    });
    return {
      // Built-in kinds come without apiVersion and kind on list items.
      items: (body.items ?? []).map(item => ({
        ...item,
        apiVersion: item.apiVersion ?? apiVersionOf(kind),
        kind: item.kind ?? kind.kind,
      })) as T[],
      continue: body.metadata?.continue || undefined,
      resourceVersion: body.metadata?.resourceVersion ?? '',
    };
  }

  /**
   * Lists every object, page by page (`limit`, default 500). When a continue token has expired
   * (410 `Expired`, after about five minutes), the list restarts once from the beginning and skips
   * the objects already yielded (by uid); a second expiry fails with reason `Expired`.
   */
  async *listAll<T extends KubernetesObject>(
    kind: KubernetesKind<T>,
    options: KubernetesListAllOptions = {},
  ): AsyncGenerator<T, void, undefined> {
    const { onPage, ...listOptions } = options;
    const limit = listOptions.limit ?? DEFAULT_LIST_PAGE_SIZE;
    const yielded = new Set<string>();
    let token: string | undefined;
    let restarted = false;
    for (let index = 0; ; ) {
      let page: KubernetesListPage<T>;
      try {
        page = await this.list(kind, {
          ...listOptions,
          limit,
          continue: token,
        });
      } catch (error) {
        if (token && !restarted && isRuntimeUpstreamError(error, 'Expired')) {
          restarted = true;
          token = undefined;
          continue;
        }
        throw error;
      }
      onPage?.({ index: index++, items: page.items.length, restarted });
      for (const item of page.items) {
        const uid = item.metadata.uid;
        if (uid !== undefined) {
          if (yielded.has(uid)) continue;
          yielded.add(uid);
        }
        yield item;
      }
      if (!page.continue) return;
      token = page.continue;
    }
  }

  /**
   * Watches a kind (in a namespace, or all) for the changes after `resourceVersion`, with bookmarks,
   * through client-node's transport and the configured credentials. Long-lived: no per-attempt
   * timeout, but a stream silent for `idleTimeoutMs` counts as broken. Resolves when the API server
   * ends the watch normally (after `timeoutSeconds`) or `signal` aborts; rejects with a
   * {@link RuntimeUpstreamError}: reason `Expired` (410) when `resourceVersion` is too old (list
   * again), or the HTTP failure's reason. Never retried: the caller resumes from the last version.
   */
  watch<T extends KubernetesObject>(
    kind: KubernetesKind<T>,
    options: KubernetesWatchOptions<T>,
  ): Promise<void> {
    const { namespace } = options;
    const operation = `watch ${kind.kind} in ${
      namespace ?? (kind.namespaced ? 'all namespaces' : 'the cluster')
    }`;
    if (namespace !== undefined && !kind.namespaced) {
      return Promise.reject(
        this.error(operation, 'Invalid', `${kind.kind} is not namespaced`),
      );
    }
    return kubernetesWatch(this.kubeConfig, {
      ...options,
      environment: this.environment,
      operation,
      path: this.collectionPath(kind, namespace),
    });
  }

  /**
   * Server-side apply as field manager `runtime-portal`: creates or updates the object with the
   * fields given and returns the live object. Status and server-owned metadata (uid,
   * resourceVersion, managedFields, …) are not sent, so an object read from the server can be
   * modified and applied again. A field owned by another manager with another value fails with
   * reason `Conflict` unless `force` is set. With `options.resourceVersion` the apply is
   * conditional: it fails with reason `Conflict` when the live object has changed since it was read.
   */
  async apply<T extends KubernetesObject>(
    object: T,
    options: KubernetesApplyOptions = {},
  ): Promise<T> {
    const { kind, namespace, name, operation } = this.identify(object, 'apply');
    const metadata: Record<string, unknown> = { ...object.metadata };
    for (const key of UNAPPLIED_METADATA) delete metadata[key];
    if (options.resourceVersion)
      metadata.resourceVersion = options.resourceVersion;
    const desired: Record<string, unknown> = { ...object, metadata };
    delete desired.status;
    return this.write<T>({
      operation,
      method: 'PATCH',
      path: this.objectPath(kind, namespace, name, operation),
      body: desired,
      options,
      force: options.force,
      contentType: APPLY_PATCH,
    });
  }

  /** Creates an object; an existing name fails with reason `AlreadyExists`. */
  async create<T extends KubernetesObject>(
    object: T,
    options: KubernetesWriteOptions = {},
  ): Promise<T> {
    const { kind, namespace, operation } = this.identify(object, 'create');
    return this.write<T>({
      operation,
      method: 'POST',
      path: this.collectionPath(kind, namespace, operation),
      body: object,
      options,
    });
  }

  /**
   * Replaces an object (PUT). With `metadata.resourceVersion` set, a concurrent change fails with
   * reason `Conflict` (custom resources require it).
   */
  async replace<T extends KubernetesObject>(
    object: T,
    options: KubernetesWriteOptions = {},
  ): Promise<T> {
    const { kind, namespace, name, operation } = this.identify(
      object,
      'replace',
    );
    return this.write<T>({
      operation,
      method: 'PUT',
      path: this.objectPath(kind, namespace, name, operation),
      body: object,
      options,
    });
  }

  /**
   * Changes an object with a JSON merge patch (RFC 7386, `application/merge-patch+json`) as field
   * manager `runtime-portal`: the fields given are set, those given as `null` removed, lists replaced
   * as a whole. With `metadata.resourceVersion` in the patch the change is conditional: it fails with
   * reason `Conflict` when the live object has changed since it was read.
   */
  async mergePatch<T extends KubernetesObject>(
    kind: KubernetesKind<T>,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown>,
    options: KubernetesWriteOptions = {},
  ): Promise<T> {
    const operation = `patch ${kind.kind} ${this.describe(
      kind,
      namespace,
      name,
    )}`;
    return this.write<T>({
      operation,
      method: 'PATCH',
      path: this.objectPath(kind, namespace, name, operation),
      body: patch,
      options,
      contentType: MERGE_PATCH,
    });
  }

  /**
   * Deletes an object; resolves `true` when it was deleted, `false` when it was already absent and
   * `ignoreNotFound` is set (otherwise absence fails with reason `NotFound`). With
   * `options.preconditions` the API server deletes only the object of that uid/resourceVersion
   * (sent as a `DeleteOptions` body); another one fails with reason `Conflict`.
   */
  async delete(
    kind: KubernetesKind<any>,
    namespace: string | undefined,
    name: string,
    options: KubernetesDeleteOptions = {},
  ): Promise<boolean> {
    const operation = `delete ${kind.kind} ${this.describe(
      kind,
      namespace,
      name,
    )}`;
    const response = await this.http.request({
      operation,
      method: 'DELETE',
      path: this.objectPath(kind, namespace, name, operation),
      query: {
        dryRun: options.dryRun ? 'All' : undefined,
        propagationPolicy: options.propagationPolicy,
      },
      body: options.preconditions
        ? {
            apiVersion: 'v1',
            kind: 'DeleteOptions',
            preconditions: options.preconditions,
          }
        : undefined,
      signal: options.signal,
      acceptStatus: options.ignoreNotFound ? [404] : undefined,
    });
    return response.status !== 404;
  }

  private identify(object: KubernetesObject, verb: string) {
    const kind = findKind(object.apiVersion, object.kind);
    const name = object.metadata?.name;
    const namespace = object.metadata?.namespace;
    const label = `${verb} ${object.kind ?? 'object'} ${
      namespace ? `${namespace}/` : ''
    }${name ?? ''}`.trim();
    if (!kind) {
      throw this.error(
        label,
        'Invalid',
        `${object.apiVersion} ${object.kind} is not a kind this client knows`,
      );
    }
    if (!name) throw this.error(label, 'Invalid', 'metadata.name is required');
    const operation = `${verb} ${kind.kind} ${this.describe(
      kind,
      namespace,
      name,
    )}`;
    return { kind, namespace, name, operation };
  }

  /**
   * Sends a write as field manager `runtime-portal` (dry run on request) and returns the live
   * object. Writes use `fieldValidation=Strict`: a field the server's schema does not know (a typo
   * in what the portal writes) fails the request instead of being dropped with a warning.
   */
  private async write<T>(request: {
    operation: string;
    method: 'POST' | 'PUT' | 'PATCH';
    path: string;
    body: unknown;
    options: KubernetesWriteOptions;
    force?: boolean;
    contentType?: string;
  }): Promise<T> {
    const { options } = request;
    const { body } = await this.http.request<T>({
      operation: request.operation,
      method: request.method,
      path: request.path,
      query: {
        fieldManager: RUNTIME_FIELD_MANAGER,
        fieldValidation: 'Strict',
        force: request.force ? true : undefined,
        dryRun: options.dryRun ? 'All' : undefined,
      },
      headers: request.contentType
        ? { 'content-type': request.contentType }
        : undefined,
      body: request.body,
      signal: options.signal,
    });
    return body;
  }

  private describe(
    kind: KubernetesKind<any>,
    namespace: string | undefined,
    name: string,
  ) {
    return kind.namespaced && namespace ? `${namespace}/${name}` : name;
  }

  private collectionPath(
    kind: KubernetesKind<any>,
    namespace: string | undefined,
    operation?: string,
  ) {
    if (operation && kind.namespaced && !namespace) {
      throw this.error(
        operation,
        'Invalid',
        `${kind.kind} is namespaced: metadata.namespace is required`,
      );
    }
    const base = kind.group
      ? `/apis/${kind.group}/${kind.version}`
      : `/api/${kind.version}`;
    return kind.namespaced && namespace
      ? `${base}/namespaces/${encodeURIComponent(namespace)}/${kind.plural}`
      : `${base}/${kind.plural}`;
  }

  private objectPath(
    kind: KubernetesKind<any>,
    namespace: string | undefined,
    name: string,
    operation: string,
  ) {
    if (!kind.namespaced && namespace) {
      throw this.error(
        operation,
        'Invalid',
        `${kind.kind} is cluster-scoped: no namespace may be given`,
      );
    }
    return `${this.collectionPath(
      kind,
      namespace,
      operation,
    )}/${encodeURIComponent(name)}`;
  }

  private error(
    operation: string,
    reason: 'Invalid',
    detail: string,
  ): RuntimeUpstreamError {
    return new RuntimeUpstreamError({
      upstream: 'kubernetes',
      environment: this.environment,
      operation,
      reason,
      detail,
    });
  }
}
