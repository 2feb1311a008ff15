import {
  HttpServiceClientOptions,
  HttpUpstreamClient,
  httpServiceClient,
} from '../http';
import { ApplicationJson, toApplication } from './applicationJson';
import { parseArgoCdError } from './parseArgoCdError';
import {
  ArgoCdApplication,
  ArgoCdApplicationManifest,
  ArgoCdCallOptions,
  ArgoCdCreateOptions,
  ArgoCdSyncRequest,
} from './types';

/**
 * A typed client for one environment's Argo CD API server, authenticated with an account token
 * (`Authorization: Bearer`): applications filtered by label selector, name or projects (the list is
 * not paginated, so always filter), one application, creating an application, and sync. Every failure is a
 * {@link RuntimeUpstreamError} of the `argocd` upstream.
 *
 * @public
 */
export class ArgoCdClient {
  private readonly http: HttpUpstreamClient;

  constructor(options: HttpServiceClientOptions) {
    this.http = httpServiceClient('argocd', options, {
      parseError: parseArgoCdError,
    });
  }

  /** Applications matching a label selector (e.g. `app.kubernetes.io/name=x`), a name or projects. */
  async listApplications(
    request: ArgoCdCallOptions & {
      selector?: string;
      name?: string;
      projects?: string[];
    },
  ): Promise<ArgoCdApplication[]> {
    const query = new URLSearchParams();
    if (request.selector) query.set('selector', request.selector);
    if (request.name) query.set('name', request.name);
    for (const project of request.projects ?? [])
      query.append('projects', project);
    const filter = query.toString();
    const { body } = await this.http.request<{
      items?: ApplicationJson[] | null;
    }>({
      operation: `list applications${
        filter ? ` (${decodeURIComponent(filter)})` : ''
      }`,
      path: `/api/v1/applications${filter ? `?${filter}` : ''}`,
      signal: request.signal,
    });
    return (body?.items ?? []).map(toApplication);
  }

  /**
   * One application. With `project`, an unknown name (or one of another project) fails with reason
   * `NotFound`; without it Argo CD does not reveal whether the name exists and answers
   * `permission denied` (reason `Forbidden`).
   */
  async getApplication(
    name: string,
    options?: ArgoCdCallOptions & { project?: string },
  ): Promise<ArgoCdApplication> {
    const query = options?.project
      ? `?${new URLSearchParams({ project: options.project })}`
      : '';
    const { body } = await this.http.request<ApplicationJson>({
      operation: `get application ${name}`,
      path: `/api/v1/applications/${encodeURIComponent(name)}${query}`,
      signal: options?.signal,
    });
    return toApplication(body);
  }

  /**
   * Starts a sync and answers the application as Argo CD's API server left it: the sync in
   * `requestedOperation`, no `operationState` (cleared; the controller writes the running state just
   * after). Sent once; another operation in progress fails with reason
   * `Conflict`; with `project`, an application of another project fails with `NotFound`.
   */
  async sync(
    name: string,
    request?: ArgoCdSyncRequest,
  ): Promise<ArgoCdApplication> {
    const { body } = await this.http.request<ApplicationJson>({
      operation: `sync application ${name}`,
      method: 'POST',
      path: `/api/v1/applications/${encodeURIComponent(name)}/sync`,
      body: {
        ...(request?.project ? { project: request.project } : {}),
        ...(request?.revision ? { revision: request.revision } : {}),
        ...(request?.prune ? { prune: true } : {}),
        ...(request?.dryRun ? { dryRun: true } : {}),
      },
      signal: request?.signal,
    });
    return toApplication(body);
  }

  /**
   * Creates an application (`POST /api/v1/applications`, Argo CD's `ApplicationService.Create`)
   * and answers it as the API server stored it: its status is empty until the controller compares it.
   * Argo CD checks the project, the destination, the repository and path, and the project's
   * source repositories and destinations first; a refusal fails with reason `Invalid` and Argo CD's
   * message. An existing application with the same spec, labels and annotations is answered as it
   * is; one that differs fails with reason `Invalid` (`existing application spec is different`)
   * unless `upsert`, which replaces it. Sent once.
   */
  async createApplication(
    application: ArgoCdApplicationManifest,
    options?: ArgoCdCreateOptions,
  ): Promise<ArgoCdApplication> {
    const { name, labels, ...spec } = application;
    const { body } = await this.http.request<ApplicationJson>({
      operation: `create application ${name}`,
      method: 'POST',
      path: `/api/v1/applications${options?.upsert ? '?upsert=true' : ''}`,
      body: {
        metadata: { name, ...(labels ? { labels } : {}) },
        spec: {
          project: spec.project,
          source: spec.source,
          destination: spec.destination,
          ...(spec.syncPolicy ? { syncPolicy: spec.syncPolicy } : {}),
        },
      },
      signal: options?.signal,
    });
    return toApplication(body);
  }
}
