/**
 * The kinds of live Runtime resources the catalog shows, as Resource `spec.type` values.
 *
 * @public
 */
export const RUNTIME_RESOURCE_TYPES = {
  inferenceEndpoint: 'inference-endpoint',
  secret: 'secret',
  bucket: 'bucket',
  workflow: 'workflow',
  database: 'database',
  route: 'route',
} as const;

/**
 * A Resource `spec.type` of a live Runtime resource.
 *
 * @public
 */
export type RuntimeResourceType =
  (typeof RUNTIME_RESOURCE_TYPES)[keyof typeof RUNTIME_RESOURCE_TYPES];

/**
 * Annotation keys the suite puts on catalog entities.
 *
 * @public
 */
export const RUNTIME_ANNOTATIONS = {
  /** The Runtime environment a live resource lives in, e.g. `dev`. */
  environment: 'runtime-portal.io/environment',
  /** Where the resource is in its upstream, e.g. `team-a/llama` or `secret/team-a/db`. */
  upstreamRef: 'runtime-portal.io/upstream-ref',
  /** Set when a resource carries no valid owner label, tag or metadata: says what was found. */
  ownerProblem: 'runtime-portal.io/owner-problem',
  /** When the resource expires (ISO 8601 UTC); the portal retires it after that. */
  expiresAt: 'runtime-portal.io/expires-at',
} as const;

/**
 * How the catalog module's entity provider marks what it emits: their `backstage.io/managed-by-location`
 * is `runtime:<environment>/<source>` or `runtime:platform-model`. For an entity read from a registered
 * location the catalog sets that annotation itself (to `url:...`), so no hand-made entity carries it.
 *
 * @public
 */
export const RUNTIME_PROVIDER_LOCATION_PREFIX = 'runtime:';

const MAX_NAME = 63;

/**
 * The catalog entity name of a live Runtime resource: stable, valid, and unique across environments,
 * types and namespaces. Long names are shortened with a hash of the full name so they stay unique.
 *
 * @public
 */
export function runtimeResourceEntityName(parts: {
  /** Optional installation-wide prefix (`runtime.resourceNamePrefix`), e.g. `rt`. */
  prefix?: string;
  environment: string;
  /** A built-in type (named by its word, e.g. `endpoint`) or an adopter's own type (named as is). */
  type: RuntimeResourceType | (string & {});
  /** The namespace or other scope the name is unique within, when there is one. */
  scope?: string;
  name: string;
}): string {
  const typeWords: Record<string, string> = {
    'inference-endpoint': 'endpoint',
    secret: 'secret',
    bucket: 'bucket',
    workflow: 'workflow',
    database: 'database',
    route: 'route',
  };
  const typeWord = Object.prototype.hasOwnProperty.call(typeWords, parts.type)
    ? typeWords[parts.type]
    : parts.type;
  const full = [
    parts.prefix,
    parts.environment,
    typeWord,
    parts.scope,
    parts.name,
  ]
    .filter(Boolean)
    .join('-');
  const clean = full
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (clean.length <= MAX_NAME && clean === full.toLocaleLowerCase('en-US')) {
    return clean;
  }
  const suffix = fnv1a(full);
  return `${clean
    .slice(0, MAX_NAME - suffix.length - 1)
    .replace(/-+$/, '')}-${suffix}`;
}

/** 32-bit FNV-1a as 8 hex digits: a small stable hash that runs in the browser and in Node. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
