import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { runtimeApiRef } from '../../api';

/** The firing alerts of every runtime component, per environment (one request). */
export function useComponentAlerts() {
  const runtimeApi = useApi(runtimeApiRef);
  return useAsync(() => runtimeApi.getComponentAlerts(), [runtimeApi]);
}
