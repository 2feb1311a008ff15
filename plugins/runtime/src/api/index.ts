export * from './RuntimeApi';
export { RuntimeClient } from './RuntimeClient';
