/**
 * Runtime Portal frontend plugin.
 *
 * @packageDocumentation
 */
export { runtimePlugin, RuntimePage } from './plugin';
export * from './api';
