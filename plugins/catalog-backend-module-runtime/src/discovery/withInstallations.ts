import { Entity } from '@backstage/catalog-model';
import { runtimeInstallationAnnotations } from '@runtime-portal/backstage-plugin-runtime-common';
import { EnvironmentInstallations } from './discoverInstallations';

/**
 * A platform-model Component with what each environment has installed of it. `undefined` for an
 * environment means its cluster has not answered yet (`installed.<env>: unknown`).
 */
export function withInstallations(
  component: Entity,
  byEnvironment: Array<[string, EnvironmentInstallations | undefined]>,
): Entity {
  const annotations: Record<string, string> = {
    ...component.metadata.annotations,
  };
  let kubernetesNamespace: string | undefined;
  for (const [environment, installations] of byEnvironment) {
    const keys = runtimeInstallationAnnotations(environment);
    if (!installations) {
      annotations[keys.installed] = 'unknown';
      continue;
    }
    const found = installations.get(component.metadata.name);
    annotations[keys.installed] = String(Boolean(found));
    if (!found) continue;
    if (found.version) annotations[keys.version] = found.version;
    annotations[keys.namespace] = found.namespace;
    annotations[keys.ready] = String(found.ready);
    annotations[keys.replicas] = `${found.readyReplicas}/${found.replicas}`;
    kubernetesNamespace ??= found.namespace;
  }
  if (kubernetesNamespace) {
    annotations['backstage.io/kubernetes-namespace'] = kubernetesNamespace;
  }
  return { ...component, metadata: { ...component.metadata, annotations } };
}
