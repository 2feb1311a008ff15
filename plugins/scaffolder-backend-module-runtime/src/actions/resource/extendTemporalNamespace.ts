import { NotFoundError } from '@backstage/errors';
import {
  RUNTIME_EXPIRES_AT_METADATA_KEY,
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_SERVICE_METADATA_KEY,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { TemporalClient } from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim, requireSameClaim } from '../shared';
import {
  ExpiryChange,
  ExpiryWrite,
  holdsExpiry,
  recordedExpiry,
} from './expiryRecord';

/**
 * Changes the expiry of a Temporal namespace: its data key `expires-at`, set with UpdateNamespace
 * (Temporal merges the key into the data, keeping the claim). Temporal cannot drop a data key, so
 * no expiry is written as `''`. `NotFoundError` for no namespace (or one marked deleted),
 * `ConflictError` naming both claims for another team's.
 */
export async function extendTemporalNamespace(
  temporal: TemporalClient,
  target: { environment: string; name: string; claim: ResourceClaim },
  write: ExpiryWrite,
): Promise<ExpiryChange> {
  const { name, claim, environment } = target;
  const subject = `Temporal namespace ${name} in ${environment}`;
  const namespace = await temporal.describeNamespace(name, {
    signal: write.signal,
  });
  if (!namespace || namespace.state === 'Deleted') {
    throw new NotFoundError(`${subject} does not exist`);
  }
  requireSameClaim(
    subject,
    {
      owner: namespace.data[RUNTIME_OWNER_METADATA_KEY],
      service: namespace.data[RUNTIME_SERVICE_METADATA_KEY],
    },
    claim,
  );
  const previous = recordedExpiry(
    namespace.data[RUNTIME_EXPIRES_AT_METADATA_KEY],
  );
  if (holdsExpiry(previous, write)) {
    return { subjects: [], previous, changed: false };
  }
  if (!write.dryRun) {
    await temporal.updateNamespace(
      name,
      { data: { [RUNTIME_EXPIRES_AT_METADATA_KEY]: write.expiresAt ?? '' } },
      { signal: write.signal },
    );
  }
  return { subjects: [subject], previous, changed: true };
}
