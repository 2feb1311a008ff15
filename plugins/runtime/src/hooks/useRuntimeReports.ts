import { useApi } from '@backstage/core-plugin-api';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RuntimeObservabilityRange } from '@runtime-portal/backstage-plugin-runtime-common';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeApiRef } from '../api';

/** The observability report of the current entity over a range; refetches when the range changes. */
export function useRuntimeObservability(range: RuntimeObservabilityRange) {
  const { entity } = useEntity();
  const api = useApi(runtimeApiRef);
  const ref = getCompoundEntityRef(entity);
  return useAsync(
    () => api.getObservability(ref, range),
    [api, ref.kind, ref.namespace, ref.name, range],
  );
}

/** The delivery report of the current entity, with `retry` to reload it after an action. */
export function useRuntimeDelivery() {
  const { entity } = useEntity();
  const api = useApi(runtimeApiRef);
  const ref = getCompoundEntityRef(entity);
  return useAsyncRetry(
    () => api.getDelivery(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
}
