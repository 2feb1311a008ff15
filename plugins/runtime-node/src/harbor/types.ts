/**
 * Options every {@link HarborClient} call takes.
 *
 * @public
 */
export interface HarborCallOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
}

/**
 * Vulnerability counts by severity (zero for a severity the report does not list).
 *
 * @public
 */
export interface HarborVulnerabilityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

/**
 * The summary of an artifact's vulnerability scan.
 *
 * @public
 */
export interface HarborScanSummary {
  /** `Success`, `Running`, `Pending`, `Error`, `Stopped`, `Not Scanned`, ... */
  status: string;
  /** The highest severity found (`Critical`, ..., `None`). */
  severity?: string;
  total: number;
  fixable: number;
  counts: HarborVulnerabilityCounts;
  completePercent?: number;
  startTime?: string;
  endTime?: string;
}

/**
 * An image artifact of a Harbor repository.
 *
 * @public
 */
export interface HarborArtifact {
  digest: string;
  pushTime: string;
  size?: number;
  tags: Array<{ name: string; pushTime?: string }>;
  /** Undefined when the artifact has no vulnerability report. */
  scan?: HarborScanSummary;
}
