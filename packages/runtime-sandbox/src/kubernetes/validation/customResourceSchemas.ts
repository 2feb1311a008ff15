import path from 'node:path';
import { ResourceType } from '../resources';
import {
  CustomResourceSchema,
  loadCustomResourceDefinition,
} from './crdSchema';

/** The CRDs whose schemas the sandbox enforces, as the upstream projects publish them. */
const CRD_FILES = ['kubeai.org_models.yaml'];
/** Where they live (the sandbox always runs from source). */
// eslint-disable-next-line no-restricted-syntax
const CRD_DIR = path.resolve(__dirname, '../crds');

let loaded: CustomResourceSchema[] | undefined;

function schemas(): CustomResourceSchema[] {
  loaded ??= CRD_FILES.flatMap(file =>
    loadCustomResourceDefinition(path.join(CRD_DIR, file)),
  );
  return loaded;
}

/** The CRD schema of a served custom resource type, or undefined when the sandbox has none. */
export function customResourceSchemaOf(
  resource: ResourceType,
): CustomResourceSchema | undefined {
  if (!resource.custom) return undefined;
  return schemas().find(
    s =>
      s.group === resource.group &&
      s.version === resource.version &&
      s.kind === resource.kind,
  );
}
