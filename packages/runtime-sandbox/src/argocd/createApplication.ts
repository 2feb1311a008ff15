import { randomUUID } from 'node:crypto';
import { AccessContext, rbacName } from './appAccess';
import { ApplicationStore } from './ApplicationStore';
import { applicationInvalidMessage } from './applicationSchema';
import {
  AppProject,
  IN_CLUSTER,
  isDestinationPermitted,
  isSourcePermitted,
} from './appProjects';
import { ArgoCdApiError } from './argoCdError';
import { GitRepoReader, RepoReadError } from './gitRepoReader';
import { ArgoCdApplication } from './seedApplications';
import { deepEqual } from '../kubernetes/objects';

/** What the create handler works with. */
export interface CreateContext {
  /** Who creates, checked against the RBAC policy. */
  access: AccessContext;
  store: ApplicationStore;
  projects: AppProject[];
  repos: GitRepoReader;
}

/** An `ApplicationCreateRequest`: the body is the Application; `upsert` and `validate` come as query parameters. */
export interface CreateRequest {
  application: unknown;
  upsert: boolean;
  validate: boolean;
}

const invalidArgument = (message: string) => new ArgoCdApiError(3, message);

/** `validateAndNormalizeApp`'s errors reach the client wrapped by `Create` (grpc-go keeps the code). */
const invalidApp = (message: string) =>
  invalidArgument(
    `error while validating and normalizing app: rpc error: code = InvalidArgument desc = ${message}`,
  );

/**
 * Argo CD's `ApplicationService.Create` (server/application/application.go, v3.5.1), in its order:
 * the caller must be allowed `applications, create` on `<project>/<name>` (else code 7, see
 * `ArgoCdRbac.require`); the project must exist and admit the application (else the vague
 * `app is not allowed in project`); the destination cluster must be known; with `validate` (the
 * default) the source must be readable at its target revision and path (the repo server's fetch);
 * the project must permit the source repository and the destination; then the Kubernetes API
 * validates the object against Argo CD's CRD. A name that exists is answered as it is when spec,
 * labels and annotations are equal; else refused (`use upsert flag`) unless `upsert`, which replaces
 * it when the caller is also allowed `applications, update`. Every other refusal is code 3
 * (InvalidArgument, HTTP 400) with Argo CD's message. The stored application is then reconciled
 * (see {@link ApplicationStore.put}).
 */
