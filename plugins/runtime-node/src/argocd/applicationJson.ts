import {
  ArgoCdApplication,
  ArgoCdApplicationSource,
  ArgoCdSyncPolicy,
} from './types';

/** An Application as Argo CD's API answers it (the fields the client reads). */
export type ApplicationJson = {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec: {
    project?: string;
    source?: ArgoCdApplicationSource;
    sources?: ArgoCdApplicationSource[];
    destination?: { server?: string; name?: string; namespace?: string };
    syncPolicy?: ArgoCdSyncPolicy;
  };
  operation?: {
    sync?: { revision?: string; prune?: boolean; dryRun?: boolean };
    initiatedBy?: { username?: string; automated?: boolean };
  };
  status?: {
    sync?: { status?: ArgoCdApplication['sync']['status']; revision?: string };
    health?: {
      status?: ArgoCdApplication['health']['status'];
      message?: string;
    };
    operationState?: {
      phase: NonNullable<ArgoCdApplication['operationState']>['phase'];
      message?: string;
      startedAt?: string;
      finishedAt?: string;
      syncResult?: { revision?: string };
      operation?: { sync?: { revision?: string } };
    };
    history?: ArgoCdApplication['history'];
    summary?: { images?: string[] };
    reconciledAt?: string;
  };
};

/** The typed application. */
export function toApplication(json: ApplicationJson): ArgoCdApplication {
  const status = json.status ?? {};
  const operation = status.operationState;
  return {
    name: json.metadata.name,
    namespace: json.metadata.namespace,
    project: json.spec.project ?? 'default',
    labels: json.metadata.labels ?? {},
    source: json.spec.source ?? json.spec.sources?.[0],
    destination: json.spec.destination ?? {},
    syncPolicy: json.spec.syncPolicy,
    sync: {
      // An application the controller has not compared yet has an empty status.
      status: status.sync?.status || 'Unknown',
      revision: status.sync?.revision,
    },
    health: {
      status: status.health?.status || 'Unknown',
      message: status.health?.message,
    },
    operationState: operation
      ? {
          phase: operation.phase,
          message: operation.message,
          startedAt: operation.startedAt,
          finishedAt: operation.finishedAt,
          revision:
            operation.syncResult?.revision ??
            operation.operation?.sync?.revision,
        }
      : undefined,
    requestedOperation: json.operation?.sync
      ? {
          revision: json.operation.sync.revision,
          prune: json.operation.sync.prune ?? false,
          dryRun: json.operation.sync.dryRun ?? false,
          initiatedBy: json.operation.initiatedBy?.username,
          automated: json.operation.initiatedBy?.automated ?? false,
        }
      : undefined,
    history: (status.history ?? []).map(entry => ({
      id: entry.id,
      revision: entry.revision,
      deployedAt: entry.deployedAt,
      deployStartedAt: entry.deployStartedAt,
      source: entry.source,
    })),
    images: status.summary?.images ?? [],
    reconciledAt: status.reconciledAt,
  };
}
