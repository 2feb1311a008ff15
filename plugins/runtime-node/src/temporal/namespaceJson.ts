import { TemporalNamespace, TemporalNamespaceState } from './types';

const DAY_SECONDS = 24 * 60 * 60;

/** `DescribeNamespaceResponse` in Temporal's JSON, as far as the portal reads it. */
export interface DescribeNamespaceJson {
  namespaceInfo?: {
    name?: string;
    id?: string;
    state?: string | number;
    description?: string;
    ownerEmail?: string;
    data?: Record<string, string>;
  };
  config?: { workflowExecutionRetentionTtl?: string };
}

const STATES: Record<string, TemporalNamespaceState> = {
  NAMESPACE_STATE_REGISTERED: 'Registered',
  NAMESPACE_STATE_DEPRECATED: 'Deprecated',
  NAMESPACE_STATE_DELETED: 'Deleted',
  Registered: 'Registered',
  Deprecated: 'Deprecated',
  Deleted: 'Deleted',
  1: 'Registered',
  2: 'Deprecated',
  3: 'Deleted',
};

/** The portal's summary of a `DescribeNamespaceResponse`. */
export function toTemporalNamespace(
  json: DescribeNamespaceJson,
): TemporalNamespace {
  const info = json.namespaceInfo ?? {};
  const retentionSeconds = durationSeconds(
    json.config?.workflowExecutionRetentionTtl,
  );
  return {
    name: info.name ?? '',
    id: info.id || undefined,
    state: STATES[String(info.state)] ?? 'Unspecified',
    description: info.description || undefined,
    ownerEmail: info.ownerEmail || undefined,
    retentionDays:
      retentionSeconds === undefined
        ? undefined
        : retentionSeconds / DAY_SECONDS,
    data: { ...info.data },
  };
}

/** Days as a `google.protobuf.Duration` JSON value (`"604800s"`). */
export function daysAsDuration(days: number): string {
  return `${Math.round(days * DAY_SECONDS)}s`;
}

/** Seconds of a `google.protobuf.Duration` JSON value; undefined when absent or unreadable. */
function durationSeconds(value: string | undefined): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value ?? '');
  return match ? Number(match[1]) : undefined;
}
