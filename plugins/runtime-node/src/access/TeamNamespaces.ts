import { NotAllowedError } from '@backstage/errors';
import { RuntimeClientsService } from '../clients';
import { NAMESPACE_KIND } from '../kubernetes';
import { RuntimeAccessConfig, teamOwningTarget } from './readRuntimeAccess';
import { groupRef } from './groupRef';

/**
 * Which Kubernetes namespaces belong to which team: a namespace in `runtime.access.teams[].namespaces`
 * belongs to that team; any other namespace belongs to the team its `namespaceOwnerLabel` names (a group
 * name in the default namespace). A namespace without either belongs to nobody: no team may act in it.
 *
 * @public
 */
export class TeamNamespaces {
  constructor(
    private readonly options: {
      clients: RuntimeClientsService;
      access: RuntimeAccessConfig;
    },
  ) {}

  /** The group entity ref owning `namespace` in `environment`, or `undefined`. */
  async ownerOf(
    environment: string,
    namespace: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<string | undefined> {
    const { access, clients } = this.options;
    const configured = teamOwningTarget(access, 'namespaces', namespace);
    if (configured) return configured;
    if (!clients.has(environment, 'kubernetes')) return undefined;
    const object = await clients
      .client(environment, 'kubernetes')
      .get(NAMESPACE_KIND, undefined, namespace, options);
    const label = object?.metadata?.labels?.[access.namespaceOwnerLabel];
    if (!label) return undefined;
    try {
      return groupRef(label);
    } catch {
      return undefined;
    }
  }

  /**
   * Throws a `NotAllowedError` (403) naming the namespace and the team unless `namespace` in
   * `environment` belongs to `owner` (a group entity ref or name).
   */
  async requireTeamNamespace(
    environment: string,
    owner: string,
    namespace: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const team = groupRef(owner);
    const found = await this.ownerOf(environment, namespace, options);
    if (found !== team) {
      throw new NotAllowedError(
        `Not allowed: namespace ${namespace} in ${environment} ${
          found ? `belongs to ${found}` : 'belongs to no team'
        }, not ${team}`,
      );
    }
  }
}
