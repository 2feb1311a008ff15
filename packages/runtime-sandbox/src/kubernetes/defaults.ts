import { KubernetesObject, isPlainObject } from './objects';
import { ResourceType } from './resources';
import { customResourceSchemaOf } from './validation/customResourceSchemas';
import {
  applyStructuralDefaults,
  pruneNonNullableNullsWithoutDefaults,
} from './validation/structuralDefaulting';
import { defaultSecret } from './validation/secrets';

/**
 * Defaulting applied on every write before validation, as kube-apiserver does: the `default`s of
 * the CRD schemas the sandbox has (KubeAI Model), and the common defaults of the built-in kinds.
 */

function defaultWorkload(kind: string, workload: KubernetesObject) {
  const spec = workload.spec;
  if (!isPlainObject(spec)) return;
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  if (kind === 'Deployment') {
    spec.progressDeadlineSeconds ??= 600;
    spec.strategy ??= {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
    };
  } else {
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.updateStrategy ??= {
      type: 'RollingUpdate',
      rollingUpdate: { partition: 0 },
    };
  }
}

function defaultService(
  service: KubernetesObject,
  old: KubernetesObject | undefined,
  allocateClusterIP: () => string,
) {
  const spec = service.spec;
  if (!isPlainObject(spec)) return;
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.type !== 'ExternalName') {
    spec.clusterIP ??= old?.spec?.clusterIP ?? allocateClusterIP();
    spec.clusterIPs ??= [spec.clusterIP];
  }
  if (Array.isArray(spec.ports)) {
    for (const port of spec.ports) {
      if (!isPlainObject(port)) continue;
      port.protocol ??= 'TCP';
      port.targetPort ??= port.port;
    }
  }
}

function defaultNamespace(namespace: KubernetesObject) {
  namespace.metadata ??= {};
  namespace.metadata.labels = {
    ...namespace.metadata.labels,
    'kubernetes.io/metadata.name': namespace.metadata.name ?? '',
  };
  namespace.spec ??= { finalizers: ['kubernetes'] };
  namespace.status ??= { phase: 'Active' };
}

/** Applies the kind's defaults to `object` in place. */
export function applyDefaults(
  resource: ResourceType,
  object: KubernetesObject,
  old: KubernetesObject | undefined,
  allocateClusterIP: () => string,
) {
  const crd = customResourceSchemaOf(resource);
  if (crd) {
    pruneNonNullableNullsWithoutDefaults(object, crd.schema);
    applyStructuralDefaults(object, crd.schema);
    return;
  }
  switch (resource.kind) {
    case 'Deployment':
    case 'StatefulSet':
      defaultWorkload(resource.kind, object);
      break;
    case 'Service':
      defaultService(object, old, allocateClusterIP);
      break;
    case 'Namespace':
      defaultNamespace(object);
      break;
    case 'Secret':
      defaultSecret(object);
      break;
    case 'Pod':
      if (isPlainObject(object.spec)) object.spec.restartPolicy ??= 'Always';
      object.status ??= { phase: 'Pending' };
      break;
    default:
      break;
  }
}
