import { RuntimeDeliveryReport } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { SignalReader } from '../signals/SignalReader';
import { DeliveryTarget } from '../entities/deliveryTarget';
import { loadDeployments } from './signals/deployments';
import { loadPipelines } from './signals/pipelines';
import { loadImages } from './signals/images';

/** Cache key of an entity's Argo CD applications in an environment. */
export function deploymentsKey(
  environment: string,
  argocd: NonNullable<DeliveryTarget['argocd']>,
): string {
  return `${environment}:argocd:${JSON.stringify(argocd)}`;
}

/** Cache key of a GitLab project's pipelines. */
export function pipelinesKey(project: string): string {
  return `gitlab:${project}`;
}

/** Cache TTLs of delivery signals (deployments change fastest). */
const TTL_MS = { deployments: 15_000, pipelines: 30_000, images: 60_000 };
/** Time budget of one signal, retries included. */
const TIMEOUT_MS = 5_000;

/**
 * The delivery report of an entity: Argo CD applications per environment, GitLab pipelines and Harbor
 * images, each read concurrently within its own budget, cached and coalesced, failing alone.
 */
export class DeliveryService {
  constructor(
    private readonly options: {
      clients: RuntimeClients;
      reader: SignalReader;
    },
  ) {}

  /** The report of one entity's delivery target. */
  async report(
    entityRef: string,
    target: DeliveryTarget,
  ): Promise<RuntimeDeliveryReport> {
    const { clients } = this.options;
    const [deployments, pipelines, images] = await Promise.all([
      Promise.all(
        clients.environments().map(async ({ name }) => ({
          environment: name,
          ...(await this.deployments(name, target)),
        })),
      ),
      this.pipelines(target),
      this.images(target),
    ]);
    return { entityRef, deployments, pipelines, images };
  }

  private deployments(environment: string, target: DeliveryTarget) {
    const { clients, reader } = this.options;
    if (!clients.has(environment, 'argocd')) {
      return Promise.resolve(
        SignalReader.notConfigured<never>(
          `Argo CD is not configured for ${environment} (runtime.environments[].argocd)`,
        ),
      );
    }
    const argocd = target.argocd;
    if (!argocd) {
      return Promise.resolve(
        SignalReader.notConfigured<never>(
          'Deployments need an argocd/app-name or argocd/app-selector annotation',
        ),
      );
    }
    const client = clients.client(environment, 'argocd');
    const ui = clients.environment(environment).argocd;
    return reader.read({
      key: deploymentsKey(environment, argocd),
      ttlMs: TTL_MS.deployments,
      timeoutMs: TIMEOUT_MS,
      upstreamTitle: 'Argo CD',
      load: signal =>
        loadDeployments(client, argocd, ui?.uiUrl ?? ui?.url, signal),
    });
  }

  private pipelines(
    target: DeliveryTarget,
  ): Promise<RuntimeDeliveryReport['pipelines']> {
    const gitlab = this.options.clients.platformClient('gitlab');
    if (!gitlab) {
      return Promise.resolve(
        SignalReader.notConfigured(
          'GitLab is not configured (integrations.gitlab)',
        ),
      );
    }
    const project = target.gitlabProject;
    if (!project) {
      return Promise.resolve(
        SignalReader.notConfigured(
          'Pipelines need a gitlab.com/project-slug or gitlab.com/project-id annotation',
        ),
      );
    }
    return this.options.reader.read({
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

  private images(
    target: DeliveryTarget,
  ): Promise<RuntimeDeliveryReport['images']> {
    const harbor = this.options.clients.platformClient('harbor');
    if (!harbor) {
      return Promise.resolve(
        SignalReader.notConfigured('Harbor is not configured (runtime.harbor)'),
      );
    }
    const repository = target.harbor;
    if (!repository) {
      return Promise.resolve(
        SignalReader.notConfigured(
          'Images need a goharbor.io/repository-slug annotation (project/repository)',
        ),
      );
    }
    return this.options.reader.read({
      key: `harbor:${repository.project}/${repository.repository}`,
      ttlMs: TTL_MS.images,
      timeoutMs: TIMEOUT_MS,
      upstreamTitle: 'Harbor',
      load: signal => loadImages(harbor, repository, this.harborUi(), signal),
    });
  }
}
