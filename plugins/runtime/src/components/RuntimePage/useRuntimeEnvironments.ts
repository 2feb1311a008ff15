import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { runtimeApiRef } from '../../api';

/** The runtime backend's health answer: the configured environments and their upstreams. */
export function useRuntimeEnvironments() {
  const runtimeApi = useApi(runtimeApiRef);
  return useAsync(() => runtimeApi.getHealth(), [runtimeApi]);
}

/**
 * Prometheus `up` and Grafana dashboards of the runtime components per environment; a failure leaves
 * the page as it is (the catalog's readiness still shows).
 */
export function useRuntimeComponentsHealth() {
  const runtimeApi = useApi(runtimeApiRef);
  return useAsync(async () => runtimeApi.getComponentsHealth(), [runtimeApi]);
}
