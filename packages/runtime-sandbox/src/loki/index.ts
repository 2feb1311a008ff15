export { startLokiServer } from './startLokiServer';
export type { LokiServerOptions } from './startLokiServer';
