import { RuntimeEnvironment } from '@runtime-portal/backstage-plugin-runtime-node';

/** What the portal may say publicly about a configured environment: names only, no URLs or credentials. */
export interface EnvironmentSummary {
  name: string;
  title: string;
  upstreams: string[];
}

/** Summarises the configured environments for the health route. */
export function summariseEnvironments(
  environments: RuntimeEnvironment[],
): EnvironmentSummary[] {
  return environments.map(env => ({
    name: env.name,
    title: env.title,
    upstreams: (
      ['kubernetes', 'openbao', 'objectStorage', 'temporal'] as const
    ).filter(upstream => env[upstream] !== undefined),
  }));
}
