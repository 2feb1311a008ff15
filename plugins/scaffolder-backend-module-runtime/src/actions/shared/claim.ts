import { ConflictError } from '@backstage/errors';
import {
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_SERVICE_METADATA_KEY,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  OpenBaoClient,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';

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

/**
 * Writes `claim` (and `extra`) as the custom metadata of the OpenBao secret at `path` with a
 * metadata check-and-set at `metadataVersion` (`0` when the secret has none yet), so of two runs
 * that read the same metadata only one writes. Returns the metadata version after the write. When
 * another run wrote first, a `ConflictError` says whose the secret now is.
 */
export async function writeClaimMetadata(
  openbao: OpenBaoClient,
  options: {
    subject: string;
    path: string;
    claim: ResourceClaim;
    metadataVersion: number;
    extra?: Record<string, string>;
    signal?: AbortSignal;
  },
): Promise<number> {
  const { subject, path, claim, metadataVersion, signal } = options;
  try {
    await openbao.writeSecretMetadata(
      path,
      {
        customMetadata: {
          [RUNTIME_OWNER_METADATA_KEY]: claim.owner,
          [RUNTIME_SERVICE_METADATA_KEY]: claim.service,
          ...options.extra,
        },
      },
      { metadataCas: metadataVersion, signal },
    );
  } catch (error) {
    if (!isRuntimeUpstreamError(error, 'Conflict')) throw error;
    const now = await openbao.readSecretMetadata(path, { signal });
    requireSameClaim(subject, claimOf(now?.customMetadata ?? {}), claim);
    throw new ConflictError(
      `${subject} was changed by another run for ${claim.owner}/${claim.service} at the same time; run again`,
    );
  }
  return metadataVersion + 1;
}

/** The claim recorded in an OpenBao secret's custom metadata or a bucket's tags. */
export function claimOf(
  recorded: Record<string, string>,
): Partial<ResourceClaim> {
  return {
    owner: recorded[RUNTIME_OWNER_METADATA_KEY],
    service: recorded[RUNTIME_SERVICE_METADATA_KEY],
  };
}
