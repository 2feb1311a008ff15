import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  RUNTIME_RESOURCE_TYPES,
  runtimeSecretUpdatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { isRuntimeUpstreamError } from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
  RuntimeActionRun,
  announceResourceChange,
  audited,
  claimOf,
  defineProvisioningAction,
  dnsLabel,
  environmentField,
  ownerField,
  ownerName,
  requireSameClaim,
  runtimeResourceEntityRef,
  serviceField,
  toScaffolderAction,
  writeClaimMetadata,
} from '../shared';
import { examples } from './secretRotate.examples';
import { secretKeysField, secretValues } from './secretValues';
import {
  VALUES_FINGERPRINT_METADATA_KEY,
  holdsValues,
  valuesFingerprint,
} from './valuesFingerprint';

/** The input schema (zod form); the action list shows it as JSON schema. */
const inputSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z),
    name: dnsLabel(
      z,
      'Name of the secret to rotate, as created: it is stored at <service>/<name> in the KV mount',
    ),
    keys: secretKeysField(
      z,
      "Keys of the secret's new version: the secret's current keys (unless changeKeys). Each value is taken from the secret of the same name (a template secret field, or the actions registry secrets), never from input",
    ),
    changeKeys: z
      .boolean()
      .default(false)
      .describe(
        'Set to true to add or remove keys on purpose: the new version then has exactly `keys`. Unset, `keys` must be the keys the secret has now',
      ),
  });

