export { RuntimeClients } from './RuntimeClients';
export type {
  RuntimeClientsService,
  RuntimePlatformClients,
  RuntimeUpstreamClients,
} from './RuntimeClientsService';
export { runtimeClientsServiceRef } from './runtimeClientsServiceRef';
