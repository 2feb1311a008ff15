import { KubeApiError } from '../apiErrors';

/**
 * 422 for PatchOptions that do not fit the patch type (`validation.ValidatePatchOptions`), from a
 * `field: message` cause: `PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: ...`.
 */
export function patchOptionsInvalid(cause: string): KubeApiError {
  const [field, ...rest] = cause.split(': ');
  return new KubeApiError(
    422,
    'Invalid',
    `PatchOptions.meta.k8s.io "" is invalid: ${cause}`,
    {
      group: 'meta.k8s.io',
      kind: 'PatchOptions',
      causes: [
        { reason: 'FieldValueInvalid', message: rest.join(': '), field },
      ],
    },
  );
}
