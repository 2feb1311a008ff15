import { z as zod } from 'zod/v3';

type Z = typeof zod;

/**
 * The model sources KubeAI v0.14.0 (the Runtime's) accepts without a `cacheProfile`, which the
 * actions do not set: its CRD refuses `s3://`, `gs://` and `oss://` urls without one.
 */
const MODEL_URL = /^(hf|pvc|ollama):\/\/\S+$/;
const RESOURCE_PROFILE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?:[1-9][0-9]*$/;
const MAX_URL = 2048;

/** A Model's `spec.url`: hf://, pvc:// or ollama://, bounded. */
export const modelUrlField = (z: Z, description: string) =>
  z
    .string()
    .max(MAX_URL, `must be at most ${MAX_URL} characters`)
    .regex(
      MODEL_URL,
      'must start with hf://, pvc:// or ollama:// and name the model',
    )
    .describe(description);

/** A Model's `spec.resourceProfile`: `<profile>:<count>`. */
export const resourceProfileField = (z: Z) =>
  z
    .string()
    .max(128, 'must be at most 128 characters')
    .regex(
      RESOURCE_PROFILE,
      'must be <profile>:<count>, e.g. nvidia-gpu-l4:1 or cpu:2',
    )
    .describe('KubeAI resource profile and count, e.g. nvidia-gpu-l4:1');

/** A Model's `spec.minReplicas` (no default: the create action adds one). */
export const minReplicasField = (z: Z) =>
  z
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(100, 'must be at most 100');

/** A Model's `spec.maxReplicas` (no default: the create action derives one). */
export const maxReplicasField = (z: Z) =>
  z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100');

/** How long a step waits for the Model's replicas, in seconds (0: not at all). */
export const waitTimeoutSecondsField = (z: Z, description: string) =>
  z
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(1800, 'must be at most 1800')
    .default(120)
    .describe(description);

/** The `maxReplicas` problem of a replica range, or `undefined` when min ≤ max. */
export function replicaRangeProblem(
  minReplicas: number,
  maxReplicas: number | undefined,
): string | undefined {
  return maxReplicas !== undefined && maxReplicas < minReplicas
    ? `must be at least minReplicas (${minReplicas})`
    : undefined;
}
