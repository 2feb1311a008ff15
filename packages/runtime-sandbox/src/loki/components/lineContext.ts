import { SeedComponent } from '../../seed';
import { hashParts, hexHash, pick } from '../../telemetry/deterministic';
import { LogLevel } from '../logLines';

/** A team workload a component's lines can name (a service, or a KubeAI model with its engine). */
export interface NamedWorkload {
  name: string;
  namespace: string;
  engine?: string;
}

/** What a component's line writer knows when it writes the `index`-th line of a stream. */
export interface LineContext {
  level: LogLevel;
  timeMs: number;
  component: SeedComponent;
  /** The seed's team services and inference endpoints (KubeAI models) in this environment. */
  services: NamedWorkload[];
  models: NamedWorkload[];
  /** A number in [0, 1) for this line and `salt`. */
  u(salt: string): number;
  /** One of `items`, for this line and `salt`. */
  pick<T>(items: readonly T[], salt: string): T;
  /** An integer in [min, max], for this line and `salt`. */
  int(min: number, max: number, salt: string): number;
  /** `bytes` hex bytes (ids, hashes), for this line and `salt`. */
  hex(bytes: number, salt: string): string;
  /** A ULID of this year (26 Crockford base-32 digits, as OpenFGA, Prometheus and GitLab write ids), for this line and `salt`. */
  ulid(salt: string): string;
  /** A UUID (`8-4-4-4-12` hex digits), for this line and `salt`. */
  uuid(salt: string): string;
  /** A replica's pod name (`loki-0`; a Deployment's pods get a ReplicaSet and pod hash). */
  pod(replica: number): string;
  /** A replica's pod IP in the cluster's pod network (10.42.0.0/16). */
  ip(replica: number): string;
  /** A replica whose metrics endpoint answers (the last one when none does). */
  runningReplica(salt: string): number;
  /** A replica whose metrics endpoint does not answer (the first replicas, as the `up` series say). */
  downReplica(salt: string): number;
}

/** The characters Kubernetes generates names' random suffixes from (no vowels, no 0, 1, 3). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Crockford's base-32 digits, which ULIDs are written in. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Hex digits spelled in Kubernetes' suffix alphabet. */
function nameSuffix(hex: string): string {
  return [...hex].map(digit => NAME_ALPHABET[parseInt(digit, 16)]).join('');
}

/** Writes one line of a component's stream. */
export type LineWriter = (ctx: LineContext) => string;

/**
 * What a component logs: line writers per level, and the lines it adds while some of its replicas
 * fail their scrapes (`downReplicas`, when Alertmanager fires `TargetDown` for it). Info and warn
 * lines never say error, exception or fatal; error lines (and `down.error`) do, as the portal's
 * default line filter picks them.
 */
export interface ComponentLogCatalog {
  info: LineWriter[];
  warn: LineWriter[];
  error: LineWriter[];
  down?: { warn: LineWriter[]; error: LineWriter[] };
}

/** The context of the `index`-th line of a component's stream of `level`, written at `timeMs`. */
export function lineContext(
  component: SeedComponent,
  workloads: { services: NamedWorkload[]; models: NamedWorkload[] },
  level: LogLevel,
  index: number,
  timeMs: number,
): LineContext {
  const hashes = hashParts(component.name, level, index);
  const u = (salt: string) => hashes.unit(salt);
  const replicaHash = (replica: number) =>
    hexHash(8, component.name, component.namespace, replica, 'pod');
  const down = Math.min(component.downReplicas ?? 0, component.replicas);
  return {
    level,
    timeMs,
    component,
    ...workloads,
    u,
    pick: (items, salt) => pick(items, u(salt)),
    int: (min, max, salt) => min + Math.floor(u(salt) * (max - min + 1)),
    hex: (bytes, salt) => hashes.hex(bytes, salt),
    ulid: salt => {
      const hex = hashes.hex(23, salt);
      let id = '01J';
      for (let i = 0; i < 23; i++) {
        id += CROCKFORD[parseInt(hex.slice(2 * i, 2 * i + 2), 16) % 32];
      }
      return id;
    },
    uuid: salt => {
      const h = hashes.hex(16, salt);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
        16,
        20,
      )}-${h.slice(20)}`;
    },
    pod: replica =>
      component.workload === 'StatefulSet'
        ? `${component.name}-${replica}`
        : `${component.name}-${nameSuffix(
            hexHash(5, component.name, 'replicaset'),
          ).slice(0, 10)}-${nameSuffix(replicaHash(replica)).slice(0, 5)}`,
    ip: replica => {
      const hash = parseInt(replicaHash(replica).slice(0, 6), 16);
      return `10.42.${(hash >> 8) % 8}.${(hash % 250) + 2}`;
    },
    runningReplica: salt =>
      down >= component.replicas
        ? component.replicas - 1
        : down + Math.floor(u(salt) * (component.replicas - down)),
    downReplica: salt => Math.floor(u(salt) * Math.max(down, 1)),
  };
}
