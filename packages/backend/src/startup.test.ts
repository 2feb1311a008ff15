import {
  startSandbox,
  sandboxEnvironmentConfig,
  sandboxPlatformConfig,
  sandboxKeycloakConfig,
  Sandbox,
} from '@runtime-portal/runtime-sandbox';
import {
  BackendProcess,
  guestToken,
  startBackendProcess,
} from './testing/startBackendProcess';

jest.setTimeout(180_000);

const PLUGINS = [
  'app',
  'auth',
  'catalog',
  'kubernetes',
  'permission',
  'proxy',
  'runtime',
  'scaffolder',
  'search',
];

describe('the backend, started with the development configuration (SQLite, local sandbox)', () => {
  let sandbox: Sandbox;
  let backend: BackendProcess;

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: 'free',
    });
    backend = await startBackendProcess({
      configs: ['app-config.yaml'],
      port: 17107,
      env: {
        APP_CONFIG_runtime_environments: JSON.stringify([
          sandboxEnvironmentConfig(sandbox),
        ]),
        APP_CONFIG_runtime_harbor: JSON.stringify(
          sandboxPlatformConfig(sandbox).harbor,
        ),
        APP_CONFIG_integrations_gitlab: JSON.stringify(
          sandboxPlatformConfig(sandbox).integrations.gitlab,
        ),
        // Sign-in and the org from the sandbox's Keycloak, on its free port.
        APP_CONFIG_auth_providers_oidc_development_metadataUrl:
          sandboxKeycloakConfig(sandbox).oidc.metadataUrl,
        APP_CONFIG_catalog_providers_keycloakOrg_default_baseUrl:
          sandboxKeycloakConfig(sandbox).keycloakOrg.baseUrl,
      },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.close();
  });

  it('starts every plugin with no error in its log', () => {
    const started = backend
      .logs()
      .find(l => l.includes('Plugin initialization started'))!;
    for (const plugin of PLUGINS) expect(started).toContain(`'${plugin}'`);
    expect(backend.errorLines()).toEqual([]);
  });

  it('answers /api/runtime/health with every upstream of the sandbox reachable', async () => {
    const token = await guestToken(backend.baseUrl);
    const response = await fetch(`${backend.baseUrl}/api/runtime/health`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const { environments } = await response.json();
    expect(environments.map((e: any) => e.name)).toEqual(['dev']);
    expect(
      environments[0].upstreams.map((u: any) => `${u.upstream}:${u.status}`),
    ).toEqual([
      'kubernetes:ok',
      'openbao:ok',
      'objectStorage:ok',
      'temporal:ok',
      'prometheus:ok',
      'alertmanager:ok',
      'loki:ok',
      'tempo:ok',
      'grafana:ok',
      'argocd:ok',
      'postgres:ok',
    ]);
  });

  it('answers /api/catalog/entities for a signed-in user, and refuses anonymous callers', async () => {
    const anonymous = await fetch(`${backend.baseUrl}/api/catalog/entities`);
    expect(anonymous.status).toBe(401);

    const token = await guestToken(backend.baseUrl);
    const response = await fetch(
      `${backend.baseUrl}/api/catalog/entities?filter=kind=group`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(response.status).toBe(200);
    expect(Array.isArray(await response.json())).toBe(true);
  });
});
