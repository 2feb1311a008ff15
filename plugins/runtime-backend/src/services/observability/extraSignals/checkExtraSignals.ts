import { RuntimeObservabilitySignal } from '@runtime-portal/backstage-plugin-runtime-node';
import { OBSERVABILITY_UPSTREAMS } from '../observabilitySources';

/** Names an added signal may not take: the built-in signals and the report's own fields. */
const RESERVED_IDS: readonly string[] = [
  ...Object.keys(OBSERVABILITY_UPSTREAMS),
  'health',
  'environment',
];
const ID = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SCOPES: readonly string[] = ['service', 'entity'];

/**
 * Checks the observability signals adopters added: each needs an id of lowercase letters, digits and
 * dashes (starting with a letter) that is neither a built-in signal nor another added signal's, a
 * title, a scope, a `read` function and, when set, a positive cache TTL. Throws naming the offending
 * signal, so that the backend refuses to start.
 */
export function checkExtraSignals(
  extra: readonly RuntimeObservabilitySignal[],
): RuntimeObservabilitySignal[] {
  const ids = new Set<string>();
  for (const signal of extra) {
    const name = `Observability signal '${signal.id}'`;
    if (!ID.test(signal.id ?? '')) {
      throw new Error(
        `${name}: the id must be lowercase letters, digits and dashes, starting with a letter`,
      );
    }
    if (RESERVED_IDS.includes(signal.id)) {
      throw new Error(
        `${name}: the id is a built-in signal of the report (${RESERVED_IDS.join(
          ', ',
        )}); give the signal an id of its own`,
      );
    }
    if (ids.has(signal.id)) {
      throw new Error(`${name}: another added signal has this id`);
    }
    if (!signal.title?.trim()) throw new Error(`${name}: it needs a title`);
    if (!SCOPES.includes(signal.scope)) {
      throw new Error(
        `${name}: the scope '${signal.scope}' must be one of ${SCOPES.join(
          ', ',
        )}`,
      );
    }
    if (typeof signal.read !== 'function') {
      throw new Error(`${name}: it needs a read function`);
    }
    const ttl = signal.cacheTtlSeconds;
    if (ttl !== undefined && !(Number.isFinite(ttl) && ttl > 0)) {
      throw new Error(
        `${name}: cacheTtlSeconds must be a positive number of seconds`,
      );
    }
    ids.add(signal.id);
  }
  return [...extra];
}
