import { InputError, NotFoundError } from '@backstage/errors';
import {
  ServiceFactoryTester,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { runtimeClientsServiceRef } from './clients';
import { KubernetesClient } from './kubernetes';
import { runtimeClientsServiceMock } from './testUtils';

const kubernetes: Partial<KubernetesClient> = { get: jest.fn() };
const gitlabAccess = {
  url: 'https://gitlab.test',
  headers: {},
  timeoutMs: 1_000,
};

describe('runtimeClientsServiceMock', () => {
  const service = runtimeClientsServiceMock({
    environments: [{ name: 'prod', title: 'Production' }],
    clients: { dev: { kubernetes }, prod: {} },
    platformAccess: { gitlab: gitlabAccess },
  });

  it('hands out the given client of an environment', () => {
    expect(service.client('dev', 'kubernetes')).toBe(kubernetes);
    expect(service.has('dev', 'kubernetes')).toBe(true);
    expect(service.has('dev', 'openbao')).toBe(false);
  });

  it('lists the given environments first, then those named only by their clients', () => {
    expect(service.environments()).toEqual([
      { name: 'prod', title: 'Production' },
      { name: 'dev', title: 'dev' },
    ]);
  });

  it('fails like the real service for an unknown environment', () => {
    expect(() => service.environment('staging')).toThrow(NotFoundError);
    expect(() => service.client('staging', 'kubernetes')).toThrow(
      /No Runtime environment 'staging' is configured; known: prod, dev/,
    );
    expect(() => service.has('staging', 'kubernetes')).toThrow(NotFoundError);
  });

  it('fails like the real service for an upstream that was not given', () => {
    expect(() => service.client('prod', 'openbao')).toThrow(InputError);
    expect(() => service.client('prod', 'openbao')).toThrow(
      "Runtime environment 'prod' has no openbao configured",
    );
  });

  it('answers platform clients and access as given', () => {
    expect(service.platformClient('gitlab')).toBeUndefined();
    expect(service.platformAccess('gitlab')).toBe(gitlabAccess);
    expect(service.platformAccess('harbor')).toBeUndefined();
  });

  it('knows no environment when given nothing', () => {
    const empty = runtimeClientsServiceMock();
    expect(empty.environments()).toEqual([]);
    expect(() => empty.environment('dev')).toThrow(/known: none/);
  });

  it('provides the given clients through its factory', async () => {
    const subject = await ServiceFactoryTester.from(
      runtimeClientsServiceMock.factory({ clients: { dev: { kubernetes } } }),
    ).getSubject();
    expect(subject.client('dev', 'kubernetes')).toBe(kubernetes);
  });

  it('replaces the default service in a test backend', async () => {
    const seen: string[] = [];
    await startTestBackend({
      features: [
        runtimeClientsServiceMock.factory({ clients: { dev: { kubernetes } } }),
        createBackendPlugin({
          pluginId: 'probe',
          register(env) {
            env.registerInit({
              deps: {
                clients: runtimeClientsServiceRef,
                logger: coreServices.logger,
              },
              async init({ clients }) {
                seen.push(...clients.environments().map(e => e.name));
              },
            });
          },
        }),
      ],
    });
    expect(seen).toEqual(['dev']);
  });

  it('makes a mock whose methods are jest functions, partly implemented by the caller', () => {
    const mock = runtimeClientsServiceMock.mock({
      environments: () => [{ name: 'dev', title: 'Dev' }],
    });
    expect(mock.environments()).toEqual([{ name: 'dev', title: 'Dev' }]);
    expect(mock.environments).toHaveBeenCalledTimes(1);
    expect(mock.client('dev', 'kubernetes')).toBeUndefined();
    expect(mock.client).toHaveBeenCalledWith('dev', 'kubernetes');
    expect(mock.factory).toBeDefined();
  });
});
