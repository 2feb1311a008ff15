import { HarborArtifact, HarborScanSummary } from './types';

/** The report MIME type Harbor keys a vulnerability scan overview by. */
const VULNERABILITY_REPORT =
  'application/vnd.security.vulnerability.report; version=1.1';

/** Harbor's own (older) report type, which a scanner may write instead. */
const NATIVE_REPORT =
  'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0';

/**
 * The `X-Accept-Vulnerabilities` header the client sends: the generic report first, Harbor's native
 * one as the fallback (the first type with a report keys `scan_overview`).
 */
export const ACCEPT_VULNERABILITIES = `${VULNERABILITY_REPORT}, ${NATIVE_REPORT}`;

/** An artifact as Harbor's API answers it (the fields the client reads). */
export type ArtifactJson = {
  digest: string;
  push_time: string;
  size?: number;
  tags?: Array<{ name: string; push_time?: string }> | null;
  scan_overview?: Record<
    string,
    {
      scan_status?: string;
      severity?: string;
      complete_percent?: number;
      start_time?: string;
      end_time?: string;
      summary?: {
        total?: number;
        fixable?: number;
        summary?: Record<string, number> | null;
      } | null;
    }
  > | null;
};

/**
 * The typed artifact; the scan is read from the vulnerability report (another version of it, or
 * Harbor's native report, if 1.1 is absent).
 */
export function toArtifact(json: ArtifactJson): HarborArtifact {
  const overview = json.scan_overview ?? {};
  const report =
    overview[VULNERABILITY_REPORT] ??
    Object.entries(overview).find(([mime]) =>
      mime.startsWith('application/vnd.security.vulnerability.report'),
    )?.[1] ??
    overview[NATIVE_REPORT];
  let scan: HarborScanSummary | undefined;
  if (report) {
    const counts = report.summary?.summary ?? {};
    scan = {
      status: report.scan_status ?? 'Unknown',
      severity: report.severity,
      total: report.summary?.total ?? 0,
      fixable: report.summary?.fixable ?? 0,
      counts: {
        critical: counts.Critical ?? 0,
        high: counts.High ?? 0,
        medium: counts.Medium ?? 0,
        low: counts.Low ?? 0,
      },
      completePercent: report.complete_percent,
      startTime: report.start_time,
      endTime: report.end_time,
    };
  }
  return {
    digest: json.digest,
    pushTime: json.push_time,
    size: json.size,
    tags: (json.tags ?? []).map(tag => ({
      name: tag.name,
      pushTime: tag.push_time,
    })),
    scan,
  };
}
