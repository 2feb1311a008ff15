import {
  useApi,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { RuntimeResourceDetails } from '@runtime-portal/backstage-plugin-runtime-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/**
 * Reads `GET {runtime}/entity/:kind/:namespace/:name/resource`, with every path segment URL-encoded;
 * throws a ResponseError when the backend answers anything but 2xx.
 */
export async function fetchRuntimeResourceDetails(
  deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ref: CompoundEntityRef,
): Promise<RuntimeResourceDetails> {
  const baseUrl = await deps.discoveryApi.getBaseUrl('runtime');
  const path = [ref.kind, ref.namespace, ref.name]
    .map(encodeURIComponent)
    .join('/');
  const response = await deps.fetchApi.fetch(
    `${baseUrl}/entity/${path}/resource`,
  );
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as RuntimeResourceDetails;
}

/** The live details of a runtime Resource entity from the runtime backend, with a retry. */
export function useRuntimeResourceDetails(entity: Entity) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const ref = getCompoundEntityRef(entity);
  return useAsyncRetry(
    () => fetchRuntimeResourceDetails({ discoveryApi, fetchApi }, ref),
    [discoveryApi, fetchApi, ref.kind, ref.namespace, ref.name],
  );
}
