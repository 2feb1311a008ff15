export {
  startKubernetesServer,
  DEFAULT_READY_AFTER_MS,
} from './startKubernetesServer';
export type {
  KubernetesServerOptions,
  RunningKubernetesServer,
} from './startKubernetesServer';
export type { KubernetesObject } from './objects';
export type { WatchHubOptions } from './watch';
export { DEFAULT_CONTINUE_TOKEN_TTL_MS } from './continueTokens';
