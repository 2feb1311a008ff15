import type { KubernetesSnapshot } from '../kubernetes/snapshot';
import type { OpenBaoSnapshot } from '../openbao/snapshot';
import type { S3Snapshot } from '../s3/snapshot';
import type { TemporalSnapshot } from '../temporal/snapshot';
import type { PostgresSnapshot } from '../postgres/snapshot';

/**
 * A plain, JSON-comparable picture of every stateful upstream of the sandbox that a Runtime action
 * can change, as `Sandbox.snapshot()` returns it (see there for what is left out and why).
 */
export interface SandboxSnapshot {
  kubernetes: KubernetesSnapshot;
  openbao: OpenBaoSnapshot;
  s3: S3Snapshot;
  temporal: TemporalSnapshot;
  postgres: PostgresSnapshot;
}

/** Where each part of a {@link SandboxSnapshot} is read from: the upstream's server. */
export type SnapshotSources = {
  [Upstream in keyof SandboxSnapshot]: {
    snapshot(): Promise<SandboxSnapshot[Upstream]>;
  };
};

/** Reads every part of a {@link SandboxSnapshot} from its server's memory. */
export async function sandboxSnapshot(
  sources: SnapshotSources,
): Promise<SandboxSnapshot> {
  return {
    kubernetes: await sources.kubernetes.snapshot(),
    openbao: await sources.openbao.snapshot(),
    s3: await sources.s3.snapshot(),
    temporal: await sources.temporal.snapshot(),
    postgres: await sources.postgres.snapshot(),
  };
}
