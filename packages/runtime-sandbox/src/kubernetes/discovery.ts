import { RESOURCE_TYPES, ResourceType, apiVersionOf } from './resources';

/**
 * The legacy (unaggregated) discovery documents kube-apiserver serves, which clients such as
 * `@kubernetes/client-node`'s `KubernetesObjectApi` and kubectl read to map kinds to paths. Verbs
 * list only what the sandbox implements (no `watch`, no `deletecollection`).
 */

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update'];
const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

/** The Kubernetes version the sandbox reports at `/version`. */
const SANDBOX_KUBERNETES_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4',
};

/** `GET /version`. */
function versionInfo() {
  return {
    ...SANDBOX_KUBERNETES_VERSION,
    gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
    gitTreeState: 'clean',
    buildDate: '2024-12-10T11:36:00Z',
    goVersion: 'go1.22.9',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `GET /api`. */
function coreApiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupVersions(group: string) {
  const versions = [
    ...new Set(
      RESOURCE_TYPES.filter(r => r.group === group).map(r => r.version),
    ),
  ].map(version => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

/** `GET /apis`. */
function apiGroupList() {
  const groups = [...new Set(RESOURCE_TYPES.map(r => r.group).filter(Boolean))];
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(groupVersions),
  };
}

/** `GET /apis/{group}`, or undefined for a group the sandbox does not serve. */
function apiGroup(group: string) {
  if (!RESOURCE_TYPES.some(r => r.group === group)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupVersions(group) };
}

function resourceEntries(resource: ResourceType) {
  const entries: Record<string, unknown>[] = [
    {
      name: resource.plural,
      singularName: resource.singular,
      namespaced: resource.namespaced,
      kind: resource.kind,
      verbs: VERBS,
      ...(resource.shortNames ? { shortNames: resource.shortNames } : {}),
    },
  ];
  if (resource.statusSubresource) {
    entries.push({
      name: `${resource.plural}/status`,
      singularName: '',
      namespaced: resource.namespaced,
      kind: resource.kind,
      verbs: SUBRESOURCE_VERBS,
    });
  }
  return entries;
}

/** `GET /api/v1` or `GET /apis/{group}/{version}`, or undefined when not served. */
function apiResourceList(group: string, version: string) {
  const resources = RESOURCE_TYPES.filter(
    r => r.group === group && r.version === version,
  );
  if (resources.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(resources[0]),
    resources: resources.flatMap(resourceEntries),
  };
}

/**
 * The discovery document at a path (`/version`, `/api`, `/apis`, `/api/v1`, `/apis/{group}`,
 * `/apis/{group}/{version}`), or undefined when the path names none.
 */
export function discoveryDocument(pathname: string, host: string): unknown {
  const segments = pathname.split('/').filter(Boolean);
  if (pathname === '/version') return versionInfo();
  if (pathname === '/api') return coreApiVersions(host);
  if (pathname === '/apis') return apiGroupList();
  if (segments[0] === 'api' && segments.length === 2)
    return apiResourceList('', segments[1]);
  if (segments[0] === 'apis' && segments.length === 2)
    return apiGroup(segments[1]);
  if (segments[0] === 'apis' && segments.length === 3)
    return apiResourceList(segments[1], segments[2]);
  return undefined;
}
