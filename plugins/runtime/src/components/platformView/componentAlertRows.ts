import {
  RuntimeComponentAlertsReport,
  RuntimeFiringAlert,
  RuntimeSignal,
} from '@runtime-portal/backstage-plugin-runtime-common';

/** One firing alert of a runtime component in one environment, as a table row. */
export interface ComponentAlertRow {
  environment: string;
  entityRef: string;
  component: string;
  title?: string;
  namespace: string;
  alert: RuntimeFiringAlert;
}

/** Why some alerts of an environment could not be read: the whole environment, or one component. */
export interface ComponentAlertsNotice {
  environment: string;
  signal: RuntimeSignal<unknown>;
  /** The component's entity ref, when the notice is about one component only. */
  entityRef?: string;
}

const SEVERITY_ORDER = ['critical', 'warning', 'info'];
const rank = (severity: string) => {
  const index = SEVERITY_ORDER.indexOf(severity.toLocaleLowerCase('en-US'));
  return index < 0 ? SEVERITY_ORDER.length : index;
};

/**
 * The report as rows, most severe first (then by environment and component), and the notices of the
 * environments or components whose alerts could not be read.
 */
export function componentAlertRows(report: RuntimeComponentAlertsReport): {
  rows: ComponentAlertRow[];
  notices: ComponentAlertsNotice[];
} {
  const rows: ComponentAlertRow[] = [];
  const notices: ComponentAlertsNotice[] = [];
  for (const { environment, alerts, problems } of report.environments) {
    if (alerts.status !== 'ok') notices.push({ environment, signal: alerts });
    for (const p of problems) {
      notices.push({
        environment,
        entityRef: p.entityRef,
        signal: { status: p.status, message: p.message, fetchedAt: '' },
      });
    }
    for (const component of alerts.data ?? []) {
      for (const alert of component.alerts) {
        rows.push({
          environment,
          entityRef: component.entityRef,
          component: component.component,
          title: component.title,
          namespace: component.namespace,
          alert,
        });
      }
    }
  }
  rows.sort(
    (a, b) =>
      rank(a.alert.severity) - rank(b.alert.severity) ||
      a.environment.localeCompare(b.environment) ||
      a.component.localeCompare(b.component) ||
      a.alert.name.localeCompare(b.alert.name),
  );
  return { rows, notices };
}
