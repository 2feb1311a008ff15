import { HclBody, HclValue, parseHcl } from './hcl';

/** The capabilities an ACL path rule can grant (`deny` overrides all others). */
const CAPABILITIES = [
  'deny',
  'create',
  'read',
  'update',
  'delete',
  'list',
  'sudo',
  'root',
  'patch',
  'scan',
] as const;

/** One capability of an ACL path rule. */
export type Capability = (typeof CAPABILITIES)[number];

/** One `path "<glob>" { capabilities = [...] }` rule. */
export interface AclPathRule {
  path: string;
  capabilities: Capability[];
}

/**
 * Parses an ACL policy (HCL, or the JSON form) into its path rules, with OpenBao's error wording
 * (`failed to parse policy: ...`, `path "x": invalid capability "y"`, `invalid key "k" on line n`).
 */
export function parseAclPolicy(source: string): AclPathRule[] {
  const trimmed = source.trim();
  if (trimmed.startsWith('{')) return parseJsonPolicy(trimmed);
  let body: HclBody;
  try {
    body = parseHcl(source);
  } catch (error) {
    throw new Error(`failed to parse policy: ${(error as Error).message}`);
  }
  const rules: AclPathRule[] = [];
  for (const entry of body.entries) {
    const key = entry.kind === 'block' ? entry.type : entry.key;
    if (key === 'name') continue;
    if (key !== 'path' || entry.kind !== 'block' || entry.labels.length !== 1) {
      throw new Error(
        `failed to parse policy: invalid key "${key}" on line ${entry.line}`,
      );
    }
    const capabilities = entry.body.entries.find(
      e => e.kind === 'attribute' && e.key === 'capabilities',
    );
    rules.push(
      rule(
        entry.labels[0],
        capabilities?.kind === 'attribute' ? capabilities.value : [],
      ),
    );
  }
  return rules;
}

function parseJsonPolicy(source: string): AclPathRule[] {
  let parsed: { path?: Record<string, { capabilities?: unknown }> };
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new Error(`failed to parse policy: ${(error as Error).message}`);
  }
  return Object.entries(parsed.path ?? {}).map(([path, body]) =>
    rule(path, (body?.capabilities ?? []) as HclValue),
  );
}

function rule(path: string, rawCapabilities: HclValue): AclPathRule {
  const normalisedPath = path.replace(/^\/+/, '');
  if (normalisedPath.includes('+*')) {
    throw new Error(
      `failed to parse policy: path "${normalisedPath}": invalid use of wildcards ('+*' is forbidden)`,
    );
  }
  const list = Array.isArray(rawCapabilities)
    ? rawCapabilities
    : [rawCapabilities];
  const capabilities = list.map(value => {
    const capability = String(value).toLowerCase();
    if (!(CAPABILITIES as readonly string[]).includes(capability)) {
      throw new Error(
        `failed to parse policy: path "${normalisedPath}": invalid capability "${value}"`,
      );
    }
    return capability as Capability;
  });
  return { path: normalisedPath, capabilities };
}

interface PatternShape {
  firstWildcardOrGlob: number;
  isPrefix: boolean;
  wildcards: number;
}

function shape(pattern: string): PatternShape {
  const plus = pattern.split('/').findIndex(segment => segment === '+');
  const plusIndex =
    plus < 0
      ? Infinity
      : pattern.split('/').slice(0, plus).join('/').length + (plus ? 1 : 0);
  const isPrefix = pattern.endsWith('*');
  const globIndex = isPrefix ? pattern.length - 1 : Infinity;
  return {
    firstWildcardOrGlob: Math.min(plusIndex, globIndex),
    isPrefix,
    wildcards: pattern.split('/').filter(segment => segment === '+').length,
  };
}

function matches(pattern: string, path: string): boolean {
  const isPrefix = pattern.endsWith('*');
  const body = isPrefix ? pattern.slice(0, -1) : pattern;
  if (!body.split('/').includes('+')) {
    return isPrefix ? path.startsWith(body) : path === body;
  }
  const regex = body
    .split('/')
    .map(segment =>
      segment === '+'
        ? '[^/]+'
        : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${regex}${isPrefix ? '' : '$'}`).test(path);
}

/**
 * True when pattern `a` has lower priority than `b`, by OpenBao's order for overlapping non-exact
 * rules (`vault/policy/acl.go`): later first glob or `+`, then non-prefix over prefix, then fewer `+`
 * segments, then longer pattern, then lexicographic.
 */
function lowerPriority(a: string, b: string): boolean {
  const sa = shape(a);
  const sb = shape(b);
  if (sa.firstWildcardOrGlob !== sb.firstWildcardOrGlob) {
    return sa.firstWildcardOrGlob < sb.firstWildcardOrGlob;
  }
  if (sa.isPrefix !== sb.isPrefix) return sa.isPrefix;
  if (sa.wildcards !== sb.wildcards) return sa.wildcards > sb.wildcards;
  if (a.length !== b.length) return a.length < b.length;
  return a < b;
}

/**
 * The capabilities a set of policies grants on a request path: rules with the same pattern are
 * merged across policies, an exact rule wins over globs and `+` wildcards, and otherwise the
 * highest-priority matching pattern decides (OpenBao does not union overlapping patterns).
 */
export function capabilitiesOn(
  rules: AclPathRule[],
  path: string,
): Set<Capability> {
  const merged = new Map<string, Set<Capability>>();
  for (const { path: pattern, capabilities } of rules) {
    const set = merged.get(pattern) ?? new Set<Capability>();
    capabilities.forEach(c => set.add(c));
    merged.set(pattern, set);
  }
  const exact = [...merged.keys()].find(
    pattern =>
      !pattern.endsWith('*') &&
      !pattern.split('/').includes('+') &&
      pattern === path,
  );
  if (exact !== undefined) return merged.get(exact)!;
  let best: string | undefined;
  for (const pattern of merged.keys()) {
    if (!matches(pattern, path)) continue;
    if (best === undefined || lowerPriority(best, pattern)) best = pattern;
  }
  return best === undefined ? new Set() : merged.get(best)!;
}

/** True when the capabilities allow the operation (and do not include `deny`). */
export function allows(
  capabilities: Set<Capability>,
  needed: Capability,
): boolean {
  return !capabilities.has('deny') && capabilities.has(needed);
}
