import {
  RUNTIME_EXPIRES_AT_METADATA_KEY,
  RUNTIME_OWNER_METADATA_KEY,
  RUNTIME_RESOURCE_TYPES,
  RUNTIME_SERVICE_METADATA_KEY,
  runtimeDatabaseCreatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
  RuntimeActionRun,
  announceResourceChange,
  audited,
  createExpiry,
  defineProvisioningAction,
  describeExpiry,
  dnsLabel,
  environmentField,
  expiresAfterField,
  grantSecretRead,
  ownerField,
  ownerName,
  runtimeResourceEntityRef,
  serviceField,
  toScaffolderAction,
} from '../shared';
import { examples } from './databaseCreate.examples';
import { databaseNameField } from './databaseFields';
import { DatabaseNames, databaseNames } from './databaseNames';
import {
  DatabaseState,
  credentialsReady,
  readDatabaseState,
} from './databaseState';
import { ensureDatabase } from './ensureDatabase';

/** The input schema (zod form); the action list shows it as JSON schema. */
export const inputSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    name: databaseNameField(z),
    namespace: dnsLabel(
      z,
      "Kubernetes namespace of the service's service account: an OpenBao Kubernetes auth role lets it read the credentials",
    ).optional(),
    serviceAccount: dnsLabel(
      z,
      'Kubernetes service account that may read the credentials; defaults to the service name',
    ).optional(),
    expiresAfter: expiresAfterField(z),
  });

