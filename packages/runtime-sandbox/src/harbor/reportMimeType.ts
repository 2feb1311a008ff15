import { VULNERABILITY_REPORT_MIME_TYPE } from './seedArtifacts';

/** Harbor's own (older) vulnerability report MIME type, `v1.MimeTypeNativeReport`. */
const NATIVE_REPORT_MIME_TYPE =
  'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0';

/** The `X-Accept-Vulnerabilities` default of Harbor's swagger, used when the header is absent. */
const DEFAULT_ACCEPT = `${VULNERABILITY_REPORT_MIME_TYPE}, ${NATIVE_REPORT_MIME_TYPE}`;

/**
 * The report MIME type a scan overview is keyed by, from `X-Accept-Vulnerabilities`, as Harbor's
 * `parseScanReportMimeTypes` reads it: the known types in the header's order (the native one when
 * none is known), the first one with a report winning. The sandbox's scanner (Trivy) writes both
 * types, so the first accepted one is it.
 */
export function acceptedReportMimeType(header: string | undefined): string {
  const accepted = (header ?? DEFAULT_ACCEPT)
    .split(',')
    .map(type => type.trim())
    .filter(
      type =>
        type === VULNERABILITY_REPORT_MIME_TYPE ||
        type === NATIVE_REPORT_MIME_TYPE,
    );
  return accepted[0] ?? NATIVE_REPORT_MIME_TYPE;
}
