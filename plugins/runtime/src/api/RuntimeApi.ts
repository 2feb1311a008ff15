import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  RuntimeApproval,
  RuntimeApprovalDecision,
  RuntimeApprovalStatus,
  RuntimeDeliveryReport,
  RuntimeComponentsHealth,
  RuntimeComponentAlertsReport,
  RuntimeResourceDetails,
  RuntimeObservabilityRange,
  RuntimeObservabilityReport,
} from '@runtime-portal/backstage-plugin-runtime-common';

/**
 * An upstream of an environment and whether the portal can use it right now.
 *
 * @public
 */
export interface RuntimeUpstreamHealth {
  /** e.g. `kubernetes`, `openbao`, `prometheus`. */
  upstream: string;
  status: 'ok' | 'down';
  /** Why it is down, e.g. `Unavailable`, `Forbidden`, `Timeout`. */
  reason?: string;
  latencyMs: number;
}

/**
 * A configured Runtime environment, as the runtime backend reports it.
 *
 * @public
 */
export interface RuntimeEnvironmentSummary {
  name: string;
  title: string;
  upstreams: RuntimeUpstreamHealth[];
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
  /** Metrics, alerts, logs, traces and dashboards of an entity per environment over a time range. */
  getObservability(
    entityRef: CompoundEntityRef,
    range: RuntimeObservabilityRange,
  ): Promise<RuntimeObservabilityReport>;
  /** Deployments, pipelines and images of an entity. */
  getDelivery(entityRef: CompoundEntityRef): Promise<RuntimeDeliveryReport>;
  /** Prometheus `up` and Grafana dashboards of the runtime components, per environment. */
  getComponentsHealth(): Promise<RuntimeComponentsHealth>;
  /**
   * The firing alerts of every runtime component the user can see, per environment, grouped by
   * component; an environment whose Alertmanager is down says so on its own.
   */
  getComponentAlerts(): Promise<RuntimeComponentAlertsReport>;
  /** Live details of a runtime Resource (inference endpoint, bucket, secret, workflow). */
  getResourceDetails(
    entityRef: CompoundEntityRef,
  ): Promise<RuntimeResourceDetails>;
  /** Starts an Argo CD sync of one of the entity's applications (needs `runtime.deployment.sync`). */
  syncDeployment(
    entityRef: CompoundEntityRef,
    target: { environment: string; application: string },
  ): Promise<{ phase: string }>;
  /** Retries one of the entity's GitLab pipelines (needs `runtime.pipeline.retry`). */
  retryPipeline(
    entityRef: CompoundEntityRef,
    pipelineId: number,
  ): Promise<{ status: string }>;
  /** The approval requests the user may decide or made, newest first; only those in `status` if given. */
  listApprovals(status?: RuntimeApprovalStatus): Promise<RuntimeApproval[]>;
  /** One approval request (a 404 `ResponseError` when the user may neither decide nor see it). */
  getApproval(id: string): Promise<RuntimeApproval>;
  /**
   * Approves or rejects a pending request; answers the decided request. A 403 `ResponseError` when the
   * user is not an approver or is the requester, a 409 when it is already decided or expired.
   */
  decideApproval(
    id: string,
    decision: RuntimeApprovalDecision,
    comment?: string,
  ): Promise<RuntimeApproval>;
}

/**
 * ApiRef of {@link RuntimeApi}.
 *
 * @public
 */
export const runtimeApiRef = createApiRef<RuntimeApi>({
  id: 'plugin.runtime.api',
});
