import { z as zod } from 'zod/v3';

type Z = typeof zod;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** `group:default/` and a 63-character group name. */
const OWNER_MAX_LENGTH = 'group:default/'.length + 63;

/** A Kubernetes DNS label (RFC 1123): lowercase letters, digits and `-`, at most `max` characters. */
export const dnsLabel = (z: Z, description: string, max = 63) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .regex(
      DNS_LABEL,
      'must be lowercase letters, digits and "-", starting and ending with a letter or digit',
    )
    .describe(description);

/** The configured Runtime environment to create in. */
export const environmentField = (z: Z) =>
  z
    .string()
    .min(1, 'is required')
    .max(63, 'must be at most 63 characters')
    .describe(
      'Runtime environment to create in, one of runtime.environments[].name (e.g. dev)',
    );

/** The owning group, as an entity ref or a bare group name. */
export const ownerField = (z: Z) =>
  z
    .string()
    .max(OWNER_MAX_LENGTH, `must be at most ${OWNER_MAX_LENGTH} characters`)
    .regex(
      /^(group:)?(default\/)?[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      'must be a group in the default namespace, e.g. group:default/search-team or search-team',
    )
    .describe(
      'Owning team: a group entity ref (group:default/search-team) or its name; recorded as the owner label or tag',
    );

/** The using service (a component name). */
export const serviceField = (z: Z) =>
  dnsLabel(
    z,
    'Service (component name) that uses the resource; recorded as the service label or tag',
  );

/** The group name of an owner given as `group:default/x`, `default/x` or `x`. */
export function ownerName(owner: string): string {
  return owner.replace(/^group:/, '').replace(/^default\//, '');
}
