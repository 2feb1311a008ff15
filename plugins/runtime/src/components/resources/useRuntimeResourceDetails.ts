import { useApi } from '@backstage/core-plugin-api';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeApiRef } from '../../api';

/** The live details of a runtime Resource entity from the runtime backend, with a retry. */
export function useRuntimeResourceDetails(entity: Entity) {
  const api = useApi(runtimeApiRef);
  const ref = getCompoundEntityRef(entity);
  return useAsyncRetry(
    () => api.getResourceDetails(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
}
