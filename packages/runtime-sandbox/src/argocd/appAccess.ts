import { ApplicationStore } from './ApplicationStore';
import { ArgoCdRbac, ArgoCdSession } from './ArgoCdRbac';
import { ArgoCdApiError } from './argoCdError';

/** The namespace of the sandbox's Argo CD (its control plane's), where applications live. */
const CONTROL_PLANE_NAMESPACE = 'argocd';

/**
 * An application's RBAC object (`Application.RBACName`, `security.RBACName`): `<project>/<name>`,
 * or `<project>/<namespace>/<name>` outside the control plane's namespace; no project is `default`.
 */
export function rbacName(application: {
  metadata?: { name?: unknown; namespace?: unknown };
  spec?: { project?: unknown };
}): string {
  const project = String(application.spec?.project || 'default');
  const name = String(application.metadata?.name ?? '');
  const namespace = String(application.metadata?.namespace ?? '');
  return namespace && namespace !== CONTROL_PLANE_NAMESPACE
    ? `${project}/${namespace}/${name}`
    : `${project}/${name}`;
}

/** Who asks, and the enforcer that answers. */
export interface AccessContext {
  rbac: ArgoCdRbac;
  session: ArgoCdSession;
}

/**
 * Argo CD's `getAppEnforceRBAC` (server/application/application.go): with a project, `action` on
 * `<project>/<name>` is checked first (`permission denied`); then the application is found (see
 * {@link ApplicationStore.get}: unknown is `permission denied` without a project, `not found` with
 * one) and `action` is checked on its own project, a refusal answered `permission denied`, or
 * `not found` when a project was given, so that existence is never revealed.
 */
export function getAppEnforceRbac(
  { rbac, session }: AccessContext,
  store: ApplicationStore,
  action: string,
  name: string,
  project?: string,
) {
  const allowed = (object: string) =>
    rbac.allows(session.username, 'applications', action, object);
  if (project && !allowed(`${project}/${name}`)) {
    throw ArgoCdApiError.permissionDenied();
  }
  const application = store.get(name, project);
  if (!allowed(rbacName(application))) {
    throw project
      ? ArgoCdApiError.applicationNotFound(name)
      : ArgoCdApiError.permissionDenied();
  }
  return application;
}