const outputSchema = (z: typeof zod) =>
  z.object({
    database: z.string().describe('Name of the database'),
    role: z
      .string()
      .describe('The login role that owns the database (its own name)'),
    host: z.string().describe("The environment's PostgreSQL host"),
    port: z.number().describe("The environment's PostgreSQL port"),
    credentialsPath: z
      .string()
      .describe(
        "Path in OpenBao's KV mount of the credentials (username, password, host, port, database); never the password",
      ),
    roleName: z
      .string()
      .optional()
      .describe(
        'OpenBao Kubernetes auth role (and ACL policy) that reads the credentials (with a namespace)',
      ),
    entityRef: z
      .string()
      .describe('Catalog entity ref of the database resource'),
    expiresAt: z
      .string()
      .optional()
      .describe(
        'When the database expires (ISO 8601 UTC), as recorded in its claims; absent when it never does',
      ),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/** The outputs of `runtime:database:create`. */
type DatabaseCreateOutput = zod.output<ReturnType<typeof outputSchema>>;

/**
 * `runtime:database:create`: a PostgreSQL database for a service and its own login role (the
 * database's name, LOGIN only), which owns it and is the only role besides administrators that may
 * connect to it. The role's password is generated here and stored only in OpenBao at
 * `<service>/databases/<database>`; with a `namespace`, the service's account may read it through an
 * OpenBao Kubernetes auth role.
 *
 * The database's and the role's COMMENT record the owner and service (and the expiry); a database,
 * role or stored credentials of another claim are a `ConflictError` before anything is written. A
 * re-run with the same claim changes nothing and keeps the password; a failure removes what the run
 * created.
 *
 * @public
 */
export const databaseCreateAction = defineProvisioningAction({
  id: 'runtime:database:create',
  registryName: 'runtime-database-create',
  title: 'Create a Runtime database',
  description:
    "Creates a PostgreSQL database for a service with its own login role, claimed for its owner and service; the role's password is generated and stored only in OpenBao at <service>/databases/<database> (never in the output), readable by the service's Kubernetes service account when a namespace is given.",
  examples,
  inputSchema,
  outputSchema,
  permission: runtimeDatabaseCreatePermission,
  upstream: () => ['postgres', 'openbao'],
  destructive: true,
  provision: provisionDatabase,
});

/**
 * The scaffolder action `runtime:database:create` (see `databaseCreateAction`).
 *
 * @public
 */
export function createRuntimeDatabaseAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(databaseCreateAction, deps);
}

async function provisionDatabase(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<DatabaseCreateOutput> {
  const owner = ownerName(input.owner);
  const { environment } = input;
  const claim = { owner, service: input.service };
  const names = databaseNames(input.service, input.name);
  const postgres = deps.clients.client(environment, 'postgres');
  const openbao = deps.clients.client(environment, 'openbao');
  const { host, port } = deps.clients.environment(environment).postgres!;
  const signal = run.signal;
  /** Who may read the credentials from OpenBao: the service's account, when its namespace is given. */
  const reader = input.namespace
    ? {
        name: names.grantName,
        namespace: input.namespace,
        serviceAccount: input.serviceAccount ?? input.service,
      }
    : undefined;
  let expiresAt: string | undefined;

  await audited(
    run,
    deps,
    'runtime-database-create',
    {
      environment,
      database: input.name,
      owner,
      service: input.service,
      namespace: input.namespace ?? null,
      expiresAfter: input.expiresAfter ?? null,
    },
    async () => {
      const state = await readDatabaseState({
        postgres,
        openbao,
        names,
        claim,
        signal,
      });
      // A re-run keeps the expiry the first run recorded (and adds none).
      expiresAt = createExpiry(
        state.database?.claims?.[RUNTIME_EXPIRES_AT_METADATA_KEY] ??
          state.role?.claims?.[RUNTIME_EXPIRES_AT_METADATA_KEY],
        state.database || state.role ? undefined : input.expiresAfter,
      );
      if (run.isDryRun) {
        run.logger.info(
          `Dry run: ${dryRunPlan(
            names,
            state,
            claim,
          )}; the database ${describeExpiry(expiresAt)}${
            reader
              ? `; would let ${reader.namespace}/${reader.serviceAccount} read the credentials through OpenBao role ${reader.name}`
              : ''
          }; nothing was written`,
        );
        return;
      }
      await run.checkpoint({
        key: `database.${environment}.${input.name}`,
        fn: async () => {
          const result = await ensureDatabase({
            postgres,
            openbao,
            names,
            state,
            claim,
            claims: {
              [RUNTIME_OWNER_METADATA_KEY]: owner,
              [RUNTIME_SERVICE_METADATA_KEY]: input.service,
              ...(expiresAt
                ? { [RUNTIME_EXPIRES_AT_METADATA_KEY]: expiresAt }
                : {}),
            },
            host,
            port,
            then: reader
              ? async () => {
                  await grantSecretRead(openbao, {
                    ...reader,
                    kvMount:
                      deps.clients.environment(environment).openbao!.kvMount,
                    path: names.credentialsPath,
                    claim,
                    signal,
                  });
                  run.logger.info(
                    `Wrote read policy and Kubernetes auth role ${reader.name} for ${reader.namespace}/${reader.serviceAccount}`,
                  );
                }
              : undefined,
            logger: run.logger,
            signal,
          });
          return { result };
        },
      });
    },
  );

  await announceResourceChange(run, deps, { environment, source: 'postgres' });
  await announceResourceChange(run, deps, { environment, source: 'openbao' });
  return {
    database: names.database,
    role: names.role,
    host,
    port,
    credentialsPath: names.credentialsPath,
    ...(reader ? { roleName: reader.name } : {}),
    entityRef: runtimeResourceEntityRef({
      prefix: deps.namePrefix,
      environment,
      type: RUNTIME_RESOURCE_TYPES.database,
      name: input.name,
    }),
    ...(expiresAt ? { expiresAt } : {}),
  };
}

/** What a dry run says the real run would do, from what exists. */
function dryRunPlan(
  names: DatabaseNames,
  state: DatabaseState,
  claim: { owner: string; service: string },
): string {
  const ready = state.role && credentialsReady(state);
  if (state.database && ready) {
    return `database ${names.database}, its role and its credentials at ${names.credentialsPath} exist (owner=${claim.owner}, service=${claim.service}); nothing to change`;
  }
  let roleStep: string | undefined;
  if (!state.role) roleStep = `create login role ${names.role}`;
  else if (!ready) {
    roleStep = `set a new password for the existing role ${names.role}`;
  }
  const steps = [
    roleStep,
    state.database
      ? undefined
      : `create database ${names.database} owned by ${names.role}, which alone may connect`,
    ready
      ? undefined
      : `store the credentials in OpenBao at ${names.credentialsPath}`,
  ].filter(Boolean);
  return `would ${steps.join(', ')}, claimed for owner=${
    claim.owner
  }, service=${claim.service}`;
}
