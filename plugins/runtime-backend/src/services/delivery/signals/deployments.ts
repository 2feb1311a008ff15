import { RuntimeDeployment } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ArgoCdApplication,
  ArgoCdClient,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { DeliveryTarget } from '../../entities/deliveryTarget';

/** A deployment with where its application lives, which decides the team it belongs to. */
export interface PlacedDeployment {
  deployment: RuntimeDeployment;
  /** The application's Argo CD project. */
  project: string;
  /** The application's destination namespace. */
  namespace?: string;
}

/** Argo CD applications of the target (by name or label selector) as deployments. */
export async function loadDeployments(
  client: ArgoCdClient,
  target: NonNullable<DeliveryTarget['argocd']>,
  uiUrl: string | undefined,
  signal: AbortSignal,
): Promise<PlacedDeployment[]> {
  // By name through the list call: an application that does not exist is an empty answer, not an
  // error, and Argo CD filters on its side either way.
  const applications = await client.listApplications(
    'name' in target
      ? { name: target.name, signal }
      : { selector: target.selector, signal },
  );
  return applications.map(app => ({
    deployment: toDeployment(app, uiUrl),
    project: app.project,
    namespace: app.destination.namespace,
  }));
}

function toDeployment(
  app: ArgoCdApplication,
  uiUrl: string | undefined,
): RuntimeDeployment {
  const operation = app.operationState;
  return {
    application: app.name,
    syncStatus: app.sync.status,
    healthStatus: app.health.status,
    revision: app.sync.revision,
    targetRevision: app.source?.targetRevision,
    lastSync: operation
      ? {
          phase: operation.phase,
          finishedAt: operation.finishedAt,
          message: operation.message,
        }
      : undefined,
    history: app.history
      .filter(h => h.revision && h.deployedAt)
      .map(h => ({
        id: h.id,
        revision: h.revision!,
        deployedAt: h.deployedAt!,
      }))
      .sort((a, b) => b.deployedAt.localeCompare(a.deployedAt)),
    url: uiUrl
      ? `${uiUrl}/applications/${encodeURIComponent(app.name)}`
      : undefined,
  };
}
