export * from './HttpUpstreamClient';
export { mapConcurrently } from './mapConcurrently';
export { parseTextError } from './httpServiceHeaders';
export { httpServiceClient } from './httpServiceClient';
export type { HttpServiceClientOptions } from './httpServiceClient';
