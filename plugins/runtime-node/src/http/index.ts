export * from './HttpUpstreamClient';
export { withTimeout, sleep } from './timeouts';
