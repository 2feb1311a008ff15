import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { kubernetesProxyPermission } from '@backstage/plugin-kubernetes-common';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  runtimeDeliveryPermissions,
  runtimeSecretCreatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import catalogBackend from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import request from 'supertest';
import {
  rootConfigFactory,
  teamsUserInfoFactory,
  USERS,
} from './__testUtils__/teams';
import { oboAuthFactory } from './testUtils';
import permissionModuleRuntime from '.';

const SEARCH_SERVICE = 'component:default/semantic-search';
const MEDIA_SERVICE = 'component:default/media-transcoder';

function component(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': 'url:https://example.com/x',
        'backstage.io/managed-by-origin-location': 'url:https://example.com/x',
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

/** Two teams' services in the catalog, as the Runtime's entity provider would give them. */
const catalogModuleTeams = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-teams',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'test-teams',
          connect: connection =>
            connection.applyMutation({
              type: 'full',
              entities: [
                component('semantic-search', 'search-team'),
                component('media-transcoder', 'media-team'),
              ].map(entity => ({ entity, locationKey: 'test-teams' })),
            }),
        });
      },
    });
  },
});

describe('the Runtime permission policy in a backend with the catalog', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        permissionBackend,
        permissionModuleRuntime,
        catalogBackend,
        catalogModuleTeams,
        rootConfigFactory,
        teamsUserInfoFactory,
        oboAuthFactory,
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    await waitForEntity(MEDIA_SERVICE);
    await waitForEntity(SEARCH_SERVICE);
  }, 60_000);

  afterAll(async () => stop?.());

  async function waitForEntity(ref: string) {
    for (let i = 0; i < 200; i++) {
      const res = await entity(ref);
      if (res.status === 200) return;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`the catalog never served ${ref}`);
  }

  function entity(ref: string, header = mockCredentials.service.header()) {
    const [kind, rest] = ref.split(':');
    return request(server)
      .get(`/api/catalog/entities/by-name/${kind}/${rest}`)
      .set('authorization', header);
  }

  async function authorize(
    userEntityRef: string,
    items: Array<{ permission: object; resourceRef?: string }>,
  ) {
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('authorization', mockCredentials.user.header(userEntityRef))
      .send({ items: items.map((item, i) => ({ id: String(i), ...item })) });
    expect(res.status).toBe(200);
    return res.body.items.map((item: { result: string }) => item.result);
  }

  it.each(runtimeDeliveryPermissions.map(p => [p.name, p]))(
    '%s: the catalog allows it on the own team’s entity and denies it on another team’s',
    async (_, permission) => {
      expect(
        await authorize(USERS.searchMember, [
          { permission, resourceRef: SEARCH_SERVICE },
          { permission, resourceRef: MEDIA_SERVICE },
        ]),
      ).toEqual([AuthorizeResult.ALLOW, AuthorizeResult.DENY]);
      expect(
        await authorize(USERS.mediaMember, [
          { permission, resourceRef: SEARCH_SERVICE },
          { permission, resourceRef: MEDIA_SERVICE },
        ]),
      ).toEqual([AuthorizeResult.DENY, AuthorizeResult.ALLOW]);
      expect(
        await authorize(USERS.platformAdmin, [
          { permission, resourceRef: SEARCH_SERVICE },
          { permission, resourceRef: MEDIA_SERVICE },
        ]),
      ).toEqual([AuthorizeResult.ALLOW, AuthorizeResult.ALLOW]);
      expect(
        await authorize(USERS.loner, [
          { permission, resourceRef: SEARCH_SERVICE },
        ]),
      ).toEqual([AuthorizeResult.DENY]);
    },
  );

  it('allows provisioning to team members, the cluster proxy only to admins', async () => {
    const permissions = [
      { permission: runtimeSecretCreatePermission },
      { permission: kubernetesProxyPermission },
    ];
    expect(await authorize(USERS.searchMember, permissions)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.DENY,
    ]);
    expect(await authorize(USERS.loner, permissions)).toEqual([
      AuthorizeResult.DENY,
      AuthorizeResult.DENY,
    ]);
    expect(await authorize(USERS.platformAdmin, permissions)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.ALLOW,
    ]);
  });

  it('lets every user read any team’s entity', async () => {
    for (const user of [USERS.searchMember, USERS.loner]) {
      const res = await entity(
        MEDIA_SERVICE,
        mockCredentials.user.header(user),
      );
      expect(res.status).toBe(200);
      expect(res.body.spec.owner).toBe('media-team');
    }
  });

  it('refuses a team member registering a location or removing another team’s entity, which stays as it was', async () => {
    const before = (await entity(MEDIA_SERVICE)).body as Entity;

    const register = await request(server)
      .post('/api/catalog/locations')
      .set('authorization', mockCredentials.user.header(USERS.searchMember))
      .send({ type: 'url', target: 'https://example.com/catalog-info.yaml' });
    expect(register.status).toBe(403);

    const remove = await request(server)
      .delete(`/api/catalog/entities/by-uid/${before.metadata.uid}`)
      .set('authorization', mockCredentials.user.header(USERS.searchMember));
    expect(remove.status).toBe(403);

    const after = (await entity(MEDIA_SERVICE)).body as Entity;
    expect(after.metadata).toEqual(before.metadata);
    expect(after.spec).toEqual(before.spec);
    expect(after.relations).toEqual(before.relations);
  });

  it('refuses catalog:register on a team member’s behalf too: the policy cannot tell it from the member’s own call', async () => {
    // What the scaffolder's catalog:register sends: the initiator's credentials, the scaffolder as actor.
    const fromScaffolder = (user: string) =>
      `Bearer ${mockCredentials.user.token(user, {
        actor: { subject: 'plugin:scaffolder' },
      })}`;
    const register = (user: string) =>
      request(server)
        .post('/api/catalog/locations?dryRun=true')
        .set('authorization', fromScaffolder(user))
        .send({ type: 'url', target: 'https://example.com/catalog-info.yaml' });

    expect((await register(USERS.searchMember)).status).toBe(403);
    // An admin passes the policy; the dry run then fails reading the URL, not on permission.
    expect((await register(USERS.platformAdmin)).status).not.toBe(403);
  });

  it('lets a platform admin remove an entity', async () => {
    const target = (await entity(SEARCH_SERVICE)).body as Entity;
    const remove = await request(server)
      .delete(`/api/catalog/entities/by-uid/${target.metadata.uid}`)
      .set('authorization', mockCredentials.user.header(USERS.platformAdmin));
    expect(remove.status).toBe(204);
    expect((await entity(SEARCH_SERVICE)).status).toBe(404);
  });
});
