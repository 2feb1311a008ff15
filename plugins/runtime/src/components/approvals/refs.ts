import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';

/** A user or group ref for reading: `alice` for `user:default/alice`, the ref itself when malformed. */
export function displayRef(ref: string, defaultKind: 'user' | 'group') {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}
