export { runtimePlugin, RuntimePage } from './plugin';
