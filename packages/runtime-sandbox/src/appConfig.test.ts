import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { ENVIRONMENT_UPSTREAMS } from './environmentUpstreams';
import {
  DEFAULT_SANDBOX_PORTS,
  sandboxEnvironmentConfig,
} from './startSandbox';
import { PROD_SANDBOX_PORTS } from './startProdSandbox';
import { DEFAULT_SANDBOX_CREDENTIALS } from './types';

// eslint-disable-next-line no-restricted-syntax
const APP_CONFIG = path.resolve(__dirname, '../../../app-config.yaml');

/** The config `sandboxEnvironmentConfig` gives for a sandbox on `ports`. */
function expectedEnvironment(name: string, ports: Record<string, number>) {
  const urls = Object.fromEntries(
    ENVIRONMENT_UPSTREAMS.map(u => [u, `http://127.0.0.1:${ports[u]}`]),
  ) as Record<(typeof ENVIRONMENT_UPSTREAMS)[number], string>;
  return sandboxEnvironmentConfig(
    {
      urls,
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      adminCredentials: DEFAULT_SANDBOX_CREDENTIALS,
      stopUpstream: async () => {},
      startUpstream: async () => {},
      snapshot: async () => {
        throw new Error('not running');
      },
      close: async () => {},
    },
    name,
  );
}

describe("app-config.yaml's sandbox environments", () => {
  const config = yaml.parse(fs.readFileSync(APP_CONFIG, 'utf8'));

  it('reach the dev and prod sandboxes on their default ports as the portal', () => {
    const environments = config.runtime.environments;
    expect(environments.map((e: { name: string }) => e.name)).toEqual([
      'dev',
      'prod',
    ]);
    expect(environments[0]).toMatchObject(
      expectedEnvironment('dev', DEFAULT_SANDBOX_PORTS),
    );
    expect(environments[1]).toMatchObject({
      title: 'Production (sandbox)',
      ...expectedEnvironment('prod', PROD_SANDBOX_PORTS),
    });
  });

  it("give the Kubernetes plugin a cluster per environment, on its sandbox's Kubernetes", () => {
    const [{ clusters }] = config.kubernetes.clusterLocatorMethods;
    expect(
      clusters.map((c: { name: string; url: string }) => `${c.name} ${c.url}`),
    ).toEqual([
      `dev http://127.0.0.1:${DEFAULT_SANDBOX_PORTS.kubernetes}`,
      `prod http://127.0.0.1:${PROD_SANDBOX_PORTS.kubernetes}`,
    ]);
  });
});
