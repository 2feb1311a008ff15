import { JsonObject } from '@backstage/types';
import { RuntimeResourceType } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeUpstreamClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { announceResourceChange } from './announce';
import { audited } from './audit';
import { ResourceClaim } from './claim';
import { RuntimeActionDeps } from './deps';
import { runtimeResourceEntityRef } from './entityRef';
import { ownerName } from './fields';
import {
  ProvisioningAction,
  ProvisioningInput,
  defineProvisioningAction,
} from './provisioningAction';
import {
  RetirementOutput,
  refuseRun,
  requireRetirable,
  retirementOutputSchema,
} from './retirement';
import { RuntimeActionRun } from './run';

/** What the input of every `runtime:<type>:delete` action has. */
export interface RetirementInput extends ProvisioningInput {
  force: boolean;
}

/** One run of a delete action, as the action's own steps see it. */
export interface RetirementRun<TInput extends RetirementInput> {
  deps: RuntimeActionDeps;
  run: RuntimeActionRun;
  input: TInput;
  /** The claim the resource must record: the owner's group name and the input's service. */
  claim: ResourceClaim;
  /** How the messages name the resource, e.g. `Database orders`. */
  subject: string;
}

/** What is left of the resource (every claim read and checked), and how it goes. */
export interface Remains {
  /** Why a run without `force` is refused once the dependents are checked (e.g. open connections). */
  refusal?: string;
  /** The upstreams the removal changes, announced to the catalog; default the action's `upstream`. */
  changes?: Array<keyof RuntimeUpstreamClients>;
  /** A dry run: has what can be validated checked, logs and resolves what would go; removes nothing. */
  preview(): Promise<string[]>;
  /** Removes it, logging its steps; resolves what was removed. */
  remove(): Promise<string[]>;
}

/** Nothing is left of the resource: why, e.g. `Bucket b does not exist in dev`. */
export interface NothingLeft {
  nothingLeft: string;
}

/** What a `runtime:<type>:delete` action has of its own; {@link defineRetirementAction} adds the rest. */
export interface RetirementActionOptions<TInput extends RetirementInput>
  extends Pick<
    ProvisioningAction<TInput, RetirementOutput>,
    | 'title'
    | 'description'
    | 'examples'
    | 'inputSchema'
    | 'inputObjectSchema'
    | 'permission'
    | 'upstream'
    | 'namespaceOf'
  > {
  /** The resource type: the action is `runtime:<type>:delete`, `runtime-<type>-delete` in the registry and the audit. */
  type: RuntimeResourceType;
  /** The resource the input names: how the messages name it, and its catalog entity's scope and name. */
  resource(input: TInput): { subject: string; scope?: string; name: string };
  /** The audit record's names of the resource (recorded after the environment), e.g. `{ database }`. */
  auditNames(input: TInput): JsonObject;
  /** More for the audit record (recorded after the service). */
  auditDetails?(input: TInput): JsonObject;
  /** Reads what is left of the resource and checks its claims, removing nothing. */
  findRemains(
    retirement: RetirementRun<TInput>,
  ): Promise<Remains | NothingLeft>;
}

/**
 * Defines a `runtime:<type>:delete` action from what it has of its own. Every such action runs the
 * same way, inside its audit event: it finds what is left (`findRemains`; nothing left is success
 * with `removed: []`), checks the catalog entities that depend on the resource (`requireRetirable`)
 * and the action's own refusal, both unless `force`, then on a dry run only previews, and otherwise
 * removes and announces the change to the catalog. Its outputs are the resource's entity ref, what
 * was removed and the dependents.
 */
export function defineRetirementAction<TInput extends RetirementInput>(
  options: RetirementActionOptions<TInput>,
): ProvisioningAction<TInput, RetirementOutput> {
  const { type, resource, auditNames, auditDetails, findRemains, ...action } =
    options;
  const registryName = `runtime-${type}-delete`;
  return defineProvisioningAction({
    ...action,
    id: `runtime:${type}:delete`,
    registryName,
    outputSchema: retirementOutputSchema,
    destructive: true,
    async provision(deps, input, run) {
      const { environment, service, force } = input;
      const owner = ownerName(input.owner);
      const { subject, scope, name } = resource(input);
      const entityRef = runtimeResourceEntityRef({
        prefix: deps.namePrefix,
        environment,
        type,
        scope,
        name,
      });
      const meta = {
        environment,
        ...auditNames(input),
        owner,
        service,
        ...auditDetails?.(input),
        force,
      };
      const retire = async (): Promise<Omit<RetirementOutput, 'entityRef'>> => {
        const found = await findRemains({
          deps,
          run,
          input,
          claim: { owner, service },
          subject,
        });
        if ('nothingLeft' in found) {
          run.logger.info(`${found.nothingLeft}: nothing to remove`);
          return { removed: [], dependents: [] };
        }
        const dependents = await requireRetirable(deps, run, {
          subject,
          entityRef,
          force,
        });
        if (found.refusal && !force) refuseRun(run, found.refusal);
        if (run.isDryRun) return { removed: await found.preview(), dependents };
        const removed = await found.remove();
        if (removed.length > 0) {
          for (const source of found.changes ??
            [action.upstream(input)].flat()) {
            await announceResourceChange(run, deps, { environment, source });
          }
        }
        return { removed, dependents };
      };
      const result = await audited(run, deps, registryName, meta, retire);
      return { entityRef, ...result };
    },
  });
}
