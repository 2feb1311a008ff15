export * from './RuntimeUpstreamError';
