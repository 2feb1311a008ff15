export { sandboxSnapshot } from './sandboxSnapshot';
export type { SandboxSnapshot, SnapshotSources } from './sandboxSnapshot';
export type { KubernetesSnapshot } from '../kubernetes/snapshot';
export type {
  OpenBaoSnapshot,
  OpenBaoNamespaceSnapshot,
  OpenBaoKvSnapshot,
} from '../openbao/snapshot';
export type {
  S3Snapshot,
  S3BucketSnapshot,
  S3ObjectSnapshot,
  S3UserSnapshot,
  S3CannedPolicySnapshot,
} from '../s3/snapshot';
export type {
  TemporalSnapshot,
  TemporalNamespaceSnapshot,
} from '../temporal/snapshot';
export type {
  PostgresSnapshot,
  PostgresDatabaseSnapshot,
  PostgresRoleSnapshot,
} from '../postgres/snapshot';
