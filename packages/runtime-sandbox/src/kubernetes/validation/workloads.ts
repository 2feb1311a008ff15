import { StatusCause } from '../apiErrors';
import { KubernetesObject, isPlainObject } from '../objects';
import { invalidValue, required } from './fieldErrors';
import { validateSecret } from './secrets';

/**
 * The few built-in validation rules of Deployments, StatefulSets, Pods and Services that callers
 * hit in practice (missing selector or containers, a selector that does not match the template,
 * negative replicas, a Service without ports). The rest of kube-apiserver's validation is out of
 * scope for the sandbox.
 */

function formatLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels).map(([k, v]) => `"${k}":"${v}"`);
  return `map[string]string{${entries.join(', ')}}`;
}

function validatePodSpec(causes: StatusCause[], field: string, spec: unknown) {
  const containers = isPlainObject(spec) ? spec.containers : undefined;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push(required(`${field}.containers`));
  }
}

function validateWorkload(object: KubernetesObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = object.spec ?? {};
  if (
    spec.replicas !== undefined &&
    (!Number.isInteger(spec.replicas) || spec.replicas < 0)
  ) {
    causes.push(
      invalidValue(
        'spec.replicas',
        spec.replicas,
        'must be greater than or equal to 0',
      ),
    );
  }
  const matchLabels = spec.selector?.matchLabels;
  if (
    !isPlainObject(spec.selector) ||
    (!matchLabels && !spec.selector.matchExpressions)
  ) {
    causes.push(required('spec.selector'));
  }
  const templateLabels = spec.template?.metadata?.labels ?? {};
  if (
    isPlainObject(matchLabels) &&
    Object.entries(matchLabels).some(([k, v]) => templateLabels[k] !== v)
  ) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${formatLabels(
        templateLabels,
      )}: \`selector\` does not match template \`labels\``,
      field: 'spec.template.metadata.labels',
    });
  }
  validatePodSpec(causes, 'spec.template.spec', spec.template?.spec);
  return causes;
}

function validatePod(object: KubernetesObject): StatusCause[] {
  const causes: StatusCause[] = [];
  validatePodSpec(causes, 'spec', object.spec);
  return causes;
}

function validateService(object: KubernetesObject): StatusCause[] {
  const spec = object.spec ?? {};
  const headless = spec.clusterIP === 'None';
  const ports = spec.ports;
  if (
    !headless &&
    spec.type !== 'ExternalName' &&
    (!Array.isArray(ports) || ports.length === 0)
  ) {
    return [required('spec.ports')];
  }
  return [];
}

/** Validates a built-in workload kind; other kinds pass. */
export function validateBuiltIn(
  kind: string,
  object: KubernetesObject,
): StatusCause[] {
  switch (kind) {
    case 'Deployment':
    case 'StatefulSet':
      return validateWorkload(object);
    case 'Pod':
      return validatePod(object);
    case 'Service':
      return validateService(object);
    case 'Secret':
      return validateSecret(object);
    default:
      return [];
  }
}
