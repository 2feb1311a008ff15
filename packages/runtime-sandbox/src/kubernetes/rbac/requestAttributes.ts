/**
 * What a request asks to do, as kube-apiserver's request-info resolver reads it from the method and
 * the path alone (`k8s.io/apiserver/pkg/endpoints/request/requestinfo.go`), before any routing: so a
 * request for a resource the server does not even serve is still authorized first.
 */
export interface RequestAttributes {
  /** False for discovery, `/version` and other paths that name no resource. */
  resourceRequest: boolean;
  /** The URL path (what non-resource rules match). */
  path: string;
  /** `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`, ... */
  verb: string;
  /** API group; `''` for the core group. */
  apiGroup: string;
  resource: string;
  subresource: string;
  /** `''` for cluster-scoped requests and lists across namespaces. */
  namespace: string;
  /** `''` for collections (unless a list or watch selects one name by field selector). */
  name: string;
}

/** Subresources of a Namespace, which stay part of the namespace's own path. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** The verbs that are path prefixes (`/api/v1/watch/...`), the deprecated forms. */
const SPECIAL_VERBS = new Set(['proxy', 'watch']);

/** Special verbs whose paths have no subresource part. */
const SPECIAL_VERBS_NO_SUBRESOURCES = new Set(['proxy']);

const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/**
 * The one name a `metadata.name=<name>` (or `==`) field selector requires, as `RequiresExactMatch`
 * finds it, when it is a valid path segment: a list or watch of one object is authorized for that
 * name (so `resourceNames` rules apply to it).
 */
function nameFromFieldSelector(query: URLSearchParams): string {
  const selector = query.get('fieldSelector') ?? '';
  for (const term of selector.split(',')) {
    const match = /^\s*metadata\.name\s*==?\s*(.*?)\s*$/.exec(term);
    if (match) return isPathSegmentName(match[1]) ? match[1] : '';
  }
  return '';
}

/** `path.IsValidPathSegmentName`: not `.` or `..`, and no `/` or `%`. */
function isPathSegmentName(name: string): boolean {
  return name !== '.' && name !== '..' && !/[/%]/.test(name);
}

/** Resolves a request's attributes from its method and URL. */
export function requestAttributes(
  method: string | undefined,
  url: URL,
): RequestAttributes {
  const upperMethod = (method ?? 'GET').toUpperCase();
  const attributes: RequestAttributes = {
    resourceRequest: false,
    path: url.pathname,
    verb: upperMethod.toLowerCase(),
    apiGroup: '',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
  };
  const trimmed = url.pathname.replace(/^\/+|\/+$/g, '');
  let parts = trimmed === '' ? [] : trimmed.split('/');
  if (parts.length < 3 || (parts[0] !== 'api' && parts[0] !== 'apis')) {
    return attributes;
  }
  if (parts[0] === 'apis') {
    if (parts.length < 4) return attributes;
    attributes.apiGroup = parts[1];
    parts = parts.slice(2);
  } else {
    parts = parts.slice(1);
  }
  attributes.resourceRequest = true;
  parts = parts.slice(1); // the version
  if (SPECIAL_VERBS.has(parts[0]) && parts.length >= 2) {
    attributes.verb = parts[0];
    parts = parts.slice(1);
  } else {
    attributes.verb = METHOD_VERBS[upperMethod] ?? '';
  }
  if (parts[0] === 'namespaces' && parts.length > 1) {
    attributes.namespace = parts[1];
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) {
      parts = parts.slice(2);
    }
  }
  const decoded = parts.map(part => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  if (
    decoded.length >= 3 &&
    !SPECIAL_VERBS_NO_SUBRESOURCES.has(attributes.verb)
  ) {
    attributes.subresource = decoded[2];
  }
  if (decoded.length >= 2) attributes.name = decoded[1];
  if (decoded.length >= 1) attributes.resource = decoded[0];

  if (attributes.name === '' && attributes.verb === 'get') {
    const watch = url.searchParams.getAll('watch');
    attributes.verb =
      watch.length > 0 && !['false', '0'].includes(watch[0].toLowerCase())
        ? 'watch'
        : 'list';
    attributes.name = nameFromFieldSelector(url.searchParams);
  }
  if (attributes.name === '' && attributes.verb === 'delete') {
    attributes.verb = 'deletecollection';
  }
  return attributes;
}
