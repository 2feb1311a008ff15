import { Entity } from '@backstage/catalog-model';
import { runtimeInstallationAnnotations } from '@runtime-portal/backstage-plugin-runtime-common';
import { Tone } from '../shared';

/** The state of a runtime component in one environment, as its discovery annotations say. */
export type InstallationState =
  | 'ready'
  | 'not-ready'
  | 'not-installed'
  | 'unknown';

/** What a runtime component's annotations say about its installation in one environment. */
export interface InstallationStatus {
  environment: string;
  state: InstallationState;
  version?: string;
  namespace?: string;
  /** Ready and desired replicas, e.g. `2/3`. */
  replicas?: string;
}

/** The installation of a runtime Component in an environment, read from its annotations only. */
export function installationStatus(
  entity: Entity,
  environment: string,
): InstallationStatus {
  const keys = runtimeInstallationAnnotations(environment);
  const annotations = entity.metadata.annotations ?? {};
  const installed = annotations[keys.installed];
  if (installed === 'false') return { environment, state: 'not-installed' };
  if (installed !== 'true') return { environment, state: 'unknown' };
  return {
    environment,
    state: annotations[keys.ready] === 'true' ? 'ready' : 'not-ready',
    version: annotations[keys.version],
    namespace: annotations[keys.namespace],
    replicas: annotations[keys.replicas],
  };
}

/** The environments a runtime Component has installation annotations for, in annotation order. */
export function annotatedEnvironments(entity: Entity): string[] {
  const prefix = 'runtime-portal.io/installed.';
  return Object.keys(entity.metadata.annotations ?? {})
    .filter(key => key.startsWith(prefix))
    .map(key => key.slice(prefix.length));
}

/** The label and tone of an installation state's chip. */
export const INSTALLATION_STATES: Record<
  InstallationState,
  { label: string; tone: Tone }
> = {
  ready: { label: 'Ready', tone: 'ok' },
  'not-ready': { label: 'Not ready', tone: 'error' },
  'not-installed': { label: 'Not installed', tone: 'neutral' },
  unknown: { label: 'Unknown', tone: 'warning' },
};
