/**
 * The runtime-provider module for `@backstage/plugin-catalog-backend`
 *
 * @packageDocumentation
 */

export { catalogModuleRuntime as default } from './module';
