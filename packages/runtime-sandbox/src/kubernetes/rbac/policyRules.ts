import { RequestAttributes } from './requestAttributes';

/** One rule of a Role or ClusterRole (`rbac.authorization.k8s.io/v1` PolicyRule). */
export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const includesOrAll = (values: string[] | undefined, wanted: string) =>
  (values ?? []).some(value => value === '*' || value === wanted);

/** `resources` match `resource/subresource` exactly, `*`, or `*` then `/subresource` (any resource). */
function resourceMatches(
  rule: PolicyRule,
  combined: string,
  subresource: string,
): boolean {
  return (rule.resources ?? []).some(
    pattern =>
      pattern === '*' ||
      pattern === combined ||
      (subresource !== '' && pattern === `*/${subresource}`),
  );
}

/** No `resourceNames` allows every name; otherwise the request's name must be listed. */
function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/** `nonResourceURLs` match exactly, `*`, or by a prefix ending in `*`. */
function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    pattern =>
      pattern === '*' ||
      pattern === path ||
      (pattern.endsWith('*') && path.startsWith(pattern.replace(/\*+$/, ''))),
  );
}

/**
 * Whether one rule allows a request, as RBAC's `RuleAllows` decides: the verb, the API group, the
 * resource (with its subresource) and the name for a resource request; the verb and the path for
 * any other.
 */
export function ruleAllows(
  attributes: RequestAttributes,
  rule: PolicyRule,
): boolean {
  if (!includesOrAll(rule.verbs, attributes.verb)) return false;
  if (!attributes.resourceRequest) {
    return nonResourceURLMatches(rule, attributes.path);
  }
  const combined = attributes.subresource
    ? `${attributes.resource}/${attributes.subresource}`
    : attributes.resource;
  return (
    includesOrAll(rule.apiGroups, attributes.apiGroup) &&
    resourceMatches(rule, combined, attributes.subresource) &&
    resourceNameMatches(rule, attributes.name)
  );
}
