import { KubeApiError } from '../apiErrors';
import { ObjectStore } from '../ObjectStore';
import { UserInfo } from './identities';
import { ruleAllows } from './policyRules';
import { RequestAttributes } from './requestAttributes';
import { rulesFor } from './ruleResolver';

/**
 * RBAC's decision for a request: allowed as soon as one rule that applies to the user allows it;
 * everything else is denied.
 */
export function rbacAllows(
  store: ObjectStore,
  user: UserInfo,
  attributes: RequestAttributes,
): boolean {
  for (const rule of rulesFor(store, user, attributes.namespace)) {
    if (ruleAllows(attributes, rule)) return true;
  }
  return false;
}

/**
 * What the authorization filter says of a denied request (`responsewriters.forbiddenMessage`):
 * `User "<name>" cannot <verb> resource "<resource>[/<subresource>]" in API group "<group>" in the
 * namespace "<namespace>"` (or `at the cluster scope`), or `cannot <verb> path "<path>"`.
 */
function forbiddenMessage(user: UserInfo, attributes: RequestAttributes) {
  const { verb, resource, subresource, apiGroup, namespace, path } = attributes;
  if (!attributes.resourceRequest) {
    return `User "${user.name}" cannot ${verb} path "${path}"`;
  }
  const combined = subresource ? `${resource}/${subresource}` : resource;
  const scope = namespace
    ? `in the namespace "${namespace}"`
    : 'at the cluster scope';
  return `User "${user.name}" cannot ${verb} resource "${combined}" in API group "${apiGroup}" ${scope}`;
}

function forbidden(attributes: RequestAttributes, why: string): KubeApiError {
  const { apiGroup, resource, name } = attributes;
  let message: string;
  if (!apiGroup && !resource) message = `forbidden: ${why}`;
  else {
    const qualified = apiGroup ? `${resource}.${apiGroup}` : resource;
    message = name
      ? `${qualified} "${name}" is forbidden: ${why}`
      : `${qualified} is forbidden: ${why}`;
  }
  return new KubeApiError(403, 'Forbidden', message, {
    ...(name ? { name } : {}),
    ...(apiGroup ? { group: apiGroup } : {}),
    ...(resource ? { kind: resource } : {}),
  });
}

/**
 * The 403 the authorization filter answers a request no rule allows (`responsewriters.Forbidden`:
 * `apierrors.NewForbidden` of the request's group, resource and name): `models.kubeai.org "x" is
 * forbidden: User ... cannot ...`, `secrets is forbidden: ...` for a collection, `forbidden: ...` for
 * a path that names no resource. RBAC gives no reason of its own when its rules resolved cleanly.
 */
export function forbiddenRequest(
  user: UserInfo,
  attributes: RequestAttributes,
): KubeApiError {
  return forbidden(attributes, forbiddenMessage(user, attributes));
}

/**
 * The 403 of a write that would create an object the user may patch or update but not create
 * (the update and patch handlers' `withAuthorization`): the authorizer's reason only, which RBAC
 * leaves empty, so the message ends in `is forbidden: `.
 */
export function forbiddenCreateOnUpdate(
  attributes: RequestAttributes,
): KubeApiError {
  return forbidden(attributes, '');
}
