import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { JsonObject } from '@backstage/types';
import { AnyZodObject, z as zod } from 'zod/v3';
import {
  inputSchema as bucketInput,
  outputSchema as bucketOutput,
  runBucketCreate,
} from '../actions/bucket/bucketCreate';
import {
  inputObjectSchema as inferenceEndpointInput,
  outputSchema as inferenceEndpointOutput,
  runInferenceEndpointCreate,
} from '../actions/inferenceEndpoint/inferenceEndpointCreate';
import {
  inputSchema as secretInput,
  outputSchema as secretOutput,
  runSecretCreate,
} from '../actions/secret/secretCreate';
import {
  RuntimeActionDeps,
  RuntimeActionRun,
  registryRun,
} from '../actions/shared';
import {
  inputObjectSchema as workflowInput,
  outputSchema as workflowOutput,
  runWorkflowCreate,
} from '../actions/workflow/workflowCreate';

/** One provisioning action as the actions registry offers it. */
interface RegistryActionSpec {
  name: string;
  title: string;
  description: string;
  input: (z: typeof zod) => AnyZodObject;
  output: (z: typeof zod) => AnyZodObject;
  /** Whether secret values come through the registry's secrets channel. */
  takesSecrets?: boolean;
  run: (deps: RuntimeActionDeps, run: RuntimeActionRun) => Promise<JsonObject>;
}

const DRY_RUN_DESCRIPTION =
  'Only check the input, the permission and conflicts, and report what would be done';

const SPECS: RegistryActionSpec[] = [
  {
    name: 'runtime-secret-create',
    title: 'Create a Runtime secret',
    description:
      "Creates an OpenBao secret for a service, with a read policy and a Kubernetes auth role. Each key's value is taken only from the registry's secrets (never from input), so callers that cannot send secrets (such as MCP clients) are refused before anything is written.",
    input: secretInput,
    output: secretOutput,
    takesSecrets: true,
    run: runSecretCreate,
  },
  {
    name: 'runtime-bucket-create',
    title: 'Create a Runtime bucket',
    description:
      'Creates an object storage (MinIO) bucket for a service, tagged with its owner and service, with versioning, optional expiry and an access policy.',
    input: bucketInput,
    output: bucketOutput,
    run: runBucketCreate,
  },
  {
    name: 'runtime-inference-endpoint-create',
    title: 'Create a Runtime inference endpoint',
    description:
      "Creates a KubeAI Model in the team's namespace, labelled with its owner and service, and waits until it serves. Returns the OpenAI-compatible base URL.",
    input: inferenceEndpointInput,
    output: inferenceEndpointOutput,
    run: runInferenceEndpointCreate,
  },
  {
    name: 'runtime-workflow-create',
    title: 'Create a Runtime workflow',
    description:
      'Creates an Argo Events event source with its sensor, or a Temporal namespace with a retention.',
    input: workflowInput,
    output: workflowOutput,
    run: runWorkflowCreate,
  },
];

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
  for (const spec of SPECS) {
    registry.register({
      name: spec.name,
      title: spec.title,
      description: spec.description,
      schema: {
        input: z =>
          spec.input(z).extend({
            dryRun: z.boolean().default(false).describe(DRY_RUN_DESCRIPTION),
          }),
        output: spec.output,
        ...(spec.takesSecrets && {
          secrets: (z: typeof zod) =>
            z
              .object({})
              .catchall(z.string())
              .describe("The secret's values, one per key"),
        }),
      },
      attributes: { destructive: false, idempotent: true, readOnly: false },
      action: async ({ input, secrets, credentials, logger }) => {
        const { dryRun, ...actionInput } = input as JsonObject;
        const output = await spec.run(
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
}
