/***/
/**
 * The runtime module for @backstage/plugin-scaffolder-backend.
 *
 * @packageDocumentation
 */

export { scaffolderModuleRuntime as default } from './module';
