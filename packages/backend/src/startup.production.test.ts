import { startSandbox, Sandbox } from '@runtime-portal/runtime-sandbox';
import { BackendProcess } from './testing/startBackendProcess';
import {
  oidcRedirectUri,
  startProductionBackend,
} from './testing/startProductionBackend';
import {
  dropTestDatabases,
  flushTestRedisKeys,
  listTestDatabases,
  listTestRedisKeys,
  newTestRun,
} from './testing/testDatabases';
import { signInWithKeycloak } from './testing/signInWithKeycloak';

jest.setTimeout(180_000);

const run = newTestRun();
const apiToken = `test-token-${Math.random().toString(36).slice(2)}`;
const PORT = 17207;

describe('the backend, started with the production configuration (PostgreSQL, Redis)', () => {
  let sandbox: Sandbox;
  let backend: BackendProcess;

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: 'free',
      keycloakRedirectUris: [oidcRedirectUri(PORT)],
    });
    // The caller's own access: a static service token, as a deployment would grant an automation client.
    backend = await startProductionBackend({
      sandbox,
      run,
      port: PORT,
      apiToken,
      subject: 'startup-test',
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.close();
    await dropTestDatabases(run);
    await flushTestRedisKeys(run);
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
    expect(await listTestDatabases(run)).toEqual(
      expect.arrayContaining([
        `${run.databasePrefix}catalog`,
        `${run.databasePrefix}scaffolder`,
      ]),
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

    // The answer was cached through the cache service, i.e. in Redis, under the runtime plugin's keys
    // (in this run's key namespace).
    const pluginPrefix = `${run.redisNamespace}:runtime:`;
    const decoded = (await listTestRedisKeys(run))
      .filter(k => k.startsWith(pluginPrefix))
      .map(k =>
        Buffer.from(k.slice(pluginPrefix.length), 'base64').toString('utf8'),
      );
    expect(decoded).toContain('health:staging');
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
      const signIn = await signInWithKeycloak({
        baseUrl: backend.baseUrl,
        username: 'maya',
        password: 'sandbox-maya',
        // A wrong password gets no further than Keycloak's login page.
        beforeSignIn: async login => {
          const refused = await login.submit('maya', 'sandbox-sofia');
          expect(refused.status).toBe(200);
        },
      });
      expect(signIn.returnedTo).toBe(`${backend.baseUrl}/catalog`);
      expect(signIn.refreshStatus).toBe(200);
      const { identity } = signIn.backstageIdentity;
      expect(identity.userEntityRef).toBe('user:default/maya');
      expect([...identity.ownershipEntityRefs].sort()).toEqual([
        'group:default/media-team',
        'user:default/maya',
      ]);
    });
  });
});
