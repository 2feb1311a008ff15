export { LokiClient, buildStreamSelector } from './LokiClient';
export type { LokiLogLine, LokiQueryRangeRequest } from './LokiClient';
