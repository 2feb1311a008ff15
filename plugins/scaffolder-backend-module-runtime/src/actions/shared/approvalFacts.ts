import { createHash } from 'node:crypto';
import { ProvisioningInput } from './provisioningAction';

/**
 * Whether an input asks for a GPU: its `resourceProfile` (`<profile>:<count>`, as KubeAI names its
 * resource profiles) names a profile with a `gpu` segment, e.g. `nvidia-gpu-l4:1` or
 * `amd-gpu-mi300x:8` (not `cpu:2`).
 */
export function asksForGpu(input: object): boolean {
  const profile = (input as { resourceProfile?: unknown }).resourceProfile;
  if (typeof profile !== 'string') return false;
  const name = profile.split(':')[0];
  return name.split('-').includes('gpu');
}

/** The input fields an approval's summary may show: names and settings, never a secret value. */
const SUMMARY_FIELDS = [
  'name',
  'namespace',
  'resourceProfile',
  'minReplicas',
  'maxReplicas',
  'versioning',
  'expirationDays',
  'schedule',
  'suspended',
  'force',
] as const;

/** One line saying what a run would do, for the approvers: action, names and settings only. */
export function approvalSummary(
  actionId: string,
  input: ProvisioningInput,
): string {
  const fields = SUMMARY_FIELDS.flatMap(field => {
    const value = (input as unknown as Record<string, unknown>)[field];
    return value === undefined || (typeof value === 'object' && value !== null)
      ? []
      : [`${field}=${String(value)}`];
  });
  return `${actionId} for ${input.service} (${input.owner}) in ${
    input.environment
  }${fields.length ? `: ${fields.join(', ')}` : ''}`;
}

/** JSON with object keys sorted, so equal inputs give equal strings. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter(key => (value as Record<string, unknown>)[key] !== undefined)
      .map(
        key =>
          `${JSON.stringify(key)}:${stableJson(
            (value as Record<string, unknown>)[key],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The idempotency key of a registry call's approval: a hash of the action id, the caller and the
 * parsed input, so only the same call by the same caller finds the same request.
 */
export function registryApprovalKey(
  actionId: string,
  caller: string,
  input: unknown,
): string {
  const hash = createHash('sha256')
    .update(stableJson([actionId, caller, input]))
    .digest('hex');
  return `registry:${hash}`;
}

/**
 * The idempotency key of a scaffolder task's approval: the task, the step (a task may run one action
 * in two steps) and the action id.
 */
export function taskApprovalKey(
  actionId: string,
  taskId: string,
  stepId?: string,
): string {
  return `task:${taskId}:${stepId ?? ''}:${actionId}`;
}
