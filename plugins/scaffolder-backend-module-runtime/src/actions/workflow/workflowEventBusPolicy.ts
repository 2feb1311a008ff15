import { RootConfigService } from '@backstage/backend-plugin-api';

/**
 * What `runtime:workflow:create` does when the workflow's namespace has no Argo Events EventBus
 * (`runtime.workflows.createDefaultEventBus`, `runtime.workflows.defaultEventBusVersion`).
 *
 * @public
 */
export interface WorkflowEventBusPolicy {
  /** Create a JetStream EventBus `default` in the namespace instead of refusing. */
  createDefault: boolean;
  /** The JetStream version of that EventBus: one of the Argo Events controller config's versions. */
  jetStreamVersion: string;
}

/**
 * The JetStream version of a created EventBus when none is configured: `latest`, the one every
 * Argo Events release's `argo-events-controller-config` lists (and its docs' simplest example uses).
 */
const DEFAULT_EVENT_BUS_JETSTREAM_VERSION = 'latest';

/** Without configuration a missing EventBus is refused. */
export const DEFAULT_WORKFLOW_EVENT_BUS_POLICY: WorkflowEventBusPolicy = {
  createDefault: false,
  jetStreamVersion: DEFAULT_EVENT_BUS_JETSTREAM_VERSION,
};

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * Reads `runtime.workflows.createDefaultEventBus` (default `false`) and
 * `runtime.workflows.defaultEventBusVersion` (default `latest`); a version that is not a plain
 * version string stops the backend at start-up with a message naming the key.
 *
 * @public
 */
export function readWorkflowEventBusPolicy(
  config: RootConfigService,
): WorkflowEventBusPolicy {
  const workflows = config.getOptionalConfig('runtime.workflows');
  const version =
    workflows?.getOptionalString('defaultEventBusVersion') ??
    DEFAULT_EVENT_BUS_JETSTREAM_VERSION;
  if (!VERSION.test(version)) {
    throw new Error(
      `Invalid config at 'runtime.workflows.defaultEventBusVersion': '${version}' is not a JetStream version such as 2.10.29`,
    );
  }
  return {
    createDefault:
      workflows?.getOptionalBoolean('createDefaultEventBus') ?? false,
    jetStreamVersion: version,
  };
}
