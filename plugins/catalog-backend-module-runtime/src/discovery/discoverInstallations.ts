import { RUNTIME_COMPONENTS } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  DEPLOYMENT_KIND,
  KubernetesKind,
  KubernetesWorkload,
  STATEFUL_SET_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';

/** How a runtime component is installed in one environment. */
interface ComponentInstallation {
  version?: string;
  namespace: string;
  ready: boolean;
  readyReplicas: number;
  replicas: number;
}

/** Installed components of one environment, by component id; absent ids are not installed. */
export type EnvironmentInstallations = Map<string, ComponentInstallation>;

const NAME_LABEL = 'app.kubernetes.io/name';
const VERSION_LABEL = 'app.kubernetes.io/version';

/** The workload kinds that make up an installation. */
const INSTALLATION_KINDS: readonly KubernetesKind<KubernetesWorkload>[] = [
  DEPLOYMENT_KIND,
  STATEFUL_SET_KIND,
];

/** Selects the workloads of the known runtime components. */
export const INSTALLATION_LABEL_SELECTOR = `${NAME_LABEL} in (${RUNTIME_COMPONENTS.map(
  c => c.id,
).join(',')})`;

/**
 * Reads the Deployments and StatefulSets of the known runtime components (with
 * {@link INSTALLATION_LABEL_SELECTOR}) and sums them up per component.
 */
export async function discoverInstallations(
  readWorkloads: (
    kind: KubernetesKind<KubernetesWorkload>,
  ) => Promise<KubernetesWorkload[]>,
): Promise<EnvironmentInstallations> {
  const installations: EnvironmentInstallations = new Map();
  for (const kind of INSTALLATION_KINDS) {
    for (const workload of await readWorkloads(kind)) {
      add(installations, workload);
    }
  }
  return installations;
}

function add(installations: EnvironmentInstallations, w: KubernetesWorkload) {
  const id = w.metadata.labels?.[NAME_LABEL];
  if (!id) return;
  const replicas = w.spec?.replicas ?? 1;
  const readyReplicas = w.status?.readyReplicas ?? 0;
  const previous = installations.get(id);
  const sumReady = (previous?.readyReplicas ?? 0) + readyReplicas;
  const sumReplicas = (previous?.replicas ?? 0) + replicas;
  installations.set(id, {
    version: previous?.version ?? w.metadata.labels?.[VERSION_LABEL],
    namespace: previous?.namespace ?? w.metadata.namespace ?? '',
    readyReplicas: sumReady,
    replicas: sumReplicas,
    ready: (previous?.ready ?? true) && readyReplicas >= replicas,
  });
}
