import {
  RUNTIME_EXPIRES_AT_METADATA_KEY,
  RUNTIME_RESOURCE_TYPES,
  runtimeSecretCreatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { secretGrantName } from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
  defineProvisioningAction,
  toScaffolderAction,
  audited,
  dnsLabel,
  environmentField,
  ownerField,
  ownerName,
  runtimeResourceEntityRef,
  serviceField,
  RuntimeActionRun,
  announceResourceChange,
  claimOf,
  grantSecretRead,
  requireSameClaim,
  writeClaimMetadata,
  createExpiry,
  describeExpiry,
  expiresAfterField,
} from '../shared';
import { examples } from './secretCreate.examples';
import { secretKeysField, secretValues } from './secretValues';

/** The input schema (zod form); the action list shows it as JSON schema. */
export const inputSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    name: dnsLabel(
      z,
      'Name of the secret; it is stored at <service>/<name> in the KV mount',
    ),
    keys: secretKeysField(
      z,
      'Keys of the secret. Each value is taken from the secret of the same name (a template secret field, or the actions registry secrets), never from input',
    ),
    namespace: dnsLabel(
      z,
      "Kubernetes namespace of the service's service account (bound by the auth role)",
    ),
    serviceAccount: dnsLabel(
      z,
      'Kubernetes service account that may read the secret; defaults to the service name',
    ).optional(),
    expiresAfter: expiresAfterField(z),
  });

const outputSchema = (z: typeof zod) =>
  z.object({
    path: z.string().describe('Path of the secret in the KV v2 mount'),
    policyName: z
      .string()
      .describe('OpenBao ACL policy granting read access to the secret'),
    roleName: z
      .string()
      .describe('OpenBao Kubernetes auth role the service logs in with'),
    entityRef: z.string().describe('Catalog entity ref of the secret resource'),
    expiresAt: z
      .string()
      .optional()
      .describe(
        'When the secret expires (ISO 8601 UTC), as recorded in its metadata; absent when it never does',
      ),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/** The outputs of `runtime:secret:create`. */
type SecretCreateOutput = zod.output<ReturnType<typeof outputSchema>>;

/**
 * `runtime:secret:create`: writes a KV v2 secret whose values come only from the task's secrets, a
 * read policy scoped to its path and a Kubernetes auth role for the service account.
 *
 * Idempotent and safe to re-run: the owner and service are written to the secret's metadata first
 * with a metadata check-and-set (so of two first runs only one claims the path), the values with
 * check-and-set 0 (only if there is no version yet), and the policy and role
 * (`runtime_secret_<service>_<name>`) are rewritten only when they are this claim's. A secret that
 * already has a version and the same owner and service is kept as it is; one owned by another team
 * or service is a `ConflictError`.
 *
 * @public
 */
export const secretCreateAction = defineProvisioningAction({
  id: 'runtime:secret:create',
  registryName: 'runtime-secret-create',
  title: 'Create a Runtime secret',
  description:
    "Creates an OpenBao secret for a service, with a read policy and a Kubernetes auth role. Each value comes only from a secret of the key's name (a template's secret field, or the actions registry's secrets), never from input, and is never logged or output.",
  examples,
  inputSchema,
  outputSchema,
  permission: runtimeSecretCreatePermission,
  upstream: () => 'openbao',
  takesSecrets: true,
  destructive: true,
  provision: provisionSecret,
});

/**
 * The scaffolder action `runtime:secret:create` (see `secretCreateAction`).
 *
 * @public
 */
export function createRuntimeSecretAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(secretCreateAction, deps);
}

async function provisionSecret(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<SecretCreateOutput> {
  const values = secretValues(run, input.keys);

  const owner = ownerName(input.owner);
  const path = `${input.service}/${input.name}`;
  const policyName = secretGrantName(input.service, input.name);
  const roleName = policyName;
  const serviceAccount = input.serviceAccount ?? input.service;
  const entityRef = runtimeResourceEntityRef({
    prefix: deps.namePrefix,
    environment: input.environment,
    type: RUNTIME_RESOURCE_TYPES.secret,
    name: path,
  });
  const openbao = deps.clients.client(input.environment, 'openbao');
  const kvMount = deps.clients.environment(input.environment).openbao!.kvMount;
  const claim = { owner, service: input.service };
  const subject = `Secret ${path} in ${input.environment}`;
  /** The secret's expiry: recorded with its claim, or kept from the first run. */
  let expiresAt: string | undefined;

  await audited(
    run,
    deps,
    'runtime-secret-create',
    {
      environment: input.environment,
      path,
      keys: input.keys,
      owner,
      service: input.service,
      policyName,
      roleName,
      expiresAfter: input.expiresAfter ?? null,
    },
    async () => {
      const existing = await openbao.readSecretMetadata(path, {
        signal: run.signal,
      });
      if (existing) {
        requireSameClaim(subject, claimOf(existing.customMetadata), claim);
      }
      const hasValues = (existing?.currentVersion ?? 0) > 0;
      // A re-run keeps the expiry the first run recorded.
      expiresAt = createExpiry(
        existing?.customMetadata[RUNTIME_EXPIRES_AT_METADATA_KEY],
        hasValues ? undefined : input.expiresAfter,
      );

      if (run.isDryRun) {
        run.logger.info(
          `Dry run: would ${
            hasValues ? 'keep the existing' : 'create the'
          } secret ${path} (keys: ${input.keys.join(
            ', ',
          )}) in ${kvMount}, write read policy ${policyName} and Kubernetes auth role ${roleName} for ${
            input.namespace
          }/${serviceAccount}; the secret ${describeExpiry(expiresAt)}`,
        );
      } else {
        await run.checkpoint({
          key: `secret.${input.environment}.${path}`,
          fn: async () => {
            if (hasValues) {
              run.logger.info(
                `Secret ${path} exists with version ${
                  existing!.currentVersion
                }; kept as it is`,
              );
              return { version: existing!.currentVersion };
            }
            await writeClaimMetadata(openbao, {
              subject,
              path,
              claim,
              metadataVersion: existing?.currentMetadataVersion ?? 0,
              extra: expiresAt
                ? { [RUNTIME_EXPIRES_AT_METADATA_KEY]: expiresAt }
                : undefined,
              signal: run.signal,
            });
            const written = await openbao.writeSecret(path, values, {
              cas: 0,
              signal: run.signal,
            });
            run.logger.info(
              `Created secret ${path} (keys: ${input.keys.join(', ')})`,
            );
            return { version: written.version };
          },
        });
        await run.checkpoint({
          key: `secret-policy.${input.environment}.${policyName}`,
          fn: async () => {
            await grantSecretRead(openbao, {
              name: policyName,
              kvMount,
              path,
              claim,
              namespace: input.namespace,
              serviceAccount,
              signal: run.signal,
            });
            run.logger.info(
              `Wrote read policy ${policyName} and Kubernetes auth role ${roleName} for ${input.namespace}/${serviceAccount}`,
            );
          },
        });
      }
    },
  );

  await announceResourceChange(run, deps, {
    environment: input.environment,
    source: 'openbao',
  });
  return {
    path,
    policyName,
    roleName,
    entityRef,
    ...(expiresAt ? { expiresAt } : {}),
  };
}
