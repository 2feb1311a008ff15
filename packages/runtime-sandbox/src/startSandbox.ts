import { loadSeed, RuntimeSeed } from './seed';
import {
  DEFAULT_SANDBOX_ADMIN_CREDENTIALS,
  DEFAULT_SANDBOX_CREDENTIALS,
  RunningServer,
  SandboxCredentials,
} from './types';
import { startKubernetesServer } from './kubernetes';
import { startOpenBaoServer } from './openbao';
import { startS3Server } from './s3';
import { startTemporalServer } from './temporal';
import { startPrometheusServer } from './prometheus';
import { startAlertmanagerServer } from './alertmanager';
import { startLokiServer } from './loki';
import { startTempoServer } from './tempo';
import { startGrafanaServer } from './grafana';
import { startGitLabServer } from './gitlab';
import { startArgoCdServer } from './argocd';
import { startHarborServer } from './harbor';
import { SANDBOX_KEYCLOAK_REALM, startKeycloakServer } from './keycloak';
import { startLazyPostgresServer } from './postgres';
import { SandboxSnapshot, SnapshotSources, sandboxSnapshot } from './snapshot';
import type { EnvironmentUpstream } from './environmentUpstreams';

/** The ports the sandbox listens on by default (those app-config.yaml points at). */
export const DEFAULT_SANDBOX_PORTS = {
  kubernetes: 6443,
  openbao: 8200,
  s3: 9000,
  temporal: 7243,
  prometheus: 9090,
  alertmanager: 9093,
  loki: 3100,
  tempo: 3200,
  grafana: 3001,
  gitlab: 8929,
  harbor: 8082,
  argocd: 8081,
  keycloak: 8080,
  postgres: 5433,
};

/** The upstreams of the sandbox. */
export type SandboxUpstream = keyof typeof DEFAULT_SANDBOX_PORTS;

/** The stateful upstreams `snapshot()` reads. */
const SNAPSHOT_UPSTREAMS: SandboxUpstream[] = [
  'kubernetes',
  'openbao',
  's3',
  'temporal',
  'postgres',
];

/** How to start the sandbox. */
export interface SandboxOptions<U extends SandboxUpstream = SandboxUpstream> {
  /**
   * Which upstreams to start (default: all of them). A second environment's sandbox starts only the
   * per-environment ones (`ENVIRONMENT_UPSTREAMS`, see `startProdSandbox`). `snapshot()` needs
   * kubernetes, openbao, s3, temporal and postgres among them.
   */
  upstreams?: readonly U[];
  /**
   * Base URLs of platform-wide upstreams this sandbox does not start (another sandbox's), for the
   * upstreams that refer to them: Argo CD's applications come from `gitlab`, their images from `harbor`.
   */
  links?: Partial<Record<'gitlab' | 'harbor', string>>;
  /**
   * Ports per upstream (0 picks a free one), or `'free'` for free ports everywhere (tests). Defaults to
   * {@link DEFAULT_SANDBOX_PORTS}.
   */
  ports?: Partial<typeof DEFAULT_SANDBOX_PORTS> | 'free';
  host?: string;
  /** The Runtime to start with; defaults to the seed file. */
  seed?: RuntimeSeed;
  /** The portal's credentials (default {@link DEFAULT_SANDBOX_CREDENTIALS}). */
  credentials?: SandboxCredentials;
  /** The administrator's credentials (default {@link DEFAULT_SANDBOX_ADMIN_CREDENTIALS}). */
  adminCredentials?: SandboxCredentials;
  /**
   * Whether `credentials` are the portal's least-privilege identities of `deploy/` (default `true`):
   * the Kubernetes ServiceAccount under the shipped RBAC, the OpenBao token with the shipped policy
   * and the MinIO user with the shipped policy. `false` makes `credentials` the administrator's
   * everywhere (and `adminCredentials` the same).
   */
  leastPrivilege?: boolean;
  /** Milliseconds until a simulated new workload is ready. */
  readyAfterMs?: number;
  /** Callback URLs Keycloak's `backstage` client accepts (default: a backend on localhost:7007). */
  keycloakRedirectUris?: string[];
}

