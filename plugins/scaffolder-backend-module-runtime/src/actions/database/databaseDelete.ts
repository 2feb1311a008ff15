import { ConflictError } from '@backstage/errors';
import {
  RUNTIME_RESOURCE_TYPES,
  runtimeDatabaseDeletePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  OpenBaoClient,
  PostgresClient,
  isRuntimeUpstreamError,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RetirementRun,
  RuntimeActionDeps,
  RuntimeActionRun,
  defineRetirementAction,
  forceField,
  listedRemains,
  retirementInputSchema,
  revokeSecretRead,
  toScaffolderAction,
} from '../shared';
import { examples } from './databaseDelete.examples';
import { databaseNameField } from './databaseFields';
import { DatabaseNames, databaseNames } from './databaseNames';
import { databaseRemainsLines } from './databaseRemains';
import { DatabaseState, readDatabaseState } from './databaseState';

/** The input of `runtime:database:delete`: the create action's names, and `force`. */
export const inputSchema = (z: typeof zod) =>
  retirementInputSchema(
    z,
    { name: databaseNameField(z) },
    forceField(z).describe(
      'Retire the database even while catalog entities (such as the service that uses it) still depend on it, and even while clients are connected: their connections are closed and the data is dropped, for good',
    ),
  );

type Input = zod.output<ReturnType<typeof inputSchema>>;

/**
 * `runtime:database:delete`: retires a database, removing what `runtime:database:create` made and
 * nothing else: the database (with its data), its login role, the read policy and Kubernetes auth role
 * of its credentials (`runtime_database_<database>`) and the credentials in OpenBao
 * (`<service>/databases/<database>`, every version and the metadata).
 *
 * Everything is read and checked before anything is removed: the database's and the role's claims and
 * the credentials' metadata must record the input's owner and service, the read policy must be headed
 * by that claim and the role must grant only that policy (a `ConflictError` otherwise). A database with
 * open connections, or one that catalog entities depend on, is refused unless `force`. The database
 * goes first and the credentials, whose claim stands in for the rest, last: a run that stops half-way
 * is finished by running it again. Nothing left is success with `removed: []`.
 *
 * @public
 */
export const databaseDeleteAction = defineRetirementAction({
  type: RUNTIME_RESOURCE_TYPES.database,
  title: 'Delete a Runtime database',
  description:
    'Retires a PostgreSQL database of a service: drops the database with its data and its login role, and deletes its credentials in OpenBao with their read policy and role, once their owner and service are checked. A database with open connections, or that catalog entities depend on, is refused unless force.',
  examples,
  inputSchema,
  permission: runtimeDatabaseDeletePermission,
  upstream: () => ['postgres', 'openbao'],
  resource: input => ({ subject: `Database ${input.name}`, name: input.name }),
  auditNames: input => ({ database: input.name }),
  findRemains: findDatabaseRemains,
});

/**
 * The scaffolder action `runtime:database:delete` (see `databaseDeleteAction`).
 *
 * @public
 */
export function createRuntimeDatabaseDeleteAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(databaseDeleteAction, deps);
}

/** What is left of the database, its credentials and their grant, each claim checked. */
async function findDatabaseRemains(retirement: RetirementRun<Input>) {
  const { deps, run, input, claim } = retirement;
  const { environment, name, force } = input;
  const postgres = deps.clients.client(environment, 'postgres');
  const openbao = deps.clients.client(environment, 'openbao');
  const names = databaseNames(input.service, name);
  const state = await readDatabaseState({
    postgres,
    openbao,
    names,
    claim,
    signal: run.signal,
  });
  const connections = state.database?.connections ?? 0;
  return listedRemains(
    retirement,
    databaseRemainsLines(names, state),
    () =>
      removeDatabaseRemains({
        run,
        postgres,
        openbao,
        step: `${environment}.${name}`,
        names,
        state,
        force,
      }),
    {
      refusal:
        connections > 0
          ? `Database ${name} has ${connections} open connection${
              connections === 1 ? '' : 's'
            }; stop its clients first, or run again with force to close them`
          : undefined,
    },
  );
}

/**
 * Removes what `readDatabaseState` found, one checkpoint per step: the database, its role, the
 * credentials' read grant, the stored credentials.
 */
async function removeDatabaseRemains(options: {
  run: RuntimeActionRun;
  postgres: PostgresClient;
  openbao: OpenBaoClient;
  /** The checkpoint keys' suffix: environment and database. */
  step: string;
  names: DatabaseNames;
  state: DatabaseState;
  force: boolean;
}): Promise<void> {
  const { run, postgres, openbao, step, names, state, force } = options;
  const { signal } = run;
  if (state.database) {
    await run.checkpoint({
      key: `database-delete.${step}`,
      fn: () => dropDatabase(postgres, names.database, force, signal),
    });
  }
  if (state.role) {
    await run.checkpoint({
      key: `database-role-delete.${step}`,
      fn: async () => {
        await postgres.dropRole(names.role, { signal });
      },
    });
  }
  await run.checkpoint({
    key: `database-credentials-grant-delete.${step}`,
    fn: () => revokeSecretRead(openbao, names.grantName, state.grant, signal),
  });
  if (state.credentials) {
    await run.checkpoint({
      key: `database-credentials-delete.${step}`,
      fn: () => openbao.deleteSecretMetadata(names.credentialsPath, { signal }),
    });
  }
}

/** Drops the database; PostgreSQL's "in use" (a client connected since it was read) is a `ConflictError`. */
async function dropDatabase(
  postgres: PostgresClient,
  name: string,
  force: boolean,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await postgres.dropDatabase(name, { force, signal });
  } catch (error) {
    if (!isRuntimeUpstreamError(error, 'Conflict')) throw error;
    throw new ConflictError(
      `Database ${name} is in use (a client connected to it); nothing was removed. Stop its clients, or run again with force to close their connections`,
    );
  }
}
