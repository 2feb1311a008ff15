export { TempoClient } from './TempoClient';
export type {
  TempoSearchRequest,
  TempoSpan,
  TempoTraceSummary,
} from './TempoClient';