/** A running sandbox: one base URL per upstream it started. */
export interface Sandbox<U extends SandboxUpstream = SandboxUpstream> {
  urls: Record<U, string>;
  /** What the portal is configured with: its least-privilege identities (see `leastPrivilege`). */
  credentials: SandboxCredentials;
  /**
   * The platform administrator's credentials (Kubernetes `system:masters`, OpenBao root, MinIO root),
   * for tests that set up or inspect state the portal may not touch. Never give them to the portal.
   */
  adminCredentials: SandboxCredentials;
  /** Stops one upstream's server (to see the portal degrade); its URL then refuses connections. */
  stopUpstream(upstream: U): Promise<void>;
  /** Starts a stopped upstream again on its port. */
  startUpstream(upstream: U): Promise<void>;
  /**
   * A plain, JSON-comparable and deterministic (keys sorted) picture of every stateful upstream a
   * Runtime action can change, read from the stand-ins' memory (not over HTTP), for tests such as
   * "a dry run changes nothing" and "create then delete leaves every upstream as before":
   * `const before = await sandbox.snapshot(); ...; expect(await sandbox.snapshot()).toEqual(before)`.
   *
   * - `kubernetes`: every stored object in full, by `<apiVersion> <kind> <namespace>/<name>`
   *   (waits first until the simulated controllers have no queued work and no start-up delay
   *   left, e.g. new Pods have started: the state no client's write would change any more);
   * - `openbao`: per namespace, KV v2 keys with their metadata and versions, ACL policies and
   *   Kubernetes auth roles;
   * - `s3`: buckets (tags, versioning, lifecycle, policy, objects), MinIO users with their policies,
   *   and canned policies;
   * - `temporal`: namespaces (the stand-in has no workflows or schedules).
   * - `postgres`: databases (owner, comment, privileges) and roles (login, comment), read from
   *   the real server's catalogs as its superuser, without the built-in ones and never a password;
   *
   * Objects keep their own resourceVersion, uid and timestamps, so one deleted and created again
   * differs. Secret values (KV data, MinIO secret keys) appear only as SHA-256 digests, and object
   * bodies as ETag and size. Left out, as they change without a client's write or only count or log:
   * the Kubernetes store's global resourceVersion counter, watch history and continue tokens;
   * OpenBao tokens (sessions: the root and portal tokens and those logins issue, which no Runtime
   * action creates); the S3 accounts and their fixed root keys; the query upstreams (Prometheus,
   * Alertmanager, Loki, Tempo, Grafana: series, alerts, logs and traces simulated from the clock);
   * GitLab, Harbor, Argo CD and Keycloak, which no Runtime action writes (GitLab's pipelines also
   * advance by themselves). A stopped upstream shows the state it had when stopped; one started again
   * starts from the seed.
   */
  snapshot(): Promise<SandboxSnapshot>;
  close(): Promise<void>;
}

/**
 * Starts the local runtime sandbox on localhost, seeded with a Runtime installation: the Kubernetes,
 * OpenBao, S3 and Temporal APIs, the query APIs of Prometheus, Alertmanager, Loki, Tempo and Grafana
 * over one consistent telemetry model, GitLab (with git over HTTP), Harbor and Argo CD, and Keycloak (sign-in
 * and the org). A development and test tool only.
 */
