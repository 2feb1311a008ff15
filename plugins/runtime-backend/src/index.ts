export { runtimePlugin as default } from './plugin';
