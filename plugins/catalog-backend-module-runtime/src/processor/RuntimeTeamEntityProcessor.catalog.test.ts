import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  Sandbox,
  sandboxEnvironmentConfig,
  sandboxPlatformConfig,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';
import { catalogModuleRuntime } from '../module';

const run = promisify(execFile);

/** An entity as the catalog serves it, with its processing errors. */
type ProcessedEntity = Entity & {
  status?: {
    items?: Array<{ error: { message: string; cause?: { message: string } } }>;
  };
};

const PROJECT = 'search-team/semantic-search';
const BRANCH = 'catalog-refresh';

function component(owner: string, annotations: Record<string, string> = {}) {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: semantic-search-refresh
  annotations: ${JSON.stringify({
    'gitlab.com/project-slug': PROJECT,
    ...annotations,
  })}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;
}

const GROUP = `---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: search-team-admins
spec:
  type: team
  children: []
`;

const RESOURCE = `---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: dev-bucket-search-index
spec:
  type: bucket
  owner: search-team
`;

// A team's catalog file, registered once, then changed in the team's repository: each refresh of the
// real catalog (reading the sandbox GitLab) runs the module's processor on what the file now says.
describe('RuntimeTeamEntityProcessor in the catalog, on refresh', () => {
  let sandbox: Sandbox;
  let workDir: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    sandbox = await startSandbox({ ports: 'free', readyAfterMs: 0 });
    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'catalog-refresh-'));
    const remote = new URL(`${sandbox.urls.gitlab}/${PROJECT}.git`);
    remote.username = 'oauth2';
    remote.password = sandbox.credentials.gitlabToken;
    await run('git', ['clone', '--quiet', remote.toString(), workDir]);
    await run('git', ['-C', workDir, 'checkout', '--quiet', '-b', BRANCH]);
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleRuntime,
        mockServices.rootConfig.factory({
          data: {
            integrations: sandboxPlatformConfig(sandbox).integrations,
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [
                {
                  allow: ['Component', 'API', 'Resource', 'Group', 'Location'],
                },
              ],
            },
            runtime: {
              environments: [sandboxEnvironmentConfig(sandbox)],
              access: {
                platformAdmins: ['group:default/platform-team'],
                teams: [
                  { group: 'search-team', gitlabGroups: ['search-team'] },
                  { group: 'media-team', gitlabGroups: ['media-team'] },
                ],
              },
            },
          },
        }),
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.close();
    if (workDir) await fs.rm(workDir, { recursive: true, force: true });
  });

  async function commit(content: string) {
    await fs.writeFile(path.join(workDir, 'catalog-info.yaml'), content);
    await run('git', ['-C', workDir, 'add', '.']);
    await run('git', [
      '-C',
      workDir,
      '-c',
      'user.name=Mallory',
      '-c',
      'user.email=mallory@example.com',
      'commit',
      '--quiet',
      '-m',
      'catalog',
    ]);
    await run('git', ['-C', workDir, 'push', '--quiet', 'origin', BRANCH]);
  }

  async function get(ref: string): Promise<Entity | undefined> {
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/catalog/entities/by-name/${ref}`,
      { headers: { Authorization: mockCredentials.service.header() } },
    );
    return response.ok ? response.json() : undefined;
  }

  async function eventually<T>(check: () => Promise<T | undefined>) {
    for (let i = 0; i < 200; i++) {
      const value = await check();
      if (value !== undefined) return value;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error('the catalog never got there');
  }

  /** The entity's processing errors (`status.items`), each as `message: cause`. */
  const errorsOf = (entity: Entity) =>
    ((entity as ProcessedEntity).status?.items ?? []).map(
      item => `${item.error.message}: ${item.error.cause?.message}`,
    );

  it("keeps the team's component as registered when a later commit names media-team and adds a Group and a Resource", async () => {
    await commit(component('search-team'));
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/catalog/locations`,
      {
        method: 'POST',
        headers: {
          Authorization: mockCredentials.service.header(),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          type: 'url',
          target: `${sandbox.urls.gitlab}/${PROJECT}/-/blob/${BRANCH}/catalog-info.yaml`,
        }),
      },
    );
    expect(response.status).toBe(201);
    const registered = await eventually(async () => {
      const entity = await get('component/default/semantic-search-refresh');
      return entity?.relations?.length ? entity : undefined;
    });
    expect(registered.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'search-team',
    });
    expect(registered.relations).toContainEqual({
      type: 'ownedBy',
      targetRef: 'group:default/search-team',
    });
    expect(errorsOf(registered)).toEqual([]);

    await commit(`${component('media-team')}${GROUP}${RESOURCE}`);
    const refused = await eventually(async () => {
      const entity = await get('component/default/semantic-search-refresh');
      return entity && errorsOf(entity).length ? entity : undefined;
    });
    expect(errorsOf(refused)).toEqual([
      expect.stringContaining(
        'Refused: component:default/semantic-search-refresh from the GitLab project search-team/semantic-search of group:default/search-team must be owned by group:default/search-team, not "media-team"',
      ),
    ]);
    expect(refused.spec).toEqual(registered.spec);
    expect(refused.relations).toEqual(registered.relations);
    expect(refused.metadata.annotations).toEqual(
      registered.metadata.annotations,
    );
    expect(await get('group/default/search-team-admins')).toBeUndefined();
    expect(
      await get('resource/default/dev-bucket-search-index'),
    ).toBeUndefined();

    await commit(
      component('search-team', { 'runtime-portal.io/owner': 'search-team' }),
    );
    const annotated = await eventually(async () => {
      const entity = await get('component/default/semantic-search-refresh');
      return entity &&
        errorsOf(entity).some(e => e.includes('runtime-portal.io/owner'))
        ? entity
        : undefined;
    });
    expect(errorsOf(annotated)).toEqual([
      expect.stringContaining(
        "claims the annotation runtime-portal.io/owner, which only the catalog and the Runtime's entity provider set",
      ),
    ]);
    expect(annotated.metadata.annotations).toEqual(
      registered.metadata.annotations,
    );
  }, 60_000);
});
