import { RUNTIME_EXPIRES_AT_METADATA_KEY } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  OpenBaoClient,
  OpenBaoSecretMetadata,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim, writeClaimMetadata } from '../shared';
import {
  ExpiryWrite,
  holdsExpiry,
  recordedExpiry,
  withExpiry,
} from './expiryRecord';

/**
 * Rewrites the expiry (custom metadata `expires-at`) of the OpenBao secret whose `metadata` was read
 * and its claim checked: a metadata check-and-set on the version read, keeping the claim and every
 * other key (a concurrent change is a `ConflictError`, nothing overwritten). Writes nothing when it
 * already records `write.expiresAt` (see `holdsExpiry`), or on a dry run. Resolves whether it (would have) changed.
 */
export async function extendSecretMetadata(
  openbao: OpenBaoClient,
  target: {
    subject: string;
    path: string;
    claim: ResourceClaim;
    metadata: OpenBaoSecretMetadata;
  },
  write: ExpiryWrite,
): Promise<boolean> {
  const { metadata } = target;
  const recorded = recordedExpiry(
    metadata.customMetadata[RUNTIME_EXPIRES_AT_METADATA_KEY],
  );
  if (holdsExpiry(recorded, write)) return false;
  if (write.dryRun) return true;
  await writeClaimMetadata(openbao, {
    subject: target.subject,
    path: target.path,
    claim: target.claim,
    metadataVersion: metadata.currentMetadataVersion ?? 0,
    extra: withExpiry(metadata.customMetadata, write.expiresAt),
    signal: write.signal,
  });
  return true;
}
