import * as clientNode from '@kubernetes/client-node';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ManifestObject } from './deployManifests';

type ModelClass = new (data: any) => { validate(): void };

/**
 * The built-in kinds `deploy/` uses: the kubernetes-models class that validates an object against
 * the Kubernetes OpenAPI schema (types, required fields, enums), and the @kubernetes/client-node
 * model whose attribute map lists the fields the API knows.
 */
const BUILT_IN: Record<string, { model: ModelClass; clientType: string }> = {
  'v1/Namespace': { model: Namespace, clientType: 'V1Namespace' },
  'v1/ServiceAccount': {
    model: ServiceAccount,
    clientType: 'V1ServiceAccount',
  },
  'v1/ConfigMap': { model: ConfigMap, clientType: 'V1ConfigMap' },
  'v1/Service': { model: Service, clientType: 'V1Service' },
  'apps/v1/Deployment': { model: Deployment, clientType: 'V1Deployment' },
  'policy/v1/PodDisruptionBudget': {
    model: PodDisruptionBudget,
    clientType: 'V1PodDisruptionBudget',
  },
  'networking.k8s.io/v1/NetworkPolicy': {
    model: NetworkPolicy,
    clientType: 'V1NetworkPolicy',
  },
  'rbac.authorization.k8s.io/v1/ClusterRole': {
    model: ClusterRole,
    clientType: 'V1ClusterRole',
  },
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': {
    model: ClusterRoleBinding,
    clientType: 'V1ClusterRoleBinding',
  },
  'rbac.authorization.k8s.io/v1/Role': { model: Role, clientType: 'V1Role' },
  'rbac.authorization.k8s.io/v1/RoleBinding': {
    model: RoleBinding,
    clientType: 'V1RoleBinding',
  },
};

/** Whether `deploy/`'s tests know the schema of this built-in kind. */
export function isBuiltInKind(object: ManifestObject): boolean {
  return `${object.apiVersion}/${object.kind}` in BUILT_IN;
}

interface AttributeType {
  baseName: string;
  type: string;
}

function attributesOf(type: string): AttributeType[] | undefined {
  const model = (clientNode as unknown as Record<string, any>)[type];
  return typeof model?.getAttributeTypeMap === 'function'
    ? (model.getAttributeTypeMap() as AttributeType[])
    : undefined;
}

/**
 * The paths of fields that the client-node model of `type` does not have, as the API server's
 * strict field validation (kubectl's default) would refuse them.
 */
function unknownFields(value: unknown, type: string, at: string): string[] {
  if (value === null || value === undefined) return [];
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    return Array.isArray(value)
      ? value.flatMap((v, i) => unknownFields(v, array[1], `${at}[${i}]`))
      : [];
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    return Object.entries(value as object).flatMap(([k, v]) =>
      unknownFields(v, map[1], `${at}.${k}`),
    );
  }
  const attributes = attributesOf(type);
  if (!attributes || typeof value !== 'object') return [];
  return Object.entries(value as object).flatMap(([key, v]) => {
    const attribute = attributes.find(a => a.baseName === key);
    return attribute
      ? unknownFields(v, attribute.type, `${at}.${key}`)
      : [`${at}.${key}`];
  });
}

/**
 * The problems of a built-in object against the Kubernetes API: the kubernetes-models validation
 * errors and every field the API does not know. An empty list means it is valid.
 */
export function validateBuiltIn(object: ManifestObject): string[] {
  const known = BUILT_IN[`${object.apiVersion}/${object.kind}`];
  if (!known) return [`no schema for ${object.apiVersion} ${object.kind}`];
  const problems: string[] = [];
  try {
    const { model: KindModel } = known;
    new KindModel(object).validate();
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const field of unknownFields(object, known.clientType, object.kind)) {
    problems.push(`unknown field ${field}`);
  }
  return problems;
}

/** The problems of object metadata (a custom resource's, whose CRD schema leaves it open). */
export function validateMetadata(object: ManifestObject): string[] {
  return unknownFields(
    object.metadata,
    'V1ObjectMeta',
    `${object.kind}.metadata`,
  ).map(field => `unknown field ${field}`);
}
