import { KubernetesObject } from '../objects';
import { ObjectStore } from '../ObjectStore';
import { resourceOfKind } from '../resources';
import { UserInfo } from './identities';
import { PolicyRule } from './policyRules';

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

interface Binding extends KubernetesObject {
  roleRef?: { kind?: string; name?: string };
  subjects?: Subject[];
}

/**
 * Whether a binding's subject is the user, as RBAC's `appliesToUser` decides: a User by name, a
 * Group the user is in, or a ServiceAccount by its user name (a subject without a namespace takes
 * the binding's).
 */
function subjectIs(
  user: UserInfo,
  subject: Subject,
  bindingNamespace: string,
): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name ?? '');
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return (
        namespace !== '' &&
        user.name === `system:serviceaccount:${namespace}:${subject.name}`
      );
    }
    default:
      return false;
  }
}

/**
 * The rules a binding grants: those of the ClusterRole it names, or of the Role of that name in the
 * binding's namespace (a RoleBinding only). A missing role grants nothing, as a dangling binding does.
 */
function rulesOfRoleRef(
  store: ObjectStore,
  binding: Binding,
  namespace: string,
): PolicyRule[] {
  const { kind, name } = binding.roleRef ?? {};
  if (!name) return [];
  let role: KubernetesObject | undefined;
  if (kind === 'ClusterRole') {
    role = store.get(resourceOfKind('ClusterRole'), undefined, name);
  } else if (kind === 'Role' && namespace) {
    role = store.get(resourceOfKind('Role'), namespace, name);
  }
  return ((role as { rules?: PolicyRule[] } | undefined)?.rules ??
    []) as PolicyRule[];
}

/**
 * Every rule that applies to a user for a request in a namespace, as RBAC's default rule resolver
 * visits them: first those of the ClusterRoleBindings naming the user, then, for a namespaced
 * request, those of the RoleBindings in that namespace naming the user. Read from the store on each
 * request, so a binding written through the API counts at once.
 */
export function* rulesFor(
  store: ObjectStore,
  user: UserInfo,
  namespace: string,
): Generator<PolicyRule> {
  const clusterBindings = store.all(
    resourceOfKind('ClusterRoleBinding'),
  ) as Binding[];
  for (const binding of clusterBindings) {
    if ((binding.subjects ?? []).some(s => subjectIs(user, s, ''))) {
      yield* rulesOfRoleRef(store, binding, '');
    }
  }
  if (!namespace) return;
  const bindings = store.all(
    resourceOfKind('RoleBinding'),
    namespace,
  ) as Binding[];
  for (const binding of bindings) {
    if ((binding.subjects ?? []).some(s => subjectIs(user, s, namespace))) {
      yield* rulesOfRoleRef(store, binding, namespace);
    }
  }
}
