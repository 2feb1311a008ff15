import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_SERVICE_METADATA_KEY,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  TemporalClient,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim, RuntimeActionRun, requireSameClaim } from '../shared';

/** Retention is compared to the second (Temporal stores whole seconds). */
const RETENTION_TOLERANCE_DAYS = 1 / (24 * 60 * 60);

/** What may change in a Temporal workflow namespace. */
export interface TemporalNamespaceChange {
  environment: string;
  name: string;
  claim: ResourceClaim;
  retentionDays?: number;
  description?: string;
}

/**
 * Changes a Temporal namespace's retention and description, only what is given and differs. The
 * namespace must exist and not be deleted (`NotFoundError`) and its data must record the claim
 * (`ConflictError`); the claim data is never written. Nothing is sent when nothing differs or on a
 * dry run. Resolves one line per change (on a dry run: per change it would make).
 */
export async function updateTemporalNamespace(
  temporal: TemporalClient,
  change: TemporalNamespaceChange,
  run: RuntimeActionRun,
): Promise<string[]> {
  const { environment, name, claim } = change;
  const subject = `Temporal namespace ${name} in ${environment}`;
  const signal = run.signal;
  const existing = await temporal.describeNamespace(name, { signal });
  if (!existing || existing.state === 'Deleted') {
    throw new NotFoundError(
      `${subject} does not exist; create it with runtime:workflow:create`,
    );
  }
  requireSameClaim(
    subject,
    {
      owner: existing.data[RUNTIME_OWNER_METADATA_KEY],
      service: existing.data[RUNTIME_SERVICE_METADATA_KEY],
    },
    claim,
  );
  const update: { retentionDays?: number; description?: string } = {};
  const changes: string[] = [];
  if (
    change.retentionDays !== undefined &&
    (existing.retentionDays === undefined ||
      Math.abs(existing.retentionDays - change.retentionDays) >
        RETENTION_TOLERANCE_DAYS)
  ) {
    update.retentionDays = change.retentionDays;
    changes.push(
      `retentionDays: ${existing.retentionDays ?? 'unknown'} → ${
        change.retentionDays
      }`,
    );
  }
  if (
    change.description !== undefined &&
    change.description !== (existing.description ?? '')
  ) {
    update.description = change.description;
    changes.push(
      `description: ${JSON.stringify(
        existing.description ?? '',
      )} → ${JSON.stringify(change.description)}`,
    );
  }
  if (run.isDryRun || changes.length === 0) return changes;
  try {
    await temporal.updateNamespace(name, update, { signal });
  } catch (error) {
    if (isRuntimeUpstreamError(error, 'Conflict')) {
      throw new ConflictError(error.message);
    }
    throw error;
  }
  return changes;
}
