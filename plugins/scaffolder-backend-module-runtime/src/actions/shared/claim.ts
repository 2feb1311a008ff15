import { ConflictError } from '@backstage/errors';

/** Who a Runtime resource is for: the owning team and the service that uses it. */
export interface ResourceClaim {
  owner: string;
  service: string;
}

/**
 * Checks that an existing resource is `expected`'s: a `ConflictError` naming `subject` (e.g.
 * `Bucket data`) and both claims otherwise, so a run never takes over another team's resource.
 */
export function requireSameClaim(
  subject: string,
  found: Partial<ResourceClaim>,
  expected: ResourceClaim,
): void {
  if (found.owner === expected.owner && found.service === expected.service) {
    return;
  }
  throw new ConflictError(
    `${subject} already exists and belongs to owner '${
      found.owner ?? 'none'
    }', service '${found.service ?? 'none'}', not ${expected.owner}/${
      expected.service
    }`,
  );
}
