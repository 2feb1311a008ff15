import { StatusCause } from '../apiErrors';
import { KubernetesObject, isPlainObject } from '../objects';
import { invalidValue, required } from './fieldErrors';

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * kube-apiserver's `ValidateSecret` (pkg/apis/core/validation): data keys are config keys, and a
 * `kubernetes.io/tls` Secret has `tls.crt` and `tls.key`.
 */
export function validateSecret(object: KubernetesObject): StatusCause[] {
  const secret = object as KubernetesObject & {
    data?: Record<string, unknown>;
    type?: string;
  };
  const data = isPlainObject(secret.data) ? secret.data : {};
  const causes: StatusCause[] = [];
  for (const key of Object.keys(data)) {
    if (!CONFIG_KEY.test(key)) {
      causes.push(
        invalidValue(
          `data[${key}]`,
          key,
          "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        ),
      );
    }
  }
  if (secret.type === 'kubernetes.io/tls') {
    for (const key of ['tls.crt', 'tls.key']) {
      if (data[key] === undefined) causes.push(required(`data[${key}]`));
    }
  }
  return causes;
}

/**
 * What the API server does to a Secret on write: `type` defaults to `Opaque`, and `stringData` is
 * merged into `data` (base64) and dropped, as the v1 conversion does.
 */
export function defaultSecret(object: KubernetesObject) {
  const secret = object as KubernetesObject & {
    data?: Record<string, string>;
    stringData?: Record<string, string>;
    type?: string;
  };
  secret.type ??= 'Opaque';
  if (isPlainObject(secret.stringData)) {
    secret.data = { ...secret.data };
    for (const [key, value] of Object.entries(secret.stringData)) {
      secret.data[key] = Buffer.from(String(value), 'utf8').toString('base64');
    }
    delete secret.stringData;
  }
}
