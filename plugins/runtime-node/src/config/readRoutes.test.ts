import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { isDnsName, readRoutes } from './readRoutes';
import { readRuntimeEnvironments } from './readRuntimeEnvironments';

const read = (routes: JsonObject | undefined) =>
  readRoutes(
    routes === undefined ? undefined : new ConfigReader(routes),
    'runtime.environments[0].routes',
  );

describe('readRoutes', () => {
  it('reads domains, the issuer, the ingress class and the gateway', () => {
    expect(
      read({
        domains: ['apps.dev.example.com', 'dev.example.org'],
        clusterIssuer: 'letsencrypt.prod',
        ingressClassName: 'apisix',
        gateway: { namespace: 'edge', service: 'apisix-gw' },
      }),
    ).toEqual({
      domains: ['apps.dev.example.com', 'dev.example.org'],
      clusterIssuer: 'letsencrypt.prod',
      ingressClassName: 'apisix',
      gateway: { namespace: 'edge', service: 'apisix-gw' },
    });
  });

  it("defaults the gateway to APISIX's namespace in the platform model and its chart's Service", () => {
    expect(
      read({ domains: ['apps.dev.example.com'], clusterIssuer: 'ca' }),
    ).toEqual({
      domains: ['apps.dev.example.com'],
      clusterIssuer: 'ca',
      gateway: { namespace: 'runtime-network', service: 'apisix-gateway' },
    });
  });

  it('is undefined without the block', () => {
    expect(read(undefined)).toBeUndefined();
  });

  it.each([
    [{ clusterIssuer: 'ca' }, /domains/],
    [
      { domains: [], clusterIssuer: 'ca' },
      /'.*routes\.domains': list at least one/,
    ],
    [
      { domains: ['Apps.Example.com'], clusterIssuer: 'ca' },
      /'runtime\.environments\[0\]\.routes\.domains\[0\]': 'Apps\.Example\.com' is not a DNS name/,
    ],
    [{ domains: ['*.example.com'], clusterIssuer: 'ca' }, /domains\[0\]/],
    [{ domains: ['localhost'], clusterIssuer: 'ca' }, /domains\[0\]/],
    [{ domains: ['example.com.'], clusterIssuer: 'ca' }, /domains\[0\]/],
    [
      { domains: ['a.example.com', 'a.example.com'], clusterIssuer: 'ca' },
      /domains\[1\]': 'a\.example\.com' is listed twice/,
    ],
    [
      { domains: ['a.example.com'] },
      /Missing required config value at '.*routes\.clusterIssuer'/,
    ],
    [
      { domains: ['a.example.com'], clusterIssuer: 'Runtime CA' },
      /routes\.clusterIssuer': 'Runtime CA' is not a ClusterIssuer name/,
    ],
    [
      {
        domains: ['a.example.com'],
        clusterIssuer: 'ca',
        ingressClassName: 'a/b',
      },
      /routes\.ingressClassName'/,
    ],
    [
      {
        domains: ['a.example.com'],
        clusterIssuer: 'ca',
        gateway: { namespace: 'runtime.network' },
      },
      /routes\.gateway\.namespace': 'runtime\.network' is not a namespace name/,
    ],
    [
      {
        domains: ['a.example.com'],
        clusterIssuer: 'ca',
        gateway: { service: 'APISIX' },
      },
      /routes\.gateway\.service': 'APISIX' is not a Service name/,
    ],
  ])('refuses %j naming the key', (routes, message) => {
    expect(() => read(routes as JsonObject)).toThrow(message);
  });

  it('is read as the environment’s routes', () => {
    const [env] = readRuntimeEnvironments(
      new ConfigReader({
        runtime: {
          environments: [
            {
              name: 'dev',
              routes: {
                domains: ['apps.dev.example.com'],
                clusterIssuer: 'ca',
              },
            },
          ],
        },
      }),
    );
    expect(env.routes?.domains).toEqual(['apps.dev.example.com']);
    expect(() =>
      readRuntimeEnvironments(
        new ConfigReader({
          runtime: {
            environments: [{ name: 'dev', routes: { domains: ['x'] } }],
          },
        }),
      ),
    ).toThrow(/runtime\.environments\[0\]\.routes\.domains\[0\]/);
  });
});

describe('isDnsName', () => {
  it.each([
    ['apps.dev.runtime.local', true],
    ['a.b', true],
    ['search.apps.dev.example.com', true],
    ['example', false],
    ['-a.example.com', false],
    ['a..example.com', false],
    [`${'a'.repeat(64)}.example.com`, false],
    [`${'a.'.repeat(127)}com`, false],
  ])('%s: %s', (name, expected) => {
    expect(isDnsName(name)).toBe(expected);
  });
});
