import { RuntimeFiringAlert } from './observability';
import { RuntimeSignal, RuntimeSignalStatus } from './signal';

/**
 * The alerts firing for one runtime component in one environment (Alertmanager alerts labelled with
 * the component's namespace there and `service=<component id>`).
 *
 * @public
 */
export interface RuntimeComponentAlerts {
  /** The component's catalog entity, e.g. `component:default/kubeai`. */
  entityRef: string;
  /** The component's id (its entity name). */
  component: string;
  /** The component's title, when its entity has one. */
  title?: string;
  /** The namespace its workloads run in, in this environment. */
  namespace: string;
  /** Most severe first. */
  alerts: RuntimeFiringAlert[];
}

/**
 * A runtime component whose alerts could not be read in an environment while others' could: its
 * namespace belongs to a team (`not-allowed`), or the read failed (`unavailable`).
 *
 * @public
 */
export interface RuntimeComponentAlertsProblem {
  entityRef: string;
  component: string;
  status: RuntimeSignalStatus;
  message?: string;
}

/**
 * The firing alerts of every runtime component in one environment. `alerts` is `unavailable` when the
 * environment's Alertmanager could be read for none of them, `not-configured` without Alertmanager;
 * otherwise `ok` with the components that have alerts firing.
 *
 * @public
 */
export interface RuntimeEnvironmentComponentAlerts {
  environment: string;
  alerts: RuntimeSignal<RuntimeComponentAlerts[]>;
  /** Components whose alerts could not be read while the others' could. */
  problems: RuntimeComponentAlertsProblem[];
}

/**
 * The answer of `GET /api/runtime/alerts`: per configured environment, the firing alerts of the
 * runtime components the caller can see in the catalog, grouped by component.
 *
 * @public
 */
export interface RuntimeComponentAlertsReport {
  environments: RuntimeEnvironmentComponentAlerts[];
}
