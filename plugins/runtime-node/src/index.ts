/**
 * Runtime Portal backend library: the runtime configuration and one typed client per Runtime upstream.
 *
 * @packageDocumentation
 */

export * from './access';
export * from './audit';
export * from './cache';
export * from './clients';
export * from './config';
export * from './errors';
export * from './http';
export * from './kubernetes';
export * from './openbao';
export * from './permissions';
export * from './objectStorage';
export * from './temporal';
export * from './events';
export * from './prometheus';
export * from './alertmanager';
export * from './loki';
export * from './tempo';
export * from './grafana';
export * from './argocd';
export * from './gitlab';
export * from './harbor';
