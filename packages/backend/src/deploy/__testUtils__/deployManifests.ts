import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository's `deploy/` directory, which a platform team applies with `kubectl apply -k`. */
// Test helper, runs from source only.
// eslint-disable-next-line no-restricted-syntax
export const DEPLOY_DIR = path.resolve(__dirname, '../../../../../deploy');

/** A Kubernetes object as written in a manifest. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: any;
}

/** One object and the file of `deploy/` it comes from. */
export interface Manifest {
  file: string;
  object: ManifestObject;
}

interface Kustomization {
  resources?: string[];
  configMapGenerator?: Array<{
    name: string;
    namespace?: string;
    files?: string[];
    options?: { labels?: Record<string, string> };
  }>;
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  namespace?: string;
}

/** The text of a file under `deploy/`. */
export function readDeployFile(file: string): string {
  return fs.readFileSync(path.join(DEPLOY_DIR, file), 'utf8');
}

/** Every YAML document of a file under `deploy/`, empty documents left out. */
export function readYamlObjects(file: string): ManifestObject[] {
  return parseAllDocuments(readDeployFile(file))
    .map(doc => {
      if (doc.errors.length) {
        throw new Error(
          `${file}: ${doc.errors.map(e => e.message).join('; ')}`,
        );
      }
      return doc.toJS() as ManifestObject | null;
    })
    .filter((o): o is ManifestObject => o !== null);
}

/** `deploy/kustomization.yaml`. */
function readKustomization(): Kustomization {
  const [kustomization] = readYamlObjects('kustomization.yaml');
  return kustomization as unknown as Kustomization;
}

/**
 * The objects `kubectl apply -k deploy/` applies, as kustomize builds them from this kustomization:
 * its resources, the ConfigMaps of its `configMapGenerator` (under their base name: kustomize adds a
 * content hash and rewrites the references) and its `images` set on every container.
 */
export function buildManifests(): Manifest[] {
  const kustomization = readKustomization();
  const manifests: Manifest[] = (kustomization.resources ?? []).flatMap(file =>
    readYamlObjects(file).map(object => ({ file, object })),
  );
  for (const generator of kustomization.configMapGenerator ?? []) {
    const data = Object.fromEntries(
      (generator.files ?? []).map(file => [
        path.basename(file),
        readDeployFile(file),
      ]),
    );
    manifests.push({
      file: 'kustomization.yaml',
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: generator.name,
          ...(generator.namespace ? { namespace: generator.namespace } : {}),
          ...(generator.options?.labels
            ? { labels: generator.options.labels }
            : {}),
        },
        data,
      },
    });
  }
  for (const { object } of manifests) {
    for (const container of podSpecOf(object)?.containers ?? []) {
      const image = kustomization.images?.find(i => i.name === container.image);
      if (image) {
        container.image = `${image.newName ?? image.name}${
          image.newTag ? `:${image.newTag}` : ''
        }`;
      }
    }
  }
  return manifests;
}

/** The pod spec of a workload, if the object is one. */
export function podSpecOf(object: ManifestObject): any | undefined {
  return ['Deployment', 'StatefulSet', 'DaemonSet'].includes(object.kind)
    ? object.spec?.template?.spec
    : undefined;
}

/** The only object of `kind` (and `name`, when given); throws when there is not exactly one. */
export function only(
  manifests: Manifest[],
  kind: string,
  name?: string,
): ManifestObject {
  const found = manifests.filter(
    m =>
      m.object.kind === kind &&
      (name === undefined || m.object.metadata.name === name),
  );
  if (found.length !== 1) {
    throw new Error(
      `expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`,
    );
  }
  return found[0].object;
}
