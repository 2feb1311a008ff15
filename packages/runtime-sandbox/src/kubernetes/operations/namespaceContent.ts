import { forbidden, notFound } from '../apiErrors';
import { ResourceType, resourceOfKind } from '../resources';
import { ApiContext } from './context';

/**
 * Checks that a new namespaced object may be created in its namespace: 404 when the Namespace does
 * not exist, 403 when it is terminating (as kube-apiserver's NamespaceLifecycle admission).
 */
export function checkNamespaceAcceptsContent(
  ctx: ApiContext,
  resource: ResourceType,
  namespace: string | undefined,
  name: string,
) {
  if (!resource.namespaced || !namespace) return;
  const namespaces = resourceOfKind('Namespace');
  const ns = ctx.store.get(namespaces, undefined, namespace);
  if (!ns) throw notFound(namespaces, namespace);
  if (ns.metadata?.deletionTimestamp) {
    throw forbidden(
      resource,
      name,
      `unable to create new content in namespace ${namespace} because it is being terminated`,
    );
  }
}
