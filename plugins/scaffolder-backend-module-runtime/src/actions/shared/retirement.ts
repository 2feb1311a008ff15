import { ConflictError } from '@backstage/errors';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ZodRawShape, z as zod } from 'zod/v3';
import { RuntimeActionDeps } from './deps';
import { environmentField, ownerField, serviceField } from './fields';
import { RuntimeActionRun } from './run';

type Z = typeof zod;

/** The `force` input of a `runtime:<type>:delete` action. */
export const forceField = (z: Z) =>
  z
    .boolean()
    .default(false)
    .describe(
      'Retire the resource even while catalog entities (such as the service that uses it) still depend on it',
    );

/**
 * The input of a `runtime:<type>:delete` action: the environment, owner and service, the resource's
 * `names` (as its create action takes them), and `force` ({@link forceField}, or one described for
 * the resource).
 */
export const retirementInputSchema = <TNames extends ZodRawShape>(
  z: Z,
  names: TNames,
  force = forceField(z),
) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    ...names,
    force,
  });

/** The outputs every `runtime:<type>:delete` action writes. */
export const retirementOutputSchema = (z: Z) =>
  z.object({
    entityRef: z
      .string()
      .describe('Catalog entity ref of the retired resource'),
    removed: z
      .array(z.string())
      .describe(
        'What was removed, one line each (on a dry run: what would be); empty when there was nothing left to remove',
      ),
    dependents: z
      .array(z.string())
      .describe('Catalog entities that depend on the resource'),
  });

/** The outputs of a `runtime:<type>:delete` action. */
export type RetirementOutput = zod.output<
  ReturnType<typeof retirementOutputSchema>
>;

/**
 * The refs of the catalog entities that depend on `entityRef` (a `dependsOn` relation to it, such as
 * the service named in the resource's `dependencyOf`), read with the module's own credentials so a
 * caller the catalog hides an entity from cannot retire what it depends on.
 */
async function catalogDependents(
  deps: RuntimeActionDeps,
  entityRef: string,
): Promise<string[]> {
  const { items } = await deps.catalog.getEntities(
    {
      filter: { 'relations.dependsOn': entityRef },
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials: await deps.auth.getOwnServiceCredentials() },
  );
  return items.map(entity => stringifyEntityRef(entity)).sort();
}

/**
 * Finds what depends on the resource `entityRef` and, on a real run without `force`, refuses while
 * anything does: a `ConflictError` naming the dependents, before anything is removed. A dry run only
 * reports them (with a warning that the real run would be refused). Returns the dependents.
 */
export async function requireRetirable(
  deps: RuntimeActionDeps,
  run: RuntimeActionRun,
  options: { subject: string; entityRef: string; force: boolean },
): Promise<string[]> {
  const dependents = await catalogDependents(deps, options.entityRef);
  if (dependents.length === 0 || options.force) {
    if (dependents.length > 0) {
      run.logger.warn(
        `${options.subject} is retired with force while ${dependents.join(
          ', ',
        )} still depend on it`,
      );
    }
    return dependents;
  }
  refuseRun(
    run,
    `${options.subject} is still depended on by ${dependents.join(
      ', ',
    )}; retire those first, or run again with force`,
  );
  return dependents;
}

/**
 * Refuses the run with `message` (a `ConflictError`, before anything is removed); a dry run only
 * warns that the real run would be refused.
 */
export function refuseRun(run: RuntimeActionRun, message: string): void {
  if (!run.isDryRun) throw new ConflictError(message);
  run.logger.warn(`Dry run: the real run would be refused: ${message}`);
}
