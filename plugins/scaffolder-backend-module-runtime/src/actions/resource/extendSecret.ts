import { NotFoundError } from '@backstage/errors';
import { OpenBaoClient } from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim, claimOf, requireSameClaim } from '../shared';
import { RUNTIME_EXPIRES_AT_METADATA_KEY } from '@runtime-portal/backstage-plugin-runtime-common';
import { ExpiryChange, ExpiryWrite, recordedExpiry } from './expiryRecord';
import { extendSecretMetadata } from './extendSecretMetadata';

/**
 * Changes the expiry of the secret `<service>/<name>`: reads its metadata (`NotFoundError` when there
 * is none), checks its claim (`ConflictError` naming both otherwise), then rewrites `expires-at`
 * (see {@link extendSecretMetadata}).
 */
export async function extendSecret(
  openbao: OpenBaoClient,
  target: { environment: string; path: string; claim: ResourceClaim },
  write: ExpiryWrite,
): Promise<ExpiryChange> {
  const { path, claim } = target;
  const subject = `Secret ${path} in ${target.environment}`;
  const metadata = await openbao.readSecretMetadata(path, {
    signal: write.signal,
  });
  if (!metadata) throw new NotFoundError(`${subject} does not exist`);
  requireSameClaim(subject, claimOf(metadata.customMetadata), claim);
  const changed = await extendSecretMetadata(
    openbao,
    { subject, path, claim, metadata },
    write,
  );
  return {
    subjects: changed ? [subject] : [],
    previous: recordedExpiry(
      metadata.customMetadata[RUNTIME_EXPIRES_AT_METADATA_KEY],
    ),
    changed,
  };
}