export async function createApplication(
  context: CreateContext,
  request: CreateRequest,
): Promise<ArgoCdApplication> {
  const app = request.application as Partial<ArgoCdApplication> | undefined;
  if (!app || typeof app !== 'object' || Array.isArray(app)) {
    throw invalidArgument(
      'error creating application: application is nil in request',
    );
  }
  const { rbac, session } = context.access;
  rbac.require(session, 'applications', 'create', rbacName(app));
  const name = String(app.metadata?.name ?? '');
  const spec = (app.spec ?? {}) as Partial<ArgoCdApplication['spec']>;
  const projectName = String(spec.project ?? '');
  const project = context.projects.find(p => p.name === projectName);
  if (!project) {
    throw invalidArgument(
      `app is not allowed in project "${projectName}", or the project does not exist`,
    );
  }
  if (!name) throw invalidApp('resource name may not be empty');
  const destination = (spec.destination ?? {}) as Partial<
    ArgoCdApplication['spec']['destination']
  >;
  const server = destinationServer(name, destination);
  const source = (spec.source ?? {}) as Partial<
    ArgoCdApplication['spec']['source']
  >;
  const repoURL = String(source.repoURL ?? '');
  let manifests;
  try {
    manifests = await context.repos.read(
      repoURL,
      source.targetRevision,
      source.path,
    );
  } catch (error) {
    if (!(error instanceof RepoReadError)) throw error;
    if (request.validate) {
      throw invalidApp(
        `application spec for ${name} is invalid: InvalidSpecError: Unable to generate manifests in ${
          source.path ?? ''
        }: ${error.message}`,
      );
    }
    manifests = undefined;
  }
  const conditions: string[] = [];
  if (!isSourcePermitted(project, repoURL)) {
    conditions.push(
      `InvalidSpecError: application repo ${repoURL} is not permitted in project '${project.name}'`,
    );
  }
  const namespace = String(destination.namespace ?? '');
  if (!isDestinationPermitted(project, server, namespace)) {
    conditions.push(
      `InvalidSpecError: application destination server '${
        destination.name ? IN_CLUSTER.name : server
      }' and namespace '${namespace}' do not match any of the allowed destinations in project '${
        project.name
      }'`,
    );
  }
  if (conditions.length > 0) {
    throw invalidApp(
      `application spec for ${name} is invalid: ${conditions.join(';')}`,
    );
  }
  const invalid = applicationInvalidMessage(app as Record<string, any>);
  if (invalid) throw invalidArgument(`error creating application: ${invalid}`);

  const labels = app.metadata?.labels ?? {};
  const existing = context.store.find(name);
  if (existing) {
    const same =
      deepEqual(existing.spec, spec) &&
      deepEqual(existing.metadata.labels ?? {}, labels);
    if (same) return existing;
    if (!request.upsert) {
      throw invalidArgument(
        'existing application spec is different, use upsert flag to force update',
      );
    }
    rbac.require(session, 'applications', 'update', rbacName(app));
  }
  const now = new Date().toISOString();
  const stored: ArgoCdApplication = {
    metadata: {
      name,
      namespace: 'argocd',
      uid: randomUUID(),
      resourceVersion: '0',
      generation: 1,
      creationTimestamp: now,
      labels,
    },
    spec: spec as ArgoCdApplication['spec'],
    status: {
      resources: [],
      sync: {
        status: 'Unknown',
        comparedTo: { source: spec.source!, destination: spec.destination! },
        revision: '',
      },
      health: { status: 'Unknown' },
      history: [],
      reconciledAt: now,
      sourceType: 'Directory',
      summary: { images: [] },
      sourceHydrator: {},
      controllerNamespace: 'argocd',
    },
  };
  const created = context.store.put(
    stored,
    manifests ?? { revision: '', resources: [], images: [] },
  );
  return asCreated(created);
}

/**
 * The server URL of the destination, as `GetDestinationCluster` resolves it; only the in-cluster
 * cluster is known. Refusals are worded as Argo CD's.
 */
function destinationServer(
  name: string,
  destination: Partial<ArgoCdApplication['spec']['destination']>,
): string {
  const refuse = (why: string) =>
    invalidApp(`application destination spec for ${name} is invalid: ${why}`);
  if (destination.name && destination.server) {
    throw refuse(
      `application destination can't have both name and server defined: ${destination.name} ${destination.server}`,
    );
  }
  if (destination.server) {
    const server = destination.server.replace(/\/+$/, '');
    if (server !== IN_CLUSTER.server) {
      throw refuse(
        `error getting cluster by server "${destination.server}": rpc error: code = NotFound desc = cluster "${server}" not found`,
      );
    }
    return server;
  }
  if (destination.name) {
    if (destination.name !== IN_CLUSTER.name) {
      throw refuse(`there are no clusters with this name: ${destination.name}`);
    }
    return IN_CLUSTER.server;
  }
  throw refuse('Destination server missing from app spec');
}

/**
 * The application as the Kubernetes create answered it: metadata and spec, and the zero status the
 * controller has not filled yet (encoding/json keeps `sync.status`, `comparedTo.source.repoURL` and
 * `comparedTo.destination`, and empty structs).
 */
function asCreated(application: ArgoCdApplication) {
  const { status: _status, operation: _operation, ...rest } = application;
  return {
    ...rest,
    status: {
      sync: {
        status: '',
        comparedTo: { source: { repoURL: '' }, destination: {} },
      },
      health: {},
      summary: {},
      sourceHydrator: {},
    },
  } as unknown as ArgoCdApplication;
}
