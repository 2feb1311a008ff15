export { startArgoCdServer } from './startArgoCdServer';
export type { ArgoCdServerOptions } from './startArgoCdServer';
