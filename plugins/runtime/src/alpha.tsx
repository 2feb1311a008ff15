/**
 * Runtime Portal frontend plugin for the new frontend system.
 *
 * @packageDocumentation
 */
import { runtimeFrontendPlugin } from './alpha/plugin';

export { runtimeFrontendPlugin };

/**
 * The Runtime Portal frontend plugin (new frontend system).
 *
 * @alpha
 */
export default runtimeFrontendPlugin;
