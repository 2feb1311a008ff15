import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { ManifestObject } from './deployManifests';

/**
 * The CRDs of the custom resources `deploy/` applies, unchanged from their upstream repositories
 * (each file's header names the repository, path and commit).
 */
const CRD_FILES = [
  'apisix.apache.org_apisixroutes.yaml',
  'apisix.apache.org_apisixtlses.yaml',
  'cert-manager.io_certificates.yaml',
];

// Test helper, runs from source only.
// eslint-disable-next-line no-restricted-syntax
const CRD_DIR = path.join(__dirname, '..', '__fixtures__', 'crds');

interface CrdVersion {
  name: string;
  served: boolean;
  schema: { openAPIV3Schema: Record<string, unknown> };
}

interface Crd {
  spec: {
    group: string;
    names: { kind: string };
    scope: 'Namespaced' | 'Cluster';
    versions: CrdVersion[];
  };
}

/**
 * A structural schema as the API server applies it with strict field validation: an object schema
 * with `properties` accepts no other field unless it says `x-kubernetes-preserve-unknown-fields`.
 */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const node = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === 'properties'
        ? Object.fromEntries(
            Object.entries(value as object).map(([k, v]) => [k, closed(v)]),
          )
        : closed(value),
    ]),
  ) as Record<string, unknown>;
  if (
    node.properties &&
    node.additionalProperties === undefined &&
    !node['x-kubernetes-preserve-unknown-fields']
  ) {
    node.additionalProperties = false;
  }
  return node;
}

/** A custom kind's scope and the validator of each served version's schema. */
interface CustomKind {
  namespaced: boolean;
  validate: ValidateFunction;
}

function loadCustomKinds(): Map<string, CustomKind> {
  // Kubernetes extensions (x-kubernetes-*) and formats such as int-or-string are not JSON Schema.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
  });
  const kinds = new Map<string, CustomKind>();
  for (const file of CRD_FILES) {
    const [crd] = parseAllDocuments(
      fs.readFileSync(path.join(CRD_DIR, file), 'utf8'),
    )
      .map(doc => doc.toJS() as Crd | null)
      .filter((d): d is Crd => d !== null);
    for (const version of crd.spec.versions.filter(v => v.served)) {
      kinds.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, {
        namespaced: crd.spec.scope === 'Namespaced',
        validate: ajv.compile(closed(version.schema.openAPIV3Schema) as object),
      });
    }
  }
  return kinds;
}

let customKinds: Map<string, CustomKind> | undefined;

/** Whether `deploy/`'s tests have the CRD of this custom kind. */
export function isCustomKind(object: ManifestObject): boolean {
  customKinds ??= loadCustomKinds();
  return customKinds.has(`${object.apiVersion}/${object.kind}`);
}

/**
 * The problems of a custom resource against its CRD's schema (closed as with strict field
 * validation), and a missing namespace for a namespaced kind. An empty list means it is valid.
 */
export function validateCustom(object: ManifestObject): string[] {
  customKinds ??= loadCustomKinds();
  const kind = customKinds.get(`${object.apiVersion}/${object.kind}`);
  if (!kind) return [`no CRD for ${object.apiVersion} ${object.kind}`];
  const problems: string[] = [];
  if (!kind.validate(object)) {
    for (const error of kind.validate.errors ?? []) {
      problems.push(
        `${error.instancePath || '/'} ${error.message}${
          error.keyword === 'additionalProperties'
            ? ` (${
                (error.params as { additionalProperty: string })
                  .additionalProperty
              })`
            : ''
        }`,
      );
    }
  }
  if (kind.namespaced && !object.metadata?.namespace) {
    problems.push('metadata.namespace is missing for a namespaced kind');
  }
  return problems;
}
