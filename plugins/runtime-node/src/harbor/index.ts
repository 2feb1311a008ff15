export { HarborClient } from './HarborClient';
export type {
  HarborArtifact,
  HarborCallOptions,
  HarborScanSummary,
  HarborVulnerabilityCounts,
} from './types';
