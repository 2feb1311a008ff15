import { RuntimeUpstreamError, isRuntimeUpstreamError } from '../errors';
import {
  HttpUpstreamClient,
  HttpUpstreamRequest,
  HttpUpstreamResponse,
} from '../http';
import { PathKind, encodePath } from './paths';
import { parseOpenBaoError } from './parseOpenBaoError';
import {
  KubernetesLoginTokenSource,
  StaticTokenSource,
  TokenSource,
} from './tokenSource';
import {
  KubernetesAuthRoleRequest,
  OpenBaoAclPolicy,
  OpenBaoCallOptions,
  OpenBaoClientOptions,
  OpenBaoKubernetesAuthRole,
  OpenBaoSecretKeys,
  OpenBaoSecretMetadata,
  OpenBaoSecretVersion,
  WriteSecretMetadataRequest,
  WriteSecretOptions,
  WriteSecretMetadataOptions,
} from './types';
import { walkFolders } from './walkFolders';

const DEFAULT_LIST_CONCURRENCY = 4;

interface Envelope<T> {
  data?: T;
  errors?: string[];
}

interface MetadataData {
  versions?: Record<
    string,
    { created_time?: string; deletion_time?: string; destroyed?: boolean }
  >;
  current_version?: number;
  current_metadata_version?: number;
  oldest_version?: number;
  max_versions?: number;
  created_time?: string;
  updated_time?: string;
  custom_metadata?: Record<string, string> | null;
}

interface RoleData {
  bound_service_account_names?: string[];
  bound_service_account_namespaces?: string[];
  token_policies?: string[];
  token_ttl?: number;
}

/**
 * A typed client for one environment's OpenBao (Vault-compatible HTTP API): KV version 2 secrets
 * (metadata, never values), ACL policies and Kubernetes auth roles. Authenticates with a token or a
 * Kubernetes auth login; every failure is a {@link RuntimeUpstreamError} naming `openbao`, and
 * neither tokens nor secret values ever appear in errors.
 *
 * @public
 */
export class OpenBaoClient {
  private readonly environment: string;
  private readonly http: HttpUpstreamClient;
  private readonly tokens: TokenSource;
  private readonly kvMount: string;
  private readonly authMount: string;
  private readonly listConcurrency: number;

  constructor(options: OpenBaoClientOptions) {
    const { environment, access } = options;
    this.environment = environment;
    this.kvMount = this.encode(
      access.kvMount,
      'mount',
      'configure the KV mount',
    );
    this.authMount = this.encode(
      access.kubernetesAuthMount,
      'mount',
      'configure the Kubernetes auth mount',
    );
    this.listConcurrency = options.listConcurrency ?? DEFAULT_LIST_CONCURRENCY;
    const namespaceHeaders: Record<string, string> = {
      'X-Vault-Request': 'true',
    };
    if (access.namespace)
      namespaceHeaders['X-Vault-Namespace'] = access.namespace;
    this.http = new HttpUpstreamClient({
      upstream: 'openbao',
      environment,
      baseUrl: access.url,
      timeoutMs: access.timeoutMs,
      maxResponseBytes: access.maxResponseBytes,
      headers: () => namespaceHeaders,
      parseError: parseOpenBaoError,
      fetch: options.fetch,
    });
    this.tokens =
      access.auth.type === 'token'
        ? new StaticTokenSource(access.auth.token)
        : new KubernetesLoginTokenSource({
            environment,
            http: this.http,
            mount: this.encode(
              access.auth.mount,
              'mount',
              'configure the login mount',
            ),
            role: access.auth.role,
            serviceAccountTokenPath: access.auth.serviceAccountTokenPath,
          });
  }

  /**
   * Checks that the server answers and that the portal's token is valid (`auth/token/lookup-self`);
   * throws a {@link RuntimeUpstreamError} otherwise.
   */
  async checkAccess(options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.send({
      operation: 'check access',
      path: '/v1/auth/token/lookup-self',
      signal: options.signal,
    });
  }

