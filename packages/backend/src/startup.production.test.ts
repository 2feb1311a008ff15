import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createClient } from '@redis/client';
import {
  CookieJar,
  openKeycloakLogin,
  startSandbox,
  Sandbox,
} from '@runtime-portal/runtime-sandbox';
import {
  BackendProcess,
  startBackendProcess,
} from './testing/startBackendProcess';

jest.setTimeout(180_000);

// The PostgreSQL and Redis that .ci/services.sh makes sure are running on this machine.
const postgres = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: process.env.POSTGRES_PORT ?? '5432',
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD ?? 'postgres',
};
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `rp_test_${process.pid}_${Date.now()}_`;
const apiToken = `test-token-${Math.random().toString(36).slice(2)}`;

async function dropTestDatabases() {
  const client = new Client({
    ...postgres,
    port: Number(postgres.port),
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows)
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return rows.length as number;
  } finally {
    await client.end();
  }
}

describe('the backend, started with the production configuration (PostgreSQL, Redis)', () => {
  let sandbox: Sandbox;
  let backend: BackendProcess;
  let configDir: string;

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: 'free',
      keycloakRedirectUris: [
        'http://localhost:17207/api/auth/oidc/handler/frame',
      ],
    });
    // The caller's own access: a static service token, as a deployment would grant an automation client.
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-prod-config-'));
    fs.writeFileSync(
      path.join(configDir, 'test.yaml'),
      `backend:\n  auth:\n    externalAccess:\n      - type: static\n        options:\n          token: ${apiToken}\n          subject: startup-test\n`,
    );
    backend = await startBackendProcess({
      configs: [
        'app-config.yaml',
        'app-config.production.yaml',
        path.join(configDir, 'test.yaml'),
      ],
      port: 17207,
      env: {
        NODE_ENV: 'production',
        APP_CONFIG_app_baseUrl: 'http://localhost:17207',
        APP_CONFIG_backend_database_prefix: prefix,
        POSTGRES_HOST: postgres.host,
        POSTGRES_PORT: postgres.port,
        POSTGRES_USER: postgres.user,
        POSTGRES_PASSWORD: postgres.password,
        REDIS_URL: redisUrl,
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
        AUTH_SESSION_SECRET: `session-${Math.random().toString(36).slice(2)}`,
      },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.close();
    if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
    await dropTestDatabases();
  });

  it('starts every plugin with no error in its log', () => {
    expect(backend.logs().join('\n')).toContain(
      'Plugin initialization complete',
    );
    // The frontend bundle is not built for this test (packages/app/dist), so the app plugin says it has
    // nothing to serve; every other error line is a failure.
    const unbuiltFrontend =
      /Can't serve static app content from .*packages\/app\/dist/;
    expect(backend.errorLines().filter(l => !unbuiltFrontend.test(l))).toEqual(
      [],
    );
  });

  it('keeps its plugin databases in PostgreSQL', async () => {
    const client = new Client({
      ...postgres,
      port: Number(postgres.port),
      database: 'postgres',
    });
    await client.connect();
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    await client.end();
    expect(rows.map(r => r.datname)).toEqual(
      expect.arrayContaining([`${prefix}catalog`, `${prefix}scaffolder`]),
    );
  });

  it('answers the catalog and the runtime health for an authorised caller, caching in Redis', async () => {
    const headers = { authorization: `Bearer ${apiToken}` };
    const catalog = await fetch(
      `${backend.baseUrl}/api/catalog/entities?limit=1`,
      { headers },
    );
    expect(catalog.status).toBe(200);

    const health = await fetch(`${backend.baseUrl}/api/runtime/health`, {
      headers,
    });
    const { environments } = await health.json();
    expect(environments.map((e: any) => e.name)).toEqual(['staging']);
    expect(environments[0].upstreams.map((u: any) => u.status)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
    ]);

    // The answer was cached through the cache service, i.e. in Redis, under the runtime plugin's keys.
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    try {
      const keys = await redis.keys('runtime:*');
      const decoded = keys.map(k =>
        Buffer.from(k.slice('runtime:'.length), 'base64').toString('utf8'),
      );
      expect(decoded).toContain('health:staging');
    } finally {
      await redis.quit();
    }
  });

  describe('sign-in and org from Keycloak', () => {
    const headers = () => ({ authorization: `Bearer ${apiToken}` });
    const entity = async (ref: string) => {
      const response = await fetch(
        `${backend.baseUrl}/api/catalog/entities/by-name/${ref}`,
        { headers: headers() },
      );
      return response.status === 200 ? response.json() : undefined;
    };
    /** Polls until the catalog holds the entity (the org provider's first run is at startup). */
    const eventually = async (ref: string) => {
      for (let attempt = 0; attempt < 60; attempt++) {
        const found = await entity(ref);
        if (found) return found;
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
      throw new Error(`${ref} never appeared in the catalog`);
    };

    it('has no guest provider', async () => {
      const response = await fetch(
        `${backend.baseUrl}/api/auth/guest/refresh`,
        { headers: { 'x-requested-with': 'XMLHttpRequest' } },
      );
      expect(response.status).toBe(404);
    });

    it("starts the OIDC sign-in at the Keycloak realm's authorization endpoint", async () => {
      const response = await fetch(
        `${backend.baseUrl}/api/auth/oidc/start?env=production`,
        { redirect: 'manual' },
      );
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(
        `${sandbox.urls.keycloak}/realms/runtime/protocol/openid-connect/auth`,
      );
      expect(Object.fromEntries(location.searchParams)).toMatchObject({
        client_id: 'backstage',
        response_type: 'code',
        redirect_uri: `${backend.baseUrl}/api/auth/oidc/handler/frame`,
        scope: expect.stringContaining('openid'),
      });
    });

    it("reads Keycloak's users and groups into the catalog, each user in one team", async () => {
      const maya = await eventually('user/default/maya');
      expect(maya.spec).toMatchObject({
        profile: { email: 'maya@runtime.example', displayName: 'Maya Okafor' },
        memberOf: ['media-team'],
      });
      const paula = await eventually('user/default/paula');
      expect(paula.spec.memberOf).toEqual(['platform-team']);
      const media = await eventually('group/default/media-team');
      expect(media.spec.members).toEqual(['maya']);
      for (const team of ['search-team', 'assistant-team', 'platform-team']) {
        expect(
          (await eventually(`group/default/${team}`)).spec.members,
        ).not.toContain('maya');
      }
      // The example org of local development is not part of production.
      expect(await entity('user/default/guest')).toBeUndefined();
    });

    it('signs a Keycloak user in as the catalog user, owning only their team', async () => {
      await eventually('user/default/maya');
      const browser = new CookieJar();
      const start = await fetch(
        `${backend.baseUrl}/api/auth/oidc/start?${new URLSearchParams({
          env: 'production',
          flow: 'redirect',
          redirectUrl: `${backend.baseUrl}/catalog`,
        })}`,
        { redirect: 'manual' },
      );
      browser.store(start);
      const login = await openKeycloakLogin(start.headers.get('location')!);

      // A wrong password gets no further than Keycloak's login page.
      const refused = await login.submit('maya', 'sandbox-sofia');
      expect(refused.status).toBe(200);

      const callback = await login.followUntil(
        await login.submit('maya', 'sandbox-maya'),
        `${backend.baseUrl}/api/auth/oidc/handler/frame`,
      );
      const handled = await fetch(callback, {
        redirect: 'manual',
        headers: { cookie: browser.header() },
      });
      browser.store(handled);
      expect(handled.headers.get('location')).toBe(
        `${backend.baseUrl}/catalog`,
      );

      const refresh = await fetch(
        `${backend.baseUrl}/api/auth/oidc/refresh?env=production`,
        {
          headers: {
            cookie: browser.header(),
            'x-requested-with': 'XMLHttpRequest',
          },
        },
      );
      expect(refresh.status).toBe(200);
      const { backstageIdentity } = await refresh.json();
      expect(backstageIdentity.identity.userEntityRef).toBe(
        'user:default/maya',
      );
      expect(
        [...backstageIdentity.identity.ownershipEntityRefs].sort(),
      ).toEqual(['group:default/media-team', 'user:default/maya']);
    });
  });
});
