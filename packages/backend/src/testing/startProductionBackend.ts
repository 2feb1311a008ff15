import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Test helper, runs from source only: its imports are the backend's devDependencies.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { Sandbox } from '@runtime-portal/runtime-sandbox';
// eslint-disable-next-line @backstage/no-undeclared-imports
import { parse } from 'yaml';
import {
  BackendProcess,
  REPO_ROOT,
  startBackendProcess,
} from './startBackendProcess';
import { TestRun, testPostgres, testRedisUrl } from './testDatabases';

/** How to start a backend with the production configuration against the sandbox. */
export interface ProductionBackendOptions {
  sandbox: Sandbox;
  run: TestRun;
  port: number;
  /** A static external-access token the test calls the backend with (subject `subject`). */
  apiToken: string;
  subject?: string;
  /**
   * More configuration, laid over app-config.yaml and app-config.production.yaml (plain data, written
   * as a config file: arrays replace the production file's).
   */
  config?: Record<string, unknown>;
}

/**
 * Starts packages/backend as `NODE_ENV=production` with app-config.yaml and app-config.production.yaml,
 * its environment variables pointing at the sandbox, the run's PostgreSQL database prefix and Redis key
 * namespace, and a static external-access token. Several backends started with one `run` are replicas:
 * they share the databases and the cache.
 */
export async function startProductionBackend(
  options: ProductionBackendOptions,
): Promise<BackendProcess> {
  const { sandbox, run, port } = options;
  const baseUrl = `http://localhost:${port}`;
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-prod-config-'));
  const configFile = path.join(configDir, 'test.yaml');
  const locationsFile = path.join(configDir, 'locations.yaml');
  fs.writeFileSync(locationsFile, JSON.stringify(productionLocations()));
  // JSON is YAML: the config file is the data as it is.
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      backend: {
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: {
                token: options.apiToken,
                subject: options.subject ?? 'production-test',
              },
            },
          ],
        },
        cache: { redis: { client: { namespace: run.redisNamespace } } },
      },
      ...options.config,
    }),
  );
  try {
    const backend = await startBackendProcess({
      configs: [
        'app-config.yaml',
        'app-config.production.yaml',
        locationsFile,
        configFile,
      ],
      port,
      env: {
        NODE_ENV: 'production',
        APP_CONFIG_app_baseUrl: baseUrl,
        APP_CONFIG_backend_database_prefix: run.databasePrefix,
        POSTGRES_HOST: testPostgres.host,
        POSTGRES_PORT: testPostgres.port,
        POSTGRES_USER: testPostgres.user,
        POSTGRES_PASSWORD: testPostgres.password,
        REDIS_URL: testRedisUrl,
        RUNTIME_ENVIRONMENT_NAME: 'staging',
        KUBERNETES_API_URL: sandbox.urls.kubernetes,
        KUBERNETES_SERVICE_ACCOUNT_TOKEN: sandbox.credentials.kubernetesToken,
        KUBERNETES_SKIP_TLS_VERIFY: 'true',
        OPENBAO_URL: sandbox.urls.openbao,
        OPENBAO_TOKEN: sandbox.credentials.openbaoToken,
        MINIO_ENDPOINT: sandbox.urls.s3,
        MINIO_ACCESS_KEY: sandbox.credentials.s3AccessKeyId,
        MINIO_SECRET_KEY: sandbox.credentials.s3SecretAccessKey,
        TEMPORAL_HTTP_URL: sandbox.urls.temporal,
        KEYCLOAK_BASE_URL: sandbox.urls.keycloak,
        KEYCLOAK_REALM: 'runtime',
        KEYCLOAK_CLIENT_ID: sandbox.credentials.keycloakClientId,
        KEYCLOAK_CLIENT_SECRET: sandbox.credentials.keycloakClientSecret,
        // One secret for every replica, as a deployment shares it.
        AUTH_SESSION_SECRET: `session-${run.redisNamespace}`,
      },
    });
    return {
      ...backend,
      stop: async () => {
        await backend.stop();
        fs.rmSync(configDir, { recursive: true, force: true });
      },
      kill: async () => {
        await backend.kill();
        fs.rmSync(configDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(configDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * app-config.production.yaml's catalog locations with their file targets resolved from the repository
 * root, the working directory of a deployed backend (the tests run it from packages/backend).
 */
function productionLocations() {
  const production = parse(
    fs.readFileSync(path.join(REPO_ROOT, 'app-config.production.yaml'), 'utf8'),
  );
  const locations = (production.catalog?.locations ?? []).map(
    (location: { type: string; target: string }) =>
      location.type === 'file'
        ? { ...location, target: path.resolve(REPO_ROOT, location.target) }
        : location,
  );
  return { catalog: { locations } };
}

/** The callback URL Keycloak must accept for the OIDC sign-in of a backend on `port`. */
export function oidcRedirectUri(port: number): string {
  return `http://localhost:${port}/api/auth/oidc/handler/frame`;
}