  /**
   * Writes a new version of a secret. With `cas`, writes only if the current version is `cas`
   * (`0`: only if the secret does not exist); a mismatch fails with reason `Conflict`.
   */
  async writeSecret(
    path: string,
    data: Record<string, string>,
    options: WriteSecretOptions = {},
  ): Promise<OpenBaoSecretVersion> {
    const operation = `write secret ${path}`;
    const encoded = this.encode(path, 'secret', operation);
    const { cas } = options;
    if (cas !== undefined && !(Number.isInteger(cas) && cas >= 0)) {
      throw this.error(
        operation,
        'Invalid',
        'cas must be a whole number, 0 or more',
      );
    }
    try {
      const response = await this.send<
        Envelope<{ version: number; created_time: string }>
      >({
        operation,
        method: 'POST',
        path: `/v1/${this.kvMount}/data/${encoded}`,
        body: { data, ...(cas === undefined ? {} : { options: { cas } }) },
        signal: options.signal,
      });
      return {
        version: response.body?.data?.version ?? 0,
        createdTime: response.body?.data?.created_time ?? '',
      };
    } catch (error) {
      if (!isRuntimeUpstreamError(error, 'Conflict')) throw error;
      throw this.error(
        operation,
        'Conflict',
        cas === 0
          ? `secret ${path} already exists (check-and-set 0 only creates)`
          : `secret ${path} is not at version ${cas} (check-and-set mismatch)`,
        error,
      );
    }
  }

  /** Reads a secret's metadata (versions, times, custom metadata); undefined when it does not exist. */
  async readSecretMetadata(
    path: string,
    options: OpenBaoCallOptions = {},
  ): Promise<OpenBaoSecretMetadata | undefined> {
    const operation = `read secret metadata ${path}`;
    const encoded = this.encode(path, 'secret', operation);
    const data = await this.readOrUndefined<MetadataData>(
      operation,
      `/v1/${this.kvMount}/metadata/${encoded}`,
      options.signal,
    );
    return data && toSecretMetadata(path, data);
  }

  /**
   * The key names of a secret's current version, without their values (KV v2
   * `GET <mount>/subkeys/<path>?depth=1`, which answers each value as null); undefined when the
   * secret does not exist or its current version is deleted or destroyed.
   */
  async readSecretKeys(
    path: string,
    options: OpenBaoCallOptions = {},
  ): Promise<OpenBaoSecretKeys | undefined> {
    const operation = `read secret keys ${path}`;
    const encoded = this.encode(path, 'secret', operation);
    const data = await this.readOrUndefined<{
      subkeys?: Record<string, unknown> | null;
      metadata?: { version?: number };
    }>(operation, `/v1/${this.kvMount}/subkeys/${encoded}`, options.signal, {
      depth: '1',
    });
    if (!data?.subkeys) return undefined;
    return {
      version: data.metadata?.version ?? 0,
      keys: Object.keys(data.subkeys).sort(),
    };
  }

  /**
   * Replaces a secret's custom metadata (and sets `max_versions` when given). With `metadataCas`
   * (OpenBao 2.4+), writes only if the metadata is at that version (`0`: only if the secret has no
   * metadata yet); a mismatch fails with reason `Conflict`.
   */
  async writeSecretMetadata(
    path: string,
    request: WriteSecretMetadataRequest,
    options: WriteSecretMetadataOptions = {},
  ): Promise<void> {
    const operation = `write secret metadata ${path}`;
    const encoded = this.encode(path, 'secret', operation);
    const { metadataCas } = options;
    if (
      metadataCas !== undefined &&
      !(Number.isInteger(metadataCas) && metadataCas >= 0)
    ) {
      throw this.error(
        operation,
        'Invalid',
        'metadataCas must be a whole number, 0 or more',
      );
    }
    try {
      await this.send({
        operation,
        method: 'POST',
        path: `/v1/${this.kvMount}/metadata/${encoded}`,
        body: {
          custom_metadata: request.customMetadata,
          ...(request.maxVersions === undefined
            ? {}
            : { max_versions: request.maxVersions }),
          ...(metadataCas === undefined ? {} : { metadata_cas: metadataCas }),
        },
        idempotent: metadataCas === undefined,
        signal: options.signal,
      });
    } catch (error) {
      if (!isRuntimeUpstreamError(error, 'Conflict')) throw error;
      throw this.error(
        operation,
        'Conflict',
        metadataCas === 0
          ? `secret ${path} already has metadata (metadata check-and-set 0 only creates)`
          : `the metadata of secret ${path} is not at version ${metadataCas} (metadata check-and-set mismatch)`,
        error,
      );
    }
  }

