import { RuntimeSignal } from './signal';

/**
 * How many of a runtime component's scrape targets answer, by Prometheus `up` (job = component id).
 *
 * @public
 */
export interface RuntimeComponentTargets {
  component: string;
  up: number;
  targets: number;
}

/**
 * A Grafana dashboard of a runtime component (tagged `runtime` and the component id).
 *
 * @public
 */
export interface RuntimeComponentDashboard {
  component: string;
  title: string;
  url: string;
}

/**
 * The answer of `GET /api/runtime/components/health`: per environment, Prometheus `up` of the
 * runtime components (the catalog holds their workload readiness) and their Grafana dashboards.
 *
 * @public
 */
export interface RuntimeComponentsHealth {
  environments: Array<{
    environment: string;
    targets: RuntimeSignal<RuntimeComponentTargets[]>;
    dashboards: RuntimeSignal<RuntimeComponentDashboard[]>;
  }>;
}
