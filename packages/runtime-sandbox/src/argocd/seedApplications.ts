import { createHash, randomUUID } from 'node:crypto';
import { RuntimeSeed } from '../seed';

/** An Argo CD `ApplicationSource`. */
interface ArgoCdSource {
  repoURL: string;
  path: string;
  targetRevision: string;
}

/** An Argo CD `ApplicationDestination`: a cluster by server URL or name, and a namespace. */
interface ArgoCdDestination {
  server?: string;
  name?: string;
  namespace: string;
}

/** One `status.history[]` entry. */
interface ArgoCdHistoryEntry {
  id: number;
  revision: string;
  deployedAt: string;
  deployStartedAt: string;
  source: ArgoCdSource;
  initiatedBy?: { username?: string; automated?: boolean };
}

/** An `argoproj.io/v1alpha1` Application, with the fields the sandbox keeps. */
export interface ArgoCdApplication {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
    generation: number;
    creationTimestamp: string;
    labels: Record<string, string>;
  };
  spec: {
    project: string;
    source: ArgoCdSource;
    destination: ArgoCdDestination;
    syncPolicy?: {
      syncOptions?: string[];
      automated?: Record<string, unknown>;
    };
  };
  operation?: {
    sync: {
      source?: ArgoCdSource;
      revision: string;
      prune?: boolean;
      dryRun?: boolean;
      syncOptions?: string[];
    };
    initiatedBy: { username: string } | { automated: true };
    retry: Record<string, unknown>;
  };
  status: {
    resources: Array<Record<string, unknown>>;
    sync: {
      status: 'Synced' | 'OutOfSync' | 'Unknown';
      comparedTo: {
        source: ArgoCdSource;
        destination: ArgoCdDestination;
      };
      revision: string;
    };
    health: { status: string };
    history: ArgoCdHistoryEntry[];
    reconciledAt: string;
    operationState?: {
      operation: Record<string, unknown>;
      phase: 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';
      message: string;
      syncResult?: {
        revision: string;
        source: ArgoCdSource;
      };
      startedAt: string;
      finishedAt?: string;
    };
    sourceType: string;
    summary: { images: string[] };
    /** Always present (an empty struct without a hydrator), as Go's encoding/json writes it. */
    sourceHydrator: Record<string, unknown>;
    /** The namespace of the application controller that reconciled the application. */
    controllerNamespace: string;
  };
}

const IN_CLUSTER = 'https://kubernetes.default.svc';
const HOUR = 60 * 60 * 1000;

/** A stable commit-like revision for an image tag of a project (the sandbox has no Git history here). */
export function revisionFor(project: string, tag: string): string {
  return createHash('sha1').update(`${project}@${tag}`).digest('hex');
}

/**
 * One Application per seeded service: labelled `app.kubernetes.io/name=<service>` and
 * `app.kubernetes.io/part-of=<team>`, in the team's AppProject, sourced from the service's GitLab
 * project (`deploy` at the default branch) and deployed to the team's namespace, with the seed's sync
 * and health status. History holds one deployment per image tag (oldest first); an `OutOfSync`
 * application runs the previous tag while Git names the newest.
 */
export function seedApplications(
  seed: RuntimeSeed,
  options: { gitlabUrl: string; imageRegistry: string; now?: Date },
): ArgoCdApplication[] {
  const now = options.now ?? new Date();
  const at = (ago: number) => new Date(now.getTime() - ago).toISOString();
  const applications: ArgoCdApplication[] = [];
  for (const team of seed.teams) {
    for (const service of team.services) {
      const { delivery } = service;
      if (!delivery) continue;
      const source = {
        repoURL: `${options.gitlabUrl.replace(/\/+$/, '')}/${
          delivery.gitlabProject
        }.git`,
        path: 'deploy',
        targetRevision: delivery.defaultBranch,
      };
      const destination = { server: IN_CLUSTER, namespace: team.namespace };
      const tags = [...delivery.image.tags].reverse();
      const deployedTags =
        delivery.argocd.sync === 'OutOfSync' && tags.length > 1
          ? tags.slice(0, -1)
          : tags;
      const history = deployedTags.map((tag, index) => ({
        id: index,
        revision: revisionFor(delivery.gitlabProject, tag),
        deployStartedAt: at((deployedTags.length - index) * 24 * HOUR + 60_000),
        deployedAt: at((deployedTags.length - index) * 24 * HOUR),
        source,
        initiatedBy: { automated: true },
      }));
      const deployed = history[history.length - 1];
      const newestTag = delivery.image.tags[0];
      const runningTag = deployedTags[deployedTags.length - 1] ?? newestTag;
      const image = `${options.imageRegistry}/${delivery.image.repository}:${runningTag}`;
      applications.push({
        metadata: {
          name: delivery.argocd.application,
          namespace: 'argocd',
          uid: randomUUID(),
          resourceVersion: '1',
          generation: 1,
          creationTimestamp: at(30 * 24 * HOUR),
          labels: {
            'app.kubernetes.io/name': service.name,
            'app.kubernetes.io/part-of': team.name,
          },
        },
        spec: {
          project: team.name,
          source,
          destination,
          syncPolicy: { syncOptions: ['CreateNamespace=false'] },
        },
        status: {
          resources: [
            {
              group: 'apps',
              version: 'v1',
              kind: 'Deployment',
              namespace: team.namespace,
              name: service.name,
              status: delivery.argocd.sync,
              health: { status: delivery.argocd.health },
            },
          ],
          sync: {
            status: delivery.argocd.sync,
            comparedTo: { source, destination },
            revision: revisionFor(delivery.gitlabProject, newestTag),
          },
          health: { status: delivery.argocd.health },
          history,
          reconciledAt: at(2 * 60_000),
          ...(deployed
            ? {
                operationState: {
                  operation: {
                    sync: { revision: deployed.revision },
                    initiatedBy: { automated: true },
                    retry: {},
                  },
                  phase: 'Succeeded' as const,
                  message: 'successfully synced (all tasks run)',
                  syncResult: { revision: deployed.revision, source },
                  startedAt: deployed.deployStartedAt,
                  finishedAt: deployed.deployedAt,
                },
              }
            : {}),
          sourceType: 'Directory',
          summary: { images: [image] },
          sourceHydrator: {},
          controllerNamespace: 'argocd',
        },
      });
    }
  }
  return applications;
}
