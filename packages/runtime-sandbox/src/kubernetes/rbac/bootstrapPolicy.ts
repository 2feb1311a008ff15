import { KubernetesObject } from '../objects';
import { AUTHENTICATED_GROUP, MASTERS_GROUP } from './identities';

const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';

const bootstrapMetadata = (name: string) => ({
  name,
  labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
});

function clusterRoleBoundToGroup(
  name: string,
  rules: Record<string, string[]>[],
  group: string,
): KubernetesObject[] {
  return [
    {
      apiVersion: RBAC_API_VERSION,
      kind: 'ClusterRole',
      metadata: bootstrapMetadata(name),
      rules,
    },
    {
      apiVersion: RBAC_API_VERSION,
      kind: 'ClusterRoleBinding',
      metadata: bootstrapMetadata(name),
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name,
      },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group },
      ],
    },
  ];
}

/**
 * The part of kube-apiserver's bootstrap RBAC policy the sandbox's clients rely on: `cluster-admin`
 * (everything) bound to `system:masters`, and `system:discovery` (the discovery documents and
 * `/version`) bound to every authenticated user.
 */
export function bootstrapRbacObjects(): KubernetesObject[] {
  return [
    ...clusterRoleBoundToGroup(
      'cluster-admin',
      [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['*'] },
      ],
      MASTERS_GROUP,
    ),
    ...clusterRoleBoundToGroup(
      'system:discovery',
      [
        {
          nonResourceURLs: [
            '/api',
            '/api/*',
            '/apis',
            '/apis/*',
            '/healthz',
            '/livez',
            '/openapi',
            '/openapi/*',
            '/readyz',
            '/version',
            '/version/',
          ],
          verbs: ['get'],
        },
      ],
      AUTHENTICATED_GROUP,
    ),
  ];
}