  /**
   * Deletes a secret for good: its metadata and every version (KV v2 `DELETE metadata/<path>`).
   * Done already when there is no such secret (OpenBao answers 204 either way).
   */
  async deleteSecretMetadata(
    path: string,
    options: OpenBaoCallOptions = {},
  ): Promise<void> {
    const operation = `delete secret ${path}`;
    const encoded = this.encode(path, 'secret', operation);
    await this.send({
      operation,
      method: 'DELETE',
      path: `/v1/${this.kvMount}/metadata/${encoded}`,
      idempotent: true,
      signal: options.signal,
    });
  }

  /**
   * Lists the keys directly under a folder (`''` is the mount's root); folder keys end in `/`.
   * An empty or missing folder gives an empty list.
   */
  async listSecrets(
    prefix: string,
    options: OpenBaoCallOptions = {},
  ): Promise<string[]> {
    const operation = `list secrets under ${prefix || '/'}`;
    const encoded = this.encode(prefix, 'folder', operation);
    const data = await this.readOrUndefined<{ keys?: string[] }>(
      operation,
      `/v1/${this.kvMount}/metadata/${encoded ? `${encoded}/` : ''}`,
      options.signal,
      { list: 'true' },
    );
    return data?.keys ?? [];
  }

  /** Lists every secret path under a folder, walking sub-folders a few at a time; sorted. */
  async listSecretsRecursive(
    prefix: string,
    options: OpenBaoCallOptions = {},
  ): Promise<string[]> {
    this.encode(prefix, 'folder', `list secrets under ${prefix || '/'}`);
    const start = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    return walkFolders(
      start,
      folder => this.listSecrets(folder, options),
      this.listConcurrency,
    );
  }

  /** Creates or replaces an ACL policy. */
  async writeAclPolicy(
    name: string,
    hcl: string,
    options: OpenBaoCallOptions = {},
  ): Promise<void> {
    const operation = `write ACL policy ${name}`;
    const encoded = this.encode(name, 'name', operation);
    await this.send({
      operation,
      method: 'PUT',
      path: `/v1/sys/policies/acl/${encoded}`,
      body: { policy: hcl },
      idempotent: true,
      signal: options.signal,
    });
  }

  /** Reads an ACL policy; undefined when it does not exist. */
  async readAclPolicy(
    name: string,
    options: OpenBaoCallOptions = {},
  ): Promise<OpenBaoAclPolicy | undefined> {
    const operation = `read ACL policy ${name}`;
    const encoded = this.encode(name, 'name', operation);
    const data = await this.readOrUndefined<{ name?: string; policy?: string }>(
      operation,
      `/v1/sys/policies/acl/${encoded}`,
      options.signal,
    );
    return data && { name: data.name ?? name, policy: data.policy ?? '' };
  }

  /** Deletes an ACL policy; done already when there is none (OpenBao answers 204 either way). */
  async deleteAclPolicy(
    name: string,
    options: OpenBaoCallOptions = {},
  ): Promise<void> {
    const operation = `delete ACL policy ${name}`;
    const encoded = this.encode(name, 'name', operation);
    await this.send({
      operation,
      method: 'DELETE',
      path: `/v1/sys/policies/acl/${encoded}`,
      idempotent: true,
      signal: options.signal,
    });
  }

  /** Creates or updates a Kubernetes auth role at the configured auth mount. */
  async writeKubernetesAuthRole(
    name: string,
    role: KubernetesAuthRoleRequest,
    options: OpenBaoCallOptions = {},
  ): Promise<void> {
    const operation = `write Kubernetes auth role ${name}`;
    const encoded = this.encode(name, 'name', operation);
    await this.send({
      operation,
      method: 'POST',
      path: `/v1/auth/${this.authMount}/role/${encoded}`,
      body: {
        bound_service_account_names: role.boundServiceAccountNames,
        bound_service_account_namespaces: role.boundServiceAccountNamespaces,
        token_policies: role.tokenPolicies,
        ...(role.tokenTtl === undefined ? {} : { token_ttl: role.tokenTtl }),
      },
      idempotent: true,
      signal: options.signal,
    });
  }

