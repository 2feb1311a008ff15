import { ConflictError } from '@backstage/errors';
import {
  ArgoSensor,
  SENSOR_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { isDeepStrictEqual } from 'node:util';
import {
  ClaimedObjectContext,
  readClaimedObject,
  updateClaimedObject,
} from '../claimedObject';

/** How often the patch is tried after the Sensor's status (not its spec) changed meanwhile. */
const ATTEMPTS = 3;

/**
 * Applies the JSON merge patch `patch` to `checked`, a Sensor read and found to be the context's
 * claim, over its resourceVersion. Argo Events' sensor controller writes the status on every
 * reconcile, so when the API server answers `Conflict` the Sensor is read (and its claim checked)
 * again: if its spec and its annotations are still as read, only the status moved and the patch is
 * tried again over the new version; any other change is refused with the `ConflictError`, never
 * overwritten.
 */
export async function patchSensor(
  checked: ArgoSensor,
  patch: Record<string, unknown>,
  context: ClaimedObjectContext & { dryRun?: boolean },
): Promise<void> {
  const { namespace, name } = checked.metadata;
  let resourceVersion = checked.metadata.resourceVersion;
  for (let attempt = 1; ; attempt++) {
    try {
      await updateClaimedObject(
        SENSOR_KIND,
        namespace!,
        name,
        { ...context, resourceVersion },
        () => ({ mergePatch: patch }),
      );
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
      const now = await readClaimedObject(
        SENSOR_KIND,
        namespace!,
        name,
        context,
      );
      const unchanged =
        now !== undefined &&
        now.metadata.uid === checked.metadata.uid &&
        isDeepStrictEqual(now.spec, checked.spec) &&
        isDeepStrictEqual(
          now.metadata.annotations ?? {},
          checked.metadata.annotations ?? {},
        );
      if (!unchanged) throw error;
      resourceVersion = now.metadata.resourceVersion;
    }
  }
}
