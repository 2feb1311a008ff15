export { startKubernetesServer } from './startKubernetesServer';
export type {
  KubernetesServerOptions,
  RunningKubernetesServer,
} from './startKubernetesServer';
