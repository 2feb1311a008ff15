import {
  RuntimeDeliveryReport,
  RuntimeDeployment,
  RuntimeSignal,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClientsService } from '@runtime-portal/backstage-plugin-runtime-node';
import { SignalReader } from '../signals/SignalReader';
import { DeliveryTarget } from '../entities/deliveryTarget';
import { EntityOwnership } from '../entities/entityOwnership';
import { TargetAccess } from '../entities/TargetAccess';
import { PlacedDeployment, loadDeployments } from './signals/deployments';
import { gitlabProjectPath, loadPipelines } from './signals/pipelines';
import { loadImages } from './signals/images';

/** Cache key of an entity's Argo CD applications (with their project and namespace) in an environment. */
export function deploymentsKey(
  environment: string,
  argocd: NonNullable<DeliveryTarget['argocd']>,
): string {
  return `${environment}:argocd-placed:${JSON.stringify(argocd)}`;
}

/** Cache key of a GitLab project's pipelines. */
export function pipelinesKey(project: string): string {
  return `gitlab:${project}`;
}

/** Cache TTLs of delivery signals (deployments change fastest; a project's path hardly ever). */
const TTL_MS = {
  deployments: 15_000,
  pipelines: 30_000,
  images: 60_000,
  projectPath: 300_000,
};
/** Time budget of one signal, retries included. */
const TIMEOUT_MS = 5_000;

/**
 * The delivery report of an entity: Argo CD applications per environment, GitLab pipelines and Harbor
 * images, each read concurrently within its own budget, cached and coalesced, failing alone. What the
 * entity's annotations name is read only when it belongs to the entity's owner (`TargetAccess`); a
 * signal naming another team's target says so instead.
 */
export class DeliveryService {
  constructor(
    private readonly options: {
      clients: RuntimeClientsService;
      reader: SignalReader;
      targets: TargetAccess;
    },
  ) {}

  /** The report of one entity's delivery target. */
  async report(
    entity: EntityOwnership,
    target: DeliveryTarget,
  ): Promise<RuntimeDeliveryReport> {
    const { clients } = this.options;
    const [deployments, pipelines, images] = await Promise.all([
      Promise.all(
        clients.environments().map(async ({ name }) => ({
          environment: name,
          ...(await this.deployments(name, target, entity)),
        })),
      ),
      this.pipelines(target, entity),
      this.images(target, entity),
    ]);
    return { entityRef: entity.entityRef, deployments, pipelines, images };
  }

  private async deployments(
    environment: string,
    target: DeliveryTarget,
    entity: EntityOwnership,
  ): Promise<RuntimeSignal<RuntimeDeployment[]>> {
    const { clients, reader } = this.options;
    if (!clients.has(environment, 'argocd')) {
      return SignalReader.notConfigured(
        `Argo CD is not configured for ${environment} (runtime.environments[].argocd)`,
      );
    }
    const argocd = target.argocd;
    if (!argocd) {
      return SignalReader.notConfigured(
        'Deployments need an argocd/app-name or argocd/app-selector annotation',
      );
    }
    const client = clients.client(environment, 'argocd');
    const ui = clients.environment(environment).argocd;
    const placed = await reader.read<PlacedDeployment[]>({
      key: deploymentsKey(environment, argocd),
      ttlMs: TTL_MS.deployments,
      timeoutMs: TIMEOUT_MS,
      upstreamTitle: 'Argo CD',
      load: signal =>
        loadDeployments(client, argocd, ui?.uiUrl ?? ui?.url, signal),
    });
    if (!placed.data) return { ...placed, data: undefined };
    return this.ownDeployments(environment, placed.data, placed, entity);
  }

  /** Keeps the applications that belong to the entity's owner; says which were left out and why. */
  private async ownDeployments(
    environment: string,
    placed: PlacedDeployment[],
    signal: RuntimeSignal<unknown>,
    entity: EntityOwnership,
  ): Promise<RuntimeSignal<RuntimeDeployment[]>> {
    const refusals = await Promise.all(
      placed.map(p =>
        this.options.targets.refusal(entity, {
          kind: 'argocdApplication',
          environment,
          application: p.deployment.application,
          project: p.project,
          namespace: p.namespace,
        }),
      ),
    );
    const own = placed.filter((_, i) => !refusals[i]).map(p => p.deployment);
    const refused = refusals.filter((r): r is string => Boolean(r));
    if (refused.length && !own.length) {
      return SignalReader.notAllowed(refused.join('; '));
    }
    return {
      status: 'ok',
      data: own,
      fetchedAt: signal.fetchedAt,
      ...(refused.length ? { message: refused.join('; ') } : {}),
    };
  }

  private async pipelines(
    target: DeliveryTarget,
    entity: EntityOwnership,
  ): Promise<RuntimeDeliveryReport['pipelines']> {
    const { clients, reader, targets } = this.options;
    const gitlab = clients.platformClient('gitlab');
    if (!gitlab) {
      return SignalReader.notConfigured(
        'GitLab is not configured (integrations.gitlab)',
      );
    }
    const project = target.gitlabProject;
    if (!project) {
      return SignalReader.notConfigured(
        'Pipelines need a gitlab.com/project-slug or gitlab.com/project-id annotation',
      );
    }
    if (!entity.trusted) {
      const path = await reader.read({
        key: `gitlab-path:${project}`,
        ttlMs: TTL_MS.projectPath,
        timeoutMs: TIMEOUT_MS,
        upstreamTitle: 'GitLab',
        load: signal => gitlabProjectPath(gitlab, project, signal),
      });
      if (!path.data) return { ...path, data: undefined };
      const refusal = await targets.refusal(entity, {
        kind: 'gitlabProject',
        path: path.data,
      });
      if (refusal) return SignalReader.notAllowed(refusal);
    }
    return reader.read({
      key: pipelinesKey(project),
      ttlMs: TTL_MS.pipelines,
      timeoutMs: TIMEOUT_MS,
      upstreamTitle: 'GitLab',
      load: signal => loadPipelines(gitlab, project, signal),
    });
  }

  private harborUi(): string | undefined {
    // Harbor serves its UI and its API from one host unless told otherwise.
    const access = this.options.clients.platformAccess('harbor');
    return access?.uiUrl ?? access?.url;
  }

  private async images(
    target: DeliveryTarget,
    entity: EntityOwnership,
  ): Promise<RuntimeDeliveryReport['images']> {
    const harbor = this.options.clients.platformClient('harbor');
    if (!harbor) {
      return SignalReader.notConfigured(
        'Harbor is not configured (runtime.harbor)',
      );
    }
    const repository = target.harbor;
    if (!repository) {
      return SignalReader.notConfigured(
        'Images need a goharbor.io/repository-slug annotation (project/repository)',
      );
    }
    const refusal = await this.options.targets.refusal(entity, {
      kind: 'harborRepository',
      ...repository,
    });
    if (refusal) return SignalReader.notAllowed(refusal);
    return this.options.reader.read({
      key: `harbor:${repository.project}/${repository.repository}`,
      ttlMs: TTL_MS.images,
      timeoutMs: TIMEOUT_MS,
      upstreamTitle: 'Harbor',
      load: signal => loadImages(harbor, repository, this.harborUi(), signal),
    });
  }
}
