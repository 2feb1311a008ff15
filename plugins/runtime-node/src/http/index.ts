export * from './HttpUpstreamClient';
export { withTimeout, sleep } from './timeouts';
export { mapConcurrently } from './mapConcurrently';
export { httpServiceHeaders, parseTextError } from './httpServiceHeaders';
export { httpServiceClient } from './httpServiceClient';
export type { HttpServiceClientOptions } from './httpServiceClient';
export {
  readUpstreamBody,
  DEFAULT_MAX_RESPONSE_BYTES,
} from './readUpstreamBody';
export type { UpstreamBodyContext } from './readUpstreamBody';
