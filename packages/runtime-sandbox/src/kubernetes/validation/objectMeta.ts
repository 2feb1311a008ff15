import { StatusCause } from '../apiErrors';
import { labelKeyProblem, labelValueProblem } from '../labelSelector';
import { KubernetesObject, isPlainObject } from '../objects';
import { ResourceType } from '../resources';
import { invalidValue, required } from './fieldErrors';

const SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const NAME_RULES = {
  subdomain: {
    pattern: SUBDOMAIN,
    max: 253,
    message:
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  },
  label: {
    pattern: LABEL,
    max: 63,
    message:
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  },
  dns1035: {
    pattern: DNS1035,
    max: 63,
    message:
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
  },
};

/**
 * `path.IsValidPathSegmentName`, the rule of RBAC names (which may hold `:`, as `system:discovery`
 * does): not `.` or `..`, and neither `/` nor `%`.
 */
function pathSegmentProblems(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%']
    .filter(illegal => name.includes(illegal))
    .map(illegal => `may not contain '${illegal}'`);
}

const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** The problems of a name under the kind's rule (DNS-1123 subdomain or label, DNS-1035 label, path segment). */
function nameProblems(resource: ResourceType, name: string): string[] {
  if (resource.nameRule === 'pathSegment') return pathSegmentProblems(name);
  const rule = NAME_RULES[resource.nameRule];
  const problems: string[] = [];
  if (name.length > rule.max)
    problems.push(`must be no more than ${rule.max} characters`);
  if (!rule.pattern.test(name)) problems.push(rule.message);
  return problems;
}

/** Validates `metadata`: the name, labels and annotations, as ValidateObjectMeta does. */
export function validateObjectMeta(
  resource: ResourceType,
  object: KubernetesObject,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const meta = object.metadata ?? {};
  if (!meta.name) {
    causes.push(required('metadata.name', 'name or generateName is required'));
  } else {
    for (const problem of nameProblems(resource, meta.name)) {
      causes.push(invalidValue('metadata.name', meta.name, problem));
    }
  }
  if (meta.labels !== undefined) {
    if (!isPlainObject(meta.labels)) {
      causes.push(
        invalidValue(
          'metadata.labels',
          meta.labels,
          'must be a map of strings',
        ),
      );
    } else {
      for (const [key, value] of Object.entries(meta.labels)) {
        const keyProblem = labelKeyProblem(key);
        if (keyProblem)
          causes.push(invalidValue('metadata.labels', key, keyProblem));
        const valueProblem =
          typeof value === 'string'
            ? labelValueProblem(value)
            : 'must be a string';
        if (valueProblem)
          causes.push(invalidValue(`metadata.labels`, value, valueProblem));
      }
    }
  }
  if (meta.annotations !== undefined) {
    if (!isPlainObject(meta.annotations)) {
      causes.push(
        invalidValue(
          'metadata.annotations',
          meta.annotations,
          'must be a map of strings',
        ),
      );
    } else {
      let size = 0;
      for (const [key, value] of Object.entries(meta.annotations)) {
        const keyProblem = labelKeyProblem(key);
        if (keyProblem)
          causes.push(invalidValue('metadata.annotations', key, keyProblem));
        size += key.length + String(value).length;
      }
      if (size > MAX_ANNOTATIONS_BYTES) {
        causes.push({
          reason: 'FieldValueTooLong',
          message: `Too long: must have at most ${MAX_ANNOTATIONS_BYTES} bytes`,
          field: 'metadata.annotations',
        });
      }
    }
  }
  return causes;
}
