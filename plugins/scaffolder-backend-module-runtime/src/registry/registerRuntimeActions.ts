import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { JsonObject } from '@backstage/types';
import { z as zod } from 'zod/v3';
import { provisioningActions } from '../actions';
import {
  ProvisioningAction,
  RuntimeActionDeps,
  registryRun,
  runProvisioningAction,
} from '../actions/shared';

const DRY_RUN_DESCRIPTION =
  'Only check the input, the permission and conflicts, and report what would be done';

/** What registry callers are told about an action that takes secret values. */
const SECRETS_NOTE =
  'Callers that cannot send secrets (such as MCP clients) are refused before anything is written.';

/**
 * Registers the Runtime's provisioning actions with the actions registry (which the MCP actions
 * backend offers to MCP clients), running the same logic as the scaffolder actions: the permission
 * is checked with the caller's credentials, and `dryRun: true` only reports. The registry names are
 * `runtime-secret-create`, `runtime-bucket-create`, `runtime-inference-endpoint-create` and
 * `runtime-workflow-create`.
 *
 * @public
 */
export function registerRuntimeActions(
  registry: ActionsRegistryService,
  deps: RuntimeActionDeps,
): void {
  for (const action of provisioningActions) {
    register(registry, action, deps);
  }
}

function register(
  registry: ActionsRegistryService,
  action: ProvisioningAction<any, JsonObject>,
  deps: RuntimeActionDeps,
) {
  const inputObject = action.inputObjectSchema ?? action.inputSchema;
  registry.register({
    name: action.registryName,
    title: action.title,
    description: action.takesSecrets
      ? `${action.description} ${SECRETS_NOTE}`
      : action.description,
    schema: {
      input: z =>
        (inputObject(z) as ReturnType<typeof zod.object>).extend({
          dryRun: z.boolean().default(false).describe(DRY_RUN_DESCRIPTION),
        }),
      output: action.outputSchema,
      ...(action.takesSecrets && {
        secrets: (z: typeof zod) =>
          z
            .object({})
            .catchall(z.string())
            .describe("The secret's values, one per key"),
      }),
    },
    attributes: {
      destructive: action.destructive ?? true,
      idempotent: true,
      readOnly: false,
    },
    action: async ({ input, secrets, credentials, logger }) => {
      const { dryRun, ...actionInput } = input as JsonObject;
      const output = await runProvisioningAction(
        action,
        deps,
        registryRun({
          input: actionInput,
          secrets: secrets as Record<string, string> | undefined,
          credentials,
          logger,
          dryRun: dryRun === true,
        }),
      );
      return { output };
    },
  });
}
