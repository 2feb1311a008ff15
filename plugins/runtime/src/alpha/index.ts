export { runtimeFrontendPlugin } from './plugin';
