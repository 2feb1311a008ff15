import type { SandboxUpstream } from './startSandbox';

/**
 * The upstreams each Runtime environment has of its own (one `runtime.environments[]` entry): a
 * second environment's sandbox starts only these. GitLab, Harbor and Keycloak are platform-wide.
 */
export const ENVIRONMENT_UPSTREAMS = [
  'kubernetes',
  'openbao',
  's3',
  'temporal',
  'prometheus',
  'alertmanager',
  'loki',
  'tempo',
  'grafana',
  'argocd',
  'postgres',
] as const satisfies readonly SandboxUpstream[];

/** One of {@link ENVIRONMENT_UPSTREAMS}. */
export type EnvironmentUpstream = (typeof ENVIRONMENT_UPSTREAMS)[number];
