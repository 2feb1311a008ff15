export { RuntimeRoutes } from './RuntimeRoutes';
