export * from './RuntimeClients';
export { runtimeClientsServiceRef } from './runtimeClientsServiceRef';