  /** Reads a Kubernetes auth role; undefined when it does not exist. */
  async readKubernetesAuthRole(
    name: string,
    options: OpenBaoCallOptions = {},
  ): Promise<OpenBaoKubernetesAuthRole | undefined> {
    const operation = `read Kubernetes auth role ${name}`;
    const encoded = this.encode(name, 'name', operation);
    const data = await this.readOrUndefined<RoleData>(
      operation,
      `/v1/auth/${this.authMount}/role/${encoded}`,
      options.signal,
    );
    return (
      data && {
        name,
        boundServiceAccountNames: data.bound_service_account_names ?? [],
        boundServiceAccountNamespaces:
          data.bound_service_account_namespaces ?? [],
        tokenPolicies: data.token_policies ?? [],
        tokenTtl: data.token_ttl ?? 0,
      }
    );
  }

  /** Deletes a Kubernetes auth role; done already when there is none (OpenBao answers 204 either way). */
  async deleteKubernetesAuthRole(
    name: string,
    options: OpenBaoCallOptions = {},
  ): Promise<void> {
    const operation = `delete Kubernetes auth role ${name}`;
    const encoded = this.encode(name, 'name', operation);
    await this.send({
      operation,
      method: 'DELETE',
      path: `/v1/auth/${this.authMount}/role/${encoded}`,
      idempotent: true,
      signal: options.signal,
    });
  }

  /**
   * A GET whose 404 with an empty `errors` list means "nothing there". A 404 that says more (e.g.
   * "no handler for route": the mount does not exist) is still an error.
   */
  private async readOrUndefined<T>(
    operation: string,
    path: string,
    signal: AbortSignal | undefined,
    query?: Record<string, string>,
  ): Promise<T | undefined> {
    const response = await this.send<Envelope<T>>({
      operation,
      path,
      query,
      signal,
      acceptStatus: [404],
    });
    if (response.status !== 404) return response.body?.data;
    const parsed = parseOpenBaoError(404, response.body);
    if (!parsed.detail) return undefined;
    throw new RuntimeUpstreamError({
      upstream: 'openbao',
      environment: this.environment,
      operation,
      reason: parsed.reason ?? 'NotFound',
      status: 404,
      detail: parsed.detail,
    });
  }

  /** Sends with the current token; after a 403, logs in again once (Kubernetes auth) and retries. */
  private async send<T>(
    request: HttpUpstreamRequest,
  ): Promise<HttpUpstreamResponse<T>> {
    const token = await this.tokens.token();
    try {
      return await this.http.request<T>(withToken(request, token));
    } catch (error) {
      if (
        !isRuntimeUpstreamError(error, 'Forbidden') ||
        !this.tokens.invalidate(token)
      ) {
        throw error;
      }
      return this.http.request<T>(
        withToken(request, await this.tokens.token()),
      );
    }
  }

  private encode(path: string, kind: PathKind, operation: string): string {
    return encodePath(path, kind, { environment: this.environment, operation });
  }

  private error(
    operation: string,
    reason: RuntimeUpstreamError['reason'],
    detail: string,
    cause?: RuntimeUpstreamError,
  ): RuntimeUpstreamError {
    return new RuntimeUpstreamError({
      upstream: 'openbao',
      environment: this.environment,
      operation,
      reason,
      status: cause?.status,
      detail,
      cause,
    });
  }
}

function withToken(
  request: HttpUpstreamRequest,
  token: string,
): HttpUpstreamRequest {
  return {
    ...request,
    headers: { ...request.headers, 'X-Vault-Token': token },
  };
}

function toSecretMetadata(
  path: string,
  data: MetadataData,
): OpenBaoSecretMetadata {
  return {
    path,
    currentVersion: data.current_version ?? 0,
    ...(data.current_metadata_version === undefined
      ? {}
      : { currentMetadataVersion: data.current_metadata_version }),
    oldestVersion: data.oldest_version ?? 0,
    maxVersions: data.max_versions ?? 0,
    createdTime: data.created_time ?? '',
    updatedTime: data.updated_time ?? '',
    customMetadata: data.custom_metadata ?? {},
    versions: Object.entries(data.versions ?? {})
      .map(([version, v]) => ({
        version: Number(version),
        createdTime: v.created_time ?? '',
        ...(v.deletion_time ? { deletionTime: v.deletion_time } : {}),
        destroyed: v.destroyed ?? false,
      }))
      .sort((a, b) => a.version - b.version),
  };
}
