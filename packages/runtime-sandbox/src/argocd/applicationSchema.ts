import path from 'node:path';
import { StatusCause } from '../kubernetes/apiErrors';
import { ResourceType, qualifiedKind } from '../kubernetes/resources';
import {
  CustomResourceSchema,
  loadCustomResourceDefinition,
} from '../kubernetes/validation/crdSchema';
import { validateCustomResource } from '../kubernetes/validation/customResources';
import { validateObjectMeta } from '../kubernetes/validation/objectMeta';
import { KubernetesObject } from '../kubernetes/objects';

/** Argo CD's Application CRD as v3.5.1 ships it (`crds/application-crd.yaml`, header names the source). */
// eslint-disable-next-line no-restricted-syntax
const CRD_FILE = path.resolve(__dirname, 'crds/application-crd.yaml');

/** The `applications.argoproj.io` resource, as kube-apiserver serves the CRD. */
const APPLICATION: ResourceType = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind: 'Application',
  listKind: 'ApplicationList',
  plural: 'applications',
  singular: 'application',
  shortNames: ['app', 'apps'],
  namespaced: true,
  custom: true,
  statusSubresource: false,
  nameRule: 'subdomain',
};

let loaded: CustomResourceSchema | undefined;

function applicationSchema(): CustomResourceSchema {
  loaded ??= loadCustomResourceDefinition(CRD_FILE).find(
    crd => crd.version === APPLICATION.version,
  );
  if (!loaded) throw new Error(`${CRD_FILE} serves no ${APPLICATION.version}`);
  return loaded;
}

/**
 * Validates an Application as the Kubernetes API validates it when Argo CD's API server creates
 * it: the object's metadata (name, labels, annotations) and Argo CD's own CRD schema, with the
 * sandbox Kubernetes API's structural-schema validator. Answers kube-apiserver's `Invalid` message
 * (`Application.argoproj.io "x" is invalid: spec.source.repoURL: Required value`), or undefined
 * when the object is valid.
 */
export function applicationInvalidMessage(
  application: KubernetesObject,
): string | undefined {
  const object = {
    ...application,
    apiVersion: `${APPLICATION.group}/${APPLICATION.version}`,
    kind: APPLICATION.kind,
  } as KubernetesObject;
  const causes: StatusCause[] = validateObjectMeta(APPLICATION, object);
  causes.push(
    ...validateCustomResource(applicationSchema(), object, undefined, causes),
  );
  if (causes.length === 0) return undefined;
  const rendered = causes.map(c =>
    c.field ? `${c.field}: ${c.message}` : c.message ?? '',
  );
  return `${qualifiedKind(APPLICATION)} "${
    object.metadata?.name ?? ''
  }" is invalid: ${
    rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`
  }`;
}
