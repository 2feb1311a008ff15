import { createApiRef } from '@backstage/core-plugin-api';

/**
 * A configured Runtime environment, as the runtime backend reports it.
 *
 * @public
 */
export interface RuntimeEnvironmentSummary {
  name: string;
  title: string;
  upstreams: string[];
}

/**
 * The runtime backend's health answer.
 *
 * @public
 */
export interface RuntimeHealth {
  status: 'ok';
  environments: RuntimeEnvironmentSummary[];
}

/**
 * The frontend's access to the runtime backend (`/api/runtime`).
 *
 * @public
 */
export interface RuntimeApi {
  getHealth(): Promise<RuntimeHealth>;
}

/**
 * ApiRef of {@link RuntimeApi}.
 *
 * @public
 */
export const runtimeApiRef = createApiRef<RuntimeApi>({
  id: 'plugin.runtime.api',
});
