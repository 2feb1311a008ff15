import { Entity } from '@backstage/catalog-model';
import {
  RuntimeResourceType,
  runtimeResourceEntityName,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeClients } from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import { ActionRunOptions, outputsOf, runActionOnce } from './actionTestKit';

/** The ref the catalog module gives a resource of `dev` (it names entities with the same function). */
export const devResourceRef = (type: RuntimeResourceType, name: string) =>
  `resource:default/${runtimeResourceEntityName({
    environment: 'dev',
    type,
    name,
  })}`;

/** A search-team component `name` that depends on the resource `targetRef`, as the catalog relates them. */
export function dependentOn(targetRef: string, name = 'search-ui'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'search-team' },
    relations: [{ type: 'dependsOn', targetRef }],
  };
}

/** What `Sandbox.snapshot` resolves. */
type SandboxSnapshot = Awaited<ReturnType<Sandbox['snapshot']>>;

/** Runs a delete action once with some input (see `runActionOnce`). */
export type Retire = (
  input: Record<string, unknown>,
  options?: ActionRunOptions,
) => ReturnType<typeof runActionOnce>;

/**
 * Runs the delete action that `createAction` builds against `clients()`, with `common` (the
 * environment, owner and service the tests share) under each run's own input.
 */
export function retirer(
  createAction: Parameters<typeof runActionOnce>[0],
  clients: () => RuntimeClients,
  common: Record<string, unknown> = {},
): Retire {
  return (input, options) =>
    runActionOnce(createAction, clients(), { ...common, ...input }, options);
}

/** The environment, owner and service of the tests' resources: search-team's semantic-search in `dev`. */
const SEARCH_SERVICE = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
};

/**
 * Makes resources with the create action that `createAction` builds: `name` in team-search for
 * {@link SEARCH_SERVICE}, with `defaults` and each call's `input`, run with `options`; expects each
 * create to succeed.
 */
export function creator(
  createAction: Parameters<typeof runActionOnce>[0],
  clients: () => RuntimeClients,
  defaults: Record<string, unknown> = {},
  options?: ActionRunOptions,
) {
  return async (name: string, input: Record<string, unknown> = {}) => {
    const { error } = await runActionOnce(
      createAction,
      clients(),
      {
        ...SEARCH_SERVICE,
        name,
        namespace: 'team-search',
        ...defaults,
        ...input,
      },
      options,
    );
    expect(error).toBeUndefined();
  };
}

/** What the shared steps of a delete action's tests need, for a resource named by `name`. */
export interface RetirementTestSetup {
  sandbox(): Sandbox;
  clients(): RuntimeClients;
  /** Creates the resource `name` with its create action, expecting that to succeed. */
  create(name: string): Promise<void>;
  /** Everything a delete of the resource `name` reports, in order. */
  everything(name: string): string[];
}

/**
 * The delete action that `createAction` builds, run for {@link SEARCH_SERVICE} (`retire`), and the
 * test steps its tests share (`steps`), for resources whose catalog entity ref is `refOf(name)`.
 */
export function retirementKit(
  createAction: Parameters<typeof runActionOnce>[0],
  setup: RetirementTestSetup,
  refOf: (name: string) => string,
) {
  const retire = retirer(createAction, setup.clients, SEARCH_SERVICE);
  return { retire, steps: retirementSteps({ ...setup, retire, refOf }) };
}

/** The test steps every delete action of a resource named by `name` shares. */
function retirementSteps(
  setup: RetirementTestSetup & {
    retire: Retire;
    refOf: (name: string) => string;
  },
) {
  const { create, retire, refOf, everything } = setup;
  const snapshot = () => setup.sandbox().snapshot();
  return {
    /** A dry run of `name` succeeds and changes nothing; resolves the run and its outputs. */
    async dryRunChangesNothing(name: string) {
      await create(name);
      const before = await snapshot();
      const result = await retire({ name }, { isDryRun: true });
      expect(result.error).toBeUndefined();
      expect(await snapshot()).toEqual(before);
      return { ...result, outputs: outputsOf(result.ctx) };
    },

    /**
     * A run removes everything the create of `name` made and only that (`neighbour`, made before,
     * stays: `expectNeighbour` checks it is still there); a second run has nothing to do.
     */
    async removesWhatTheCreateMade(
      name: string,
      neighbour: string,
      expectNeighbour: () => Promise<void>,
    ) {
      await create(neighbour);
      const before = await snapshot();
      await create(name);
      expect(await snapshot()).not.toEqual(before);

      const { ctx, error, auditEvent } = await retire({ name });
      expect(error).toBeUndefined();
      expect(outputsOf(ctx)).toEqual({
        entityRef: refOf(name),
        removed: everything(name),
        dependents: [],
      });
      expect(auditEvent.success).toHaveBeenCalled();
      expect(await snapshot()).toEqual(before);
      await expectNeighbour();

      const again = await retire({ name });
      expect(again.error).toBeUndefined();
      expect(outputsOf(again.ctx).removed).toEqual([]);
      expect(await snapshot()).toEqual(before);
    },

    /**
     * A run while `entities` depend on `name` is refused, naming them, and the sandbox is still as
     * it was `before` (default: right before the run); resolves its error.
     */
    async refusedWhileDepended(
      name: string,
      entities: Entity[],
      before?: SandboxSnapshot,
    ) {
      const expected = before ?? (await snapshot());
      const refused = await retire({ name }, { entities });
      expect(refused.error?.name).toBe('ConflictError');
      expect(refused.error?.message).toContain('component:default/search-ui');
      expect(await snapshot()).toEqual(expected);
      return refused.error;
    },

    /**
     * A dry run while `entities` depend on `name` reports them; with `before`, the sandbox is still
     * as it was then.
     */
    async dryRunReportsDependents(
      name: string,
      entities: Entity[],
      before?: SandboxSnapshot,
    ) {
      const dry = await retire({ name }, { entities, isDryRun: true });
      expect(dry.error).toBeUndefined();
      expect(outputsOf(dry.ctx).dependents).toEqual([
        'component:default/search-ui',
      ]);
      if (before) expect(await snapshot()).toEqual(before);
    },

    /** A run with `force` while `entities` depend on `name` removes everything and reports them. */
    async forcedWhileDepended(name: string, entities: Entity[]) {
      const forced = await retire({ name, force: true }, { entities });
      expect(forced.error).toBeUndefined();
      expect(outputsOf(forced.ctx)).toMatchObject({
        removed: everything(name),
        dependents: ['component:default/search-ui'],
      });
    },
  };
}
