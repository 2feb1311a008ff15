import { ArgoSensor } from '@runtime-portal/backstage-plugin-runtime-node';
import { coversFields } from '../claimedObject';

/**
 * The merge patch that gives the live Sensor the `built` Sensor's trigger (the list is replaced as
 * a whole) and service account (removed when the new trigger has none).
 */
export function triggerPatch(
  live: ArgoSensor,
  built: ArgoSensor,
): Record<string, unknown> {
  const serviceAccountName = serviceAccountOf(built) ?? null;
  const template =
    serviceAccountName !== null || serviceAccountOf(live) !== undefined
      ? { template: { serviceAccountName } }
      : {};
  return { spec: { triggers: built.spec.triggers, ...template } };
}

/** Whether the live Sensor already fires `desired`'s trigger, as its service account. */
export function sameTrigger(live: ArgoSensor, desired: ArgoSensor): boolean {
  return (
    coversFields(live.spec.triggers, desired.spec.triggers) &&
    serviceAccountOf(live) === serviceAccountOf(desired)
  );
}

function serviceAccountOf(sensor: ArgoSensor): string | undefined {
  return (sensor.spec.template as { serviceAccountName?: string } | undefined)
    ?.serviceAccountName;
}

/** A Sensor's trigger in one line, e.g. `http POST <url>` or `k8s create batch/v1/Job`. */
export function describeTrigger(sensor: ArgoSensor): string {
  const template = sensor.spec.triggers[0]?.template as
    | Record<string, any>
    | undefined;
  if (template?.http) {
    return `http ${template.http.method ?? 'POST'} ${template.http.url}`;
  }
  if (template?.k8s) {
    const resource = template.k8s.source?.resource ?? {};
    return `k8s ${template.k8s.operation ?? 'create'} ${resource.apiVersion}/${
      resource.kind
    }`;
  }
  return 'none';
}
