import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  RuntimeApproval,
  RuntimeApprovalDecision,
  RuntimeApprovalList,
  RuntimeApprovalStatus,
  RuntimeDeliveryReport,
  RuntimeComponentsHealth,
  RuntimeComponentAlertsReport,
  RuntimeResourceDetails,
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

  async getComponentsHealth(): Promise<RuntimeComponentsHealth> {
    return this.get<RuntimeComponentsHealth>('/components/health');
  }

  async getComponentAlerts(): Promise<RuntimeComponentAlertsReport> {
    return this.get<RuntimeComponentAlertsReport>('/alerts');
  }

  async getResourceDetails(
    entityRef: CompoundEntityRef,
  ): Promise<RuntimeResourceDetails> {
    return this.get<RuntimeResourceDetails>(
      `${entityPath(entityRef)}/resource`,
    );
  }

  async syncDeployment(
    entityRef: CompoundEntityRef,
    target: { environment: string; application: string },
  ): Promise<{ phase: string }> {
    return this.send(`${entityPath(entityRef)}/delivery/sync`, target);
  }

  async retryPipeline(
    entityRef: CompoundEntityRef,
    pipelineId: number,
  ): Promise<{ status: string }> {
    return this.send(
      `${entityPath(entityRef)}/delivery/pipelines/${encodeURIComponent(
        String(pipelineId),
      )}/retry`,
      {},
    );
  }

  async listApprovals(
    status?: RuntimeApprovalStatus,
  ): Promise<RuntimeApproval[]> {
    const query = status ? `?${new URLSearchParams({ status })}` : '';
    const list = await this.get<RuntimeApprovalList>(`/approvals${query}`);
    return list.items;
  }

  async getApproval(id: string): Promise<RuntimeApproval> {
    return this.get<RuntimeApproval>(`/approvals/${encodeURIComponent(id)}`);
  }

  async decideApproval(
    id: string,
    decision: RuntimeApprovalDecision,
    comment?: string,
  ): Promise<RuntimeApproval> {
    return this.send<RuntimeApproval>(
      `/approvals/${encodeURIComponent(id)}/decision`,
      comment ? { decision, comment } : { decision },
    );
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('runtime');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  private async send<T>(path: string, body: object): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('runtime');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
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
