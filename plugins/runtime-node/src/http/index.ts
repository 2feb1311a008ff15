export * from './HttpUpstreamClient';
export { withTimeout, sleep } from './timeouts';
export { mapConcurrently } from './mapConcurrently';
