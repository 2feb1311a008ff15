import { RuntimeUpstreamClients } from '../clients';

/**
 * Events topic on which the Runtime's provisioning actions announce that they created or changed a
 * resource, so the Runtime catalog module can refresh right away instead of at its next schedule.
 *
 * @public
 */
export const RUNTIME_RESOURCES_CHANGED_TOPIC = 'runtime.resources.changed';

/**
 * Payload of a {@link RUNTIME_RESOURCES_CHANGED_TOPIC} event: where something changed (never a
 * resource's content or a secret value).
 *
 * @public
 */
export interface RuntimeResourcesChangedPayload {
  /** The configured Runtime environment (runtime.environments[].name). */
  environment: string;
  /** The upstream the resource lives in. */
  source: keyof RuntimeUpstreamClients;
}
