import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('runtime');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
