import {
  RuntimeHealthState,
  RuntimeVulnerabilitySummary,
} from '@runtime-portal/backstage-plugin-runtime-common';

/** How alarming a status is, which decides its chip's colour and icon. */
export type Tone = 'ok' | 'info' | 'warning' | 'error' | 'neutral';

/** Health at a glance: degraded is an error, unknown is neutral. */
export function healthTone(health: RuntimeHealthState): Tone {
  if (health === 'healthy') return 'ok';
  if (health === 'degraded') return 'error';
  return 'neutral';
}

/** Argo CD sync status: OutOfSync is an error. */
export function syncTone(status: string): Tone {
  if (status === 'Synced') return 'ok';
  if (status === 'OutOfSync') return 'error';
  return 'warning';
}

/** Argo CD health status: Degraded and Missing are errors. */
export function appHealthTone(status: string): Tone {
  switch (status) {
    case 'Healthy':
      return 'ok';
    case 'Degraded':
    case 'Missing':
      return 'error';
    case 'Progressing':
      return 'info';
    case 'Suspended':
      return 'neutral';
    default:
      return 'warning';
  }
}

/** Argo CD sync operation phase: Failed and Error are errors. */
export function syncPhaseTone(phase: string): Tone {
  if (phase === 'Succeeded') return 'ok';
  if (phase === 'Failed' || phase === 'Error') return 'error';
  return 'info';
}

/** GitLab pipeline status: failed is an error, running states are info. */
export function pipelineTone(status: string): Tone {
  switch (status) {
    case 'success':
      return 'ok';
    case 'failed':
      return 'error';
    case 'canceled':
    case 'skipped':
    case 'manual':
      return 'neutral';
    default:
      return 'info';
  }
}

/** Alert severity: critical is an error, warning a warning. */
export function severityTone(severity: string): Tone {
  const s = severity.toLocaleLowerCase('en-US');
  if (s === 'critical' || s === 'error' || s === 'page') return 'error';
  if (s === 'warning' || s === 'high') return 'warning';
  return 'info';
}

/** An image's risk in one label and tone: critical findings are errors, high findings warnings. */
export function imageRisk(v: RuntimeVulnerabilitySummary | undefined): {
  label: string;
  tone: Tone;
} {
  if (!v || v.scanStatus !== 'Success') {
    return {
      label: v ? `Scan: ${v.scanStatus}` : 'Not scanned',
      tone: 'neutral',
    };
  }
  if (v.critical > 0) {
    return {
      label: `${v.critical} critical, ${v.high} high`,
      tone: 'error',
    };
  }
  if (v.high > 0) return { label: `${v.high} high`, tone: 'warning' };
  return { label: 'No critical or high', tone: 'ok' };
}