const outputSchema = (z: typeof zod) =>
  z.object({
    path: z.string().describe('Path of the secret in the KV v2 mount'),
    version: z
      .number()
      .describe(
        'The secret version that holds the values (on a dry run: the version it would be)',
      ),
    entityRef: z.string().describe('Catalog entity ref of the secret resource'),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/** The outputs of `runtime:secret:rotate`. */
type SecretRotateOutput = zod.output<ReturnType<typeof outputSchema>>;

/**
 * `runtime:secret:rotate`: writes a new version of an existing secret from the task's secrets.
 *
 * The secret's claim (owner and service in its custom metadata) must be the input's. Its key names
 * (read without values, KV v2 `subkeys`) must be `keys` unless `changeKeys`. The version is written
 * with check-and-set on the version read, so of two concurrent rotations one is refused. The read
 * policy and Kubernetes auth role are not touched: the same readers read the new version. The
 * portal never reads a value: it records a salted scrypt digest of what it wrote, with the version,
 * in the custom metadata, so a re-run with the same values writes nothing (the first rotation of a
 * secret made by `runtime:secret:create` always writes, as nothing is recorded yet).
 *
 * @public
 */
export const secretRotateAction = defineProvisioningAction({
  id: 'runtime:secret:rotate',
  registryName: 'runtime-secret-rotate',
  title: 'Rotate a Runtime secret',
  description:
    "Writes a new version of a service's OpenBao secret, its values only from secrets of the keys' names (a template's secret fields, or the actions registry's secrets), never from input, never logged or output. Refused when another team's, when another rotation got there first, or when the keys differ from the secret's without changeKeys; the secret's readers stay as they are. Re-running with the same values writes nothing.",
  examples,
  inputSchema,
  outputSchema,
  permission: runtimeSecretUpdatePermission,
  upstream: () => 'openbao',
  takesSecrets: true,
  destructive: true,
  provision: rotateSecret,
});

/**
 * The scaffolder action `runtime:secret:rotate` (see `secretRotateAction`).
 *
 * @public
 */
export function createRuntimeSecretRotateAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(secretRotateAction, deps);
}

async function rotateSecret(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<SecretRotateOutput> {
  const values = secretValues(run, input.keys);
  const owner = ownerName(input.owner);
  const path = `${input.service}/${input.name}`;
  const claim = { owner, service: input.service };
  const subject = `Secret ${path} in ${input.environment}`;
  const openbao = deps.clients.client(input.environment, 'openbao');
  const signal = run.signal;
  const entityRef = runtimeResourceEntityRef({
    prefix: deps.namePrefix,
    environment: input.environment,
    type: RUNTIME_RESOURCE_TYPES.secret,
    name: path,
  });

  const version = await audited(
    run,
    deps,
    'runtime-secret-rotate',
    {
      environment: input.environment,
      path,
      keys: input.keys,
      changeKeys: input.changeKeys,
      owner,
      service: input.service,
    },
    async () => {
      const metadata = await openbao.readSecretMetadata(path, { signal });
      if (!metadata || metadata.currentVersion === 0) {
        throw new NotFoundError(
          `${subject} does not exist; create it with runtime:secret:create`,
        );
      }
      requireSameClaim(subject, claimOf(metadata.customMetadata), claim);
      const current = await openbao.readSecretKeys(path, { signal });
      if (!current) {
        throw new NotFoundError(
          `${subject} has no readable current version (version ${metadata.currentVersion} is deleted or destroyed); an operator must restore it first`,
        );
      }
      if (current.version !== metadata.currentVersion) {
        throw new ConflictError(
          `${subject} was changed while it was read (version ${metadata.currentVersion}, then ${current.version}); run again`,
        );
      }
      requireKeys(path, current.keys, input);
      const unchanged = await holdsValues(
        metadata.customMetadata[VALUES_FINGERPRINT_METADATA_KEY],
        current.version,
        values,
      );

      if (run.isDryRun) {
        run.logger.info(
          unchanged
            ? `Dry run: secret ${path} version ${current.version} already holds these values; nothing would be written`
            : `Dry run: would write version ${
                current.version + 1
              } of secret ${path} (keys: ${input.keys.join(
                ', ',
              )}) if it is still at version ${
                current.version
              }; its read policy and auth role stay as they are`,
        );
        return unchanged ? current.version : current.version + 1;
      }
      return run.checkpoint({
        key: `secret-rotate.${input.environment}.${path}`,
        fn: async () => {
          if (unchanged) {
            run.logger.info(
              `Secret ${path} version ${current.version} already holds these values; nothing written`,
            );
            return current.version;
          }
          let written: number;
          try {
            ({ version: written } = await openbao.writeSecret(path, values, {
              cas: current.version,
              signal,
            }));
          } catch (error) {
            if (!isRuntimeUpstreamError(error, 'Conflict')) throw error;
            throw new ConflictError(
              `${subject} is no longer at version ${current.version}: another rotation wrote it at the same time; nothing was written, run again`,
            );
          }
          await writeClaimMetadata(openbao, {
            subject,
            path,
            claim,
            metadataVersion: metadata.currentMetadataVersion ?? 0,
            extra: {
              ...metadata.customMetadata,
              [VALUES_FINGERPRINT_METADATA_KEY]: await valuesFingerprint(
                values,
                written,
              ),
            },
            signal,
          });
          run.logger.info(
            `Wrote version ${written} of secret ${path} (keys: ${input.keys.join(
              ', ',
            )}); its readers are unchanged`,
          );
          await announceResourceChange(run, deps, {
            environment: input.environment,
            source: 'openbao',
          });
          return written;
        },
      });
    },
  );
  return { path, version, entityRef };
}

/** An `InputError` when `keys` adds or drops keys of the secret without `changeKeys` (names only). */
function requireKeys(path: string, existing: string[], input: Input): void {
  if (input.changeKeys) return;
  const added = input.keys.filter(key => !existing.includes(key));
  const dropped = existing.filter(key => !input.keys.includes(key));
  if (added.length === 0 && dropped.length === 0) return;
  throw new InputError(
    `Invalid input: keys: secret ${path} has the keys ${existing.join(
      ', ',
    )}; ${[
      added.length ? `${added.join(', ')} would be added` : '',
      dropped.length ? `${dropped.join(', ')} would be removed` : '',
    ]
      .filter(Boolean)
      .join(
        ' and ',
      )}. Give exactly its keys, or set changeKeys to true to change them on purpose`,
  );
}
