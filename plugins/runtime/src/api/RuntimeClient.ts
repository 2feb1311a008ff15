import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  RuntimeDeliveryReport,
  RuntimeObservabilityRange,
  RuntimeObservabilityReport,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeApi, RuntimeHealth } from './RuntimeApi';

/**
 * {@link RuntimeApi} over the Backstage fetch and discovery APIs.
 *
 * @public
 */
export class RuntimeClient implements RuntimeApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getHealth(): Promise<RuntimeHealth> {
    return this.get<RuntimeHealth>('/health');
  }

  async getObservability(
    entityRef: CompoundEntityRef,
    range: RuntimeObservabilityRange,
  ): Promise<RuntimeObservabilityReport> {
    const query = new URLSearchParams({ range });
    return this.get<RuntimeObservabilityReport>(
      `${entityPath(entityRef)}/observability?${query}`,
    );
  }

  async getDelivery(
    entityRef: CompoundEntityRef,
  ): Promise<RuntimeDeliveryReport> {
    return this.get<RuntimeDeliveryReport>(`${entityPath(entityRef)}/delivery`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('runtime');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}

/** `/entity/:kind/:namespace/:name` with every segment URL-encoded. */
function entityPath(ref: CompoundEntityRef): string {
  return `/entity/${[ref.kind, ref.namespace, ref.name]
    .map(encodeURIComponent)
    .join('/')}`;
}
