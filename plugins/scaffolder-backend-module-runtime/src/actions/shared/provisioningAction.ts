import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  TemplateAction,
  TemplateExample,
  createTemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  RuntimeUpstreamClients,
  requirePermission,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { JsonObject } from '@backstage/types';
import { AnyZodObject, ZodType, z as zod } from 'zod/v3';
import {
  ProvisioningAccess,
  authorizeProvisioning,
  authorizeSystemRun,
} from './access';
import { RuntimeActionDeps } from './deps';
import { requireUpstream } from './environment';
import { auditRefusal } from './audit';
import { writeOutputs } from './outputs';
import { parseInput } from './parseInput';
import { RuntimeActionRun, systemReasonOf } from './run';
import { requireApproval } from './approvalGate';

/**
 * One provisioning action, defined once and offered twice: as a scaffolder action
 * ({@link toScaffolderAction}) and through the actions registry (`registerRuntimeActions`). Both
 * run it with {@link runProvisioningAction}, so they get the same checks and the same effects.
 */
export interface ProvisioningAction<
  TInput extends ProvisioningInput,
  TOutput extends JsonObject,
> {
  /** The scaffolder action id, e.g. `runtime:bucket:create`. */
  id: string;
  /** The actions registry name, e.g. `runtime-bucket-create`. */
  registryName: string;
  /** A short title for the actions registry. */
  title: string;
  /** What the action does, shown in the scaffolder's action list and to registry callers. */
  description: string;
  examples: TemplateExample[];
  /** The input schema every run parses with (it may check across fields). */
  inputSchema: (z: typeof zod) => ZodType<TInput, any, any>;
  /** The input's plain object schema, when `inputSchema` adds checks across fields (the registry lists objects only). */
  inputObjectSchema?: (z: typeof zod) => AnyZodObject;
  outputSchema: (z: typeof zod) => AnyZodObject;
  /** The permission the caller must hold (for an action over several types: the input's type's). */
  permission: BasicPermission | ((input: TInput) => BasicPermission);
  /** The upstream (or upstreams) the environment must have for this input. */
  upstream: (
    input: TInput,
  ) => keyof RuntimeUpstreamClients | Array<keyof RuntimeUpstreamClients>;
  /** Whether secret values come with the run (a template's secret fields, the registry's secrets). */
  takesSecrets?: boolean;
  /**
   * Whether a run can overwrite something that exists (a policy, role, bucket rule, spec); the
   * registry tells callers so. Unset counts as `true`.
   */
  destructive?: boolean;
  /**
   * The Kubernetes namespace the input acts in, which must be the owner's; defaults to
   * `input.namespace`. Set it when the namespace is elsewhere in the input.
   */
  namespaceOf?: (input: TInput) => string | undefined;
  /**
   * Creates the resource (or, on a dry run, reports it) from a parsed and authorised input;
   * `access.caller` is who runs it.
   */
  provision(
    deps: RuntimeActionDeps,
    input: TInput,
    run: RuntimeActionRun,
    access: ProvisioningAccess,
  ): Promise<TOutput>;
}

/** What every provisioning action's input has. */
export interface ProvisioningInput {
  environment: string;
  owner: string;
  service: string;
  namespace?: string;
}

/** Defines a {@link ProvisioningAction}, inferring its input and output types. */
export function defineProvisioningAction<
  TInput extends ProvisioningInput,
  TOutput extends JsonObject,
>(
  action: ProvisioningAction<TInput, TOutput>,
): ProvisioningAction<TInput, TOutput> {
  return action;
}

/**
 * Runs a provisioning action: parses the input (an `InputError` naming each bad field), checks the
 * environment has the upstream, checks the caller's permission, then that the caller may act for
 * the owner, the service is the owner's and the namespace too (`authorizeProvisioning`), then asks
 * for approval when a `runtime.approvals` rule matches (`requireApproval`), and then provisions. A
 * run the portal makes itself (`systemRun`, e.g. the expiry task's) skips the caller's permission,
 * act-for and approval steps and keeps the service-owner and namespace checks and `provision`.
 * Nothing is written upstream before all checks pass (the namespace check may read the
 * Namespace); a refusal after the input is parsed is audited as a failed event (the action's
 * `registryName` as event id, as its own audit event) with its reason.
 */
export async function runProvisioningAction<
  TInput extends ProvisioningInput,
  TOutput extends JsonObject,
>(
  action: ProvisioningAction<TInput, TOutput>,
  deps: RuntimeActionDeps,
  run: RuntimeActionRun,
): Promise<TOutput> {
  const input: TInput = parseInput(action.inputSchema(zod), run.input);
  for (const upstream of [action.upstream(input)].flat()) {
    requireUpstream(deps.clients, input.environment, upstream);
  }
  const namespace = action.namespaceOf
    ? action.namespaceOf(input)
    : input.namespace;
  const target = {
    environment: input.environment,
    owner: input.owner,
    service: input.service,
    namespace,
    signal: run.signal,
  };
  const system = systemReasonOf(run);
  let access: ProvisioningAccess;
  try {
    if (system) {
      access = await authorizeSystemRun(deps, target, system);
    } else {
      const credentials = await run.getInitiatorCredentials();
      const permission =
        typeof action.permission === 'function'
          ? action.permission(input)
          : action.permission;
      await requirePermission(deps.permissions, permission, credentials);
      access = await authorizeProvisioning(deps, credentials, target);
      await requireApproval(action.id, deps.approvals, run, input, access);
    }
  } catch (error) {
    await auditRefusal(run, deps, action.registryName, error as Error, {
      environment: input.environment,
      owner: input.owner,
      service: input.service,
      namespace: namespace ?? null,
    });
    throw error;
  }
  return action.provision(deps, input, run, access);
}

/**
 * The input type of a provisioning action's scaffolder action: its parsed input, itself when that is
 * a JSON object, else with the JSON object type added (a passthrough object has `unknown` values; a
 * task's input is JSON).
 */
export type ScaffolderActionInput<TInput> = TInput extends JsonObject
  ? TInput
  : TInput & JsonObject;

/**
 * The scaffolder action of a provisioning action: dry-run aware, its outputs written as step outputs,
 * typed with the action's parsed input and its output.
 */
export function toScaffolderAction<
  TInput extends ProvisioningInput,
  TOutput extends JsonObject,
>(
  action: ProvisioningAction<TInput, TOutput>,
  deps: RuntimeActionDeps,
): TemplateAction<ScaffolderActionInput<TInput>, TOutput, 'v2'> {
  const scaffolderAction = createTemplateAction({
    id: action.id,
    description: action.description,
    examples: action.examples,
    supportsDryRun: true,
    schema: { input: action.inputSchema, output: action.outputSchema },
    async handler(ctx) {
      writeOutputs(ctx, await runProvisioningAction(action, deps, ctx));
    },
  });
  // `createTemplateAction` types the action with the schemas' output types passed through its
  // `FlattenOptionalProperties`, which TypeScript cannot reduce for a generic `TInput`; for each
  // concrete action it is `TInput` itself.
  return scaffolderAction as unknown as TemplateAction<
    ScaffolderActionInput<TInput>,
    TOutput,
    'v2'
  >;
}
