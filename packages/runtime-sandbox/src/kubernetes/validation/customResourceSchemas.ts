import path from 'node:path';
import { ResourceType } from '../resources';
import {
  CustomResourceSchema,
  loadCustomResourceDefinition,
} from './crdSchema';

/**
 * The CRDs whose schemas the sandbox enforces, as the upstream projects publish them, each named
 * `<group>_<plural>.yaml` (the name controller-gen gives them).
 */
const CRD_FILES = [
  'kubeai.org_models.yaml',
  'apisix.apache.org_apisixroutes.yaml',
  'apisix.apache.org_apisixtlses.yaml',
  'cert-manager.io_certificates.yaml',
  'cert-manager.io_clusterissuers.yaml',
  'externaldns.k8s.io_dnsendpoints.yaml',
];
/** Where they live (the sandbox always runs from source). */
// eslint-disable-next-line no-restricted-syntax
const CRD_DIR = path.resolve(__dirname, '../crds');

const loaded = new Map<string, CustomResourceSchema[]>();

/**
 * The served versions of the CRD file `<group>_<plural>.yaml`, read on first use and kept for the
 * process: a kind's CRD is parsed only once something writes that kind (the cert-manager CRDs
 * alone take most of a second to parse).
 */
function schemasOf(file: string): CustomResourceSchema[] {
  let schemas = loaded.get(file);
  if (!schemas) {
    schemas = loadCustomResourceDefinition(path.join(CRD_DIR, file));
    loaded.set(file, schemas);
  }
  return schemas;
}

/** The CRD schema of a served custom resource type, or undefined when the sandbox has none. */
export function customResourceSchemaOf(
  resource: ResourceType,
): CustomResourceSchema | undefined {
  if (!resource.custom) return undefined;
  const file = `${resource.group}_${resource.plural}.yaml`;
  if (!CRD_FILES.includes(file)) return undefined;
  return schemasOf(file).find(
    s =>
      s.group === resource.group &&
      s.version === resource.version &&
      s.kind === resource.kind,
  );
}
