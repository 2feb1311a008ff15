export { HarborClient } from './HarborClient';
export { parseHarborError } from './parseHarborError';
export type {
  HarborArtifact,
  HarborCallOptions,
  HarborScanSummary,
  HarborVulnerabilityCounts,
} from './types';