export async function startSandbox<U extends SandboxUpstream = SandboxUpstream>(
  options: SandboxOptions<U> = {},
): Promise<Sandbox<U>> {
  const selected = new Set<SandboxUpstream>(
    options.upstreams ?? (Object.keys(DEFAULT_SANDBOX_PORTS) as U[]),
  );
  for (const upstream of selected) {
    if (!(upstream in DEFAULT_SANDBOX_PORTS)) {
      throw new Error(
        `'${upstream}' is not an upstream of the sandbox (${Object.keys(
          DEFAULT_SANDBOX_PORTS,
        ).join(', ')})`,
      );
    }
  }
  const ports =
    options.ports === 'free'
      ? (Object.fromEntries(
          Object.keys(DEFAULT_SANDBOX_PORTS).map(upstream => [upstream, 0]),
        ) as typeof DEFAULT_SANDBOX_PORTS)
      : { ...DEFAULT_SANDBOX_PORTS, ...options.ports };
  const credentials = options.credentials ?? DEFAULT_SANDBOX_CREDENTIALS;
  const leastPrivilege = options.leastPrivilege ?? true;
  const common = {
    host: options.host ?? '127.0.0.1',
    seed: options.seed ?? loadSeed(),
    credentials,
    adminCredentials: leastPrivilege
      ? options.adminCredentials ?? DEFAULT_SANDBOX_ADMIN_CREDENTIALS
      : undefined,
    readyAfterMs: options.readyAfterMs,
  };
  type Starter = (
    o: typeof common & { port: number },
  ) => Promise<RunningServer>;
  const starters = {} as Record<SandboxUpstream, Starter>;
  const running = new Map<SandboxUpstream, RunningServer>();
  const urls = {} as Record<SandboxUpstream, string>;
  const sources = {} as SnapshotSources;
  /** Starts an upstream; `keep` sees each server it starts (also after `startUpstream`). */
  const start = async <S extends RunningServer>(
    upstream: SandboxUpstream,
    fn: (o: typeof common & { port: number }) => Promise<S>,
    port: number,
    keep?: (server: S) => void,
  ) => {
    if (!selected.has(upstream)) return;
    starters[upstream] = async o => {
      const started = await fn(o);
      keep?.(started);
      return started;
    };
    const server = await starters[upstream]({ ...common, port });
    running.set(upstream, server);
    urls[upstream] = server.url;
  };
  const closeAll = () =>
    Promise.all([...running.values()].map(server => server.close()));
  try {
    // A real PostgreSQL takes a second or more to start, and most sandboxes never use it: it starts
    // on its first connection (or snapshot), behind a listener on its port.
    await start('postgres', startLazyPostgresServer, ports.postgres, s => {
      sources.postgres = s;
    });
    await start('kubernetes', startKubernetesServer, ports.kubernetes, s => {
      sources.kubernetes = s;
    });
    await start('openbao', startOpenBaoServer, ports.openbao, s => {
      sources.openbao = s;
    });
    await start('s3', startS3Server, ports.s3, s => {
      sources.s3 = s;
    });
    await start('temporal', startTemporalServer, ports.temporal, s => {
      sources.temporal = s;
    });
    await start('prometheus', startPrometheusServer, ports.prometheus);
    await start('alertmanager', startAlertmanagerServer, ports.alertmanager);
    await start('loki', startLokiServer, ports.loki);
    await start('tempo', startTempoServer, ports.tempo);
    await start('grafana', startGrafanaServer, ports.grafana);
    await start('gitlab', startGitLabServer, ports.gitlab);
    await start('harbor', startHarborServer, ports.harbor);
    await start(
      'argocd',
      o =>
        startArgoCdServer({
          ...o,
          gitlabUrl: urls.gitlab ?? options.links?.gitlab,
          imageRegistry: registryHost(urls.harbor ?? options.links?.harbor),
        }),
      ports.argocd,
    );
    await start(
      'keycloak',
      o =>
        startKeycloakServer({
          ...o,
          redirectUris: options.keycloakRedirectUris,
        }),
      ports.keycloak,
    );
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    urls: urls as Record<U, string>,
    credentials,
    adminCredentials: common.adminCredentials ?? credentials,
    async stopUpstream(upstream) {
      const server = running.get(upstream);
      running.delete(upstream);
      await server?.close();
    },
    async startUpstream(upstream) {
      if (running.has(upstream)) return;
      if (!starters[upstream]) {
        throw new Error(`${upstream} is not an upstream of this sandbox`);
      }
      const port = Number(new URL(urls[upstream]).port);
      running.set(upstream, await starters[upstream]({ ...common, port }));
    },
    snapshot: async () => {
      const missing = SNAPSHOT_UPSTREAMS.filter(u => !selected.has(u));
      if (missing.length > 0) {
        throw new Error(
          `snapshot() needs ${missing.join(
            ', ',
          )}, which this sandbox did not start`,
        );
      }
      return sandboxSnapshot(sources);
    },
    close: async () => {
      await closeAll();
    },
  };
}

