import { RuntimeDeployment } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ArgoCdApplication,
  ArgoCdClient,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { DeliveryTarget } from '../../entities/deliveryTarget';

/** Argo CD applications of the target (by name or label selector) as deployments. */
export async function loadDeployments(
  client: ArgoCdClient,
  target: NonNullable<DeliveryTarget['argocd']>,
  uiUrl: string | undefined,
  signal: AbortSignal,
): Promise<RuntimeDeployment[]> {
  const applications =
    'name' in target
      ? [await client.getApplication(target.name, { signal })].filter(
          (a): a is ArgoCdApplication => a !== undefined,
        )
      : await client.listApplications({ selector: target.selector, signal });
  return applications.map(app => toDeployment(app, uiUrl));
}

function toDeployment(
  app: ArgoCdApplication,
  uiUrl: string | undefined,
): RuntimeDeployment {
  const status = app.status ?? {};
  const operation = status.operationState;
  return {
    application: app.metadata.name,
    syncStatus: status.sync?.status ?? 'Unknown',
    healthStatus: status.health?.status ?? 'Unknown',
    revision: status.sync?.revision,
    targetRevision: app.spec?.source?.targetRevision,
    lastSync: operation
      ? {
          phase: operation.phase,
          finishedAt: operation.finishedAt,
          message: operation.message,
        }
      : undefined,
    history: [...(status.history ?? [])]
      .map(h => ({
        id: h.id,
        revision: h.revision,
        deployedAt: h.deployedAt,
      }))
      .sort((a, b) => b.deployedAt.localeCompare(a.deployedAt)),
    url: uiUrl
      ? `${uiUrl}/applications/${encodeURIComponent(app.metadata.name)}`
      : undefined,
  };
}
