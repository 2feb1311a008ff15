import { parseYamlFileCached } from './yamlFileCache';

/** One `x-kubernetes-validations` entry of a CRD schema. */
export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

/**
 * A node of a CRD's structural `openAPIV3Schema` (apiextensions.k8s.io/v1 `JSONSchemaProps`), with
 * the keywords kube-apiserver validates, defaults and prunes with.
 */
export interface StructuralSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, StructuralSchema>;
  additionalProperties?: StructuralSchema | boolean;
  items?: StructuralSchema;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minProperties?: number;
  maxProperties?: number;
  pattern?: string;
  default?: unknown;
  nullable?: boolean;
  'x-kubernetes-validations'?: ValidationRule[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-list-type'?: string;
}

/** A served version of a CustomResourceDefinition with its schema. */
export interface CustomResourceSchema {
  group: string;
  version: string;
  kind: string;
  plural: string;
  schema: StructuralSchema;
}

/**
 * Reads a CustomResourceDefinition manifest (YAML, as upstream projects ship them) and returns its
 * served versions with their `openAPIV3Schema`.
 */
export function loadCustomResourceDefinition(
  file: string,
): CustomResourceSchema[] {
  // Parsed once per file and content on this machine: see parseYamlFileCached.
  const crd = parseYamlFileCached(file) as any;
  if (crd?.kind !== 'CustomResourceDefinition') {
    throw new Error(`${file} is not a CustomResourceDefinition`);
  }
  return (crd.spec.versions as any[])
    .filter(version => version.served)
    .map(version => ({
      group: crd.spec.group,
      version: version.name,
      kind: crd.spec.names.kind,
      plural: crd.spec.names.plural,
      schema: version.schema.openAPIV3Schema as StructuralSchema,
    }));
}