/** The host (and port) of a registry's URL, when there is one. */
function registryHost(url: string | undefined) {
  return url ? new URL(url).host : undefined;
}

/**
 * One `runtime.environments[]` entry of app-config that reaches this sandbox with the portal's
 * credentials, for tests and local configs; `credentials` may name others (the sandbox's
 * `adminCredentials`, for a test that sets up state the portal may not write). (Plain config data: the
 * sandbox knows nothing of the plugins.)
 */
export function sandboxEnvironmentConfig(
  sandbox: Sandbox<EnvironmentUpstream>,
  name = 'dev',
  credentials: SandboxCredentials = sandbox.credentials,
) {
  return {
    name,
    kubernetes: {
      url: sandbox.urls.kubernetes,
      serviceAccountToken: credentials.kubernetesToken,
      // The sandbox speaks plain HTTP on localhost.
      skipTLSVerify: true,
    },
    openbao: {
      url: sandbox.urls.openbao,
      token: credentials.openbaoToken,
    },
    objectStorage: {
      endpoint: sandbox.urls.s3,
      accessKeyId: credentials.s3AccessKeyId,
      secretAccessKey: credentials.s3SecretAccessKey,
    },
    temporal: { httpUrl: sandbox.urls.temporal },
    prometheus: { url: sandbox.urls.prometheus },
    alertmanager: { url: sandbox.urls.alertmanager },
    loki: { url: sandbox.urls.loki },
    tempo: { url: sandbox.urls.tempo },
    grafana: {
      url: sandbox.urls.grafana,
      token: credentials.grafanaToken,
    },
    argocd: {
      url: sandbox.urls.argocd,
      token: credentials.argocdToken,
    },
    postgres: {
      host: new URL(sandbox.urls.postgres).hostname,
      port: Number(new URL(sandbox.urls.postgres).port),
      user: credentials.postgresUser,
      password: credentials.postgresPassword,
    },
  };
}

/**
 * The platform-wide part of app-config that reaches this sandbox: GitLab as a Backstage integration
 * (the scaffolder publishes there, the catalog reads from it) and Harbor.
 */
export function sandboxPlatformConfig(sandbox: Sandbox) {
  const gitlab = new URL(sandbox.urls.gitlab);
  return {
    integrations: {
      gitlab: [
        {
          host: gitlab.host,
          baseUrl: sandbox.urls.gitlab,
          apiBaseUrl: `${sandbox.urls.gitlab}/api/v4`,
          token: sandbox.credentials.gitlabToken,
        },
      ],
    },
    harbor: {
      url: sandbox.urls.harbor,
      username: sandbox.credentials.harborUsername,
      password: sandbox.credentials.harborPassword,
    },
  };
}

/**
 * The part of app-config that signs users in through this sandbox's Keycloak and reads the org from it:
 * the OIDC provider `auth.providers.oidc.<environment>` and the Keycloak org provider
 * `catalog.providers.keycloakOrg.default` (plain config data, as in app-config.yaml).
 */
export function sandboxKeycloakConfig(sandbox: Sandbox) {
  const { keycloakClientId, keycloakClientSecret } = sandbox.credentials;
  return {
    oidc: {
      metadataUrl: `${sandbox.urls.keycloak}/realms/${SANDBOX_KEYCLOAK_REALM}/.well-known/openid-configuration`,
      clientId: keycloakClientId,
      clientSecret: keycloakClientSecret,
    },
    keycloakOrg: {
      baseUrl: sandbox.urls.keycloak,
      loginRealm: SANDBOX_KEYCLOAK_REALM,
      realm: SANDBOX_KEYCLOAK_REALM,
      clientId: keycloakClientId,
      clientSecret: keycloakClientSecret,
    },
  };
}
