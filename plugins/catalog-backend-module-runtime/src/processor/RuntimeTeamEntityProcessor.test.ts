import { createHash } from 'node:crypto';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { LocationSpec } from '@backstage/plugin-catalog-node';
import { readRuntimeAccess } from '@runtime-portal/backstage-plugin-runtime-node';
import { RuntimeTeamEntityProcessor } from './RuntimeTeamEntityProcessor';
import { gitlabProjectResolver } from './gitlabProjectOfLocation';

const config = new ConfigReader({
  integrations: {
    gitlab: [
      {
        host: 'gitlab.example.com',
        apiBaseUrl: 'https://gitlab.example.com/api/v4',
      },
    ],
  },
  runtime: {
    access: {
      platformAdmins: ['group:default/platform-team'],
      teams: [
        { group: 'search-team', gitlabGroups: ['search-team'] },
        { group: 'media-team', gitlabGroups: ['media-team'] },
      ],
    },
  },
});

const processor = new RuntimeTeamEntityProcessor({
  access: readRuntimeAccess(config),
  gitlabProjectOf: gitlabProjectResolver(config),
});

const SEARCH_FILE: LocationSpec = {
  type: 'url',
  target:
    'https://gitlab.example.com/search-team/handbook-qa/-/blob/main/catalog-info.yaml',
};

/** search-team's component as its file has it, with the annotations the catalog sets on reading it. */
function searchComponent(location: LocationSpec = SEARCH_FILE): Entity {
  const ref = `${location.type}:${location.target}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'handbook-qa',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': ref,
        'backstage.io/managed-by-origin-location': ref,
        'gitlab.com/project-slug': 'search-team/handbook-qa',
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'search-team' },
  };
}

/** Runs the processor's pre-processing as the catalog does, on a copy of `entity`. */
async function preProcess(
  entity: Entity,
  location: LocationSpec = SEARCH_FILE,
) {
  return processor.preProcessEntity(
    structuredClone(entity),
    location,
    jest.fn(),
    location,
  );
}

describe('RuntimeTeamEntityProcessor', () => {
  it("accepts a team's Component owned by the team, unchanged", async () => {
    const entity = searchComponent();
    await expect(preProcess(entity)).resolves.toEqual(entity);
  });

  it('accepts an API owned by the team with the full group ref, from a subgroup', async () => {
    const location: LocationSpec = {
      type: 'url',
      target:
        'https://gitlab.example.com/Search-Team/apis/qa-api/-/blob/main/catalog-info.yaml',
    };
    const entity: Entity = {
      ...searchComponent(location),
      kind: 'API',
      spec: {
        type: 'openapi',
        lifecycle: 'production',
        owner: 'group:default/search-team',
        definition: 'openapi: 3.0.0',
      },
    };
    await expect(preProcess(entity, location)).resolves.toEqual(entity);
  });

  it('refuses the same file once it names media-team as the owner', async () => {
    const entity = searchComponent();
    entity.spec!.owner = 'media-team';
    await expect(preProcess(entity)).rejects.toThrow(
      'Refused: component:default/handbook-qa from the GitLab project search-team/handbook-qa of group:default/search-team must be owned by group:default/search-team, not "media-team"',
    );
  });

  it('refuses an owner that is not a group, or none', async () => {
    const user = searchComponent();
    user.spec!.owner = 'user:default/alice';
    await expect(preProcess(user)).rejects.toThrow(
      /must be owned by group:default\/search-team, not "user:default\/alice"/,
    );
    const none = searchComponent();
    delete none.spec!.owner;
    await expect(preProcess(none)).rejects.toThrow(
      /must be owned by group:default\/search-team, not null/,
    );
  });

  it.each([
    ['Group', { type: 'team', children: [] }],
    ['User', { memberOf: ['media-team'] }],
    ['Resource', { type: 'bucket', owner: 'search-team' }],
    ['Location', { targets: ['https://gitlab.example.com/media-team/x'] }],
  ])('refuses a %s added to the file', async (kind, spec) => {
    const entity: Entity = { ...searchComponent(), kind, spec };
    await expect(preProcess(entity)).rejects.toThrow(
      `Refused: ${kind.toLowerCase()}:default/handbook-qa from the GitLab project search-team/handbook-qa of group:default/search-team is a ${kind}; a team's catalog file holds only Component and API entities`,
    );
  });

  it.each([
    ['runtime-portal.io/owner', 'search-team'],
    ['runtime-portal.io/installed.dev', 'true'],
    ['backstage.io/orphan', 'true'],
    [
      'backstage.io/managed-by-location',
      'url:https://gitlab.example.com/media-team/clips/-/blob/main/catalog-info.yaml',
    ],
    ['backstage.io/managed-by-origin-location', 'runtime:dev/models'],
  ])('refuses the reserved annotation %s', async (key, value) => {
    const entity = searchComponent();
    entity.metadata.annotations![key] = value;
    await expect(preProcess(entity)).rejects.toThrow(
      `Refused: component:default/handbook-qa from the GitLab project search-team/handbook-qa of group:default/search-team claims the annotation ${key}, which only the catalog and the Runtime's entity provider set`,
    );
  });

  it('accepts the Location entity the catalog makes for the registered file', async () => {
    const name = `generated-${createHash('sha1')
      .update(`url:${SEARCH_FILE.target}`)
      .digest('hex')}`;
    const registered: Entity = {
      ...searchComponent(),
      kind: 'Location',
      metadata: { ...searchComponent().metadata, name },
      spec: { type: 'url', target: SEARCH_FILE.target },
    };
    await expect(preProcess(registered)).resolves.toEqual(registered);

    const elsewhere = {
      ...registered,
      spec: {
        type: 'url',
        target:
          'https://gitlab.example.com/media-team/clips/-/blob/main/catalog-info.yaml',
      },
    };
    await expect(preProcess(elsewhere)).rejects.toThrow(
      /is a Location; a team's catalog file holds only Component and API entities/,
    );
    const more = {
      ...registered,
      spec: { ...registered.spec, targets: [elsewhere.spec.target] },
    };
    await expect(preProcess(more)).rejects.toThrow(/is a Location/);
  });

  it("checks media-team's own file against media-team", async () => {
    const location: LocationSpec = {
      type: 'url',
      target:
        'https://gitlab.example.com/media-team/clips/-/blob/main/catalog-info.yaml',
    };
    const entity = searchComponent(location);
    await expect(preProcess(entity, location)).rejects.toThrow(
      /from the GitLab project media-team\/clips of group:default\/media-team must be owned by group:default\/media-team, not "search-team"/,
    );
    entity.spec!.owner = 'media-team';
    await expect(preProcess(entity, location)).resolves.toEqual(entity);
  });

  it.each<[string, LocationSpec]>([
    ['a file location', { type: 'file', target: '/catalog/search-team.yaml' }],
    [
      'a platform GitLab project outside the team groups',
      {
        type: 'url',
        target:
          'https://gitlab.example.com/platform/catalog/-/blob/main/org.yaml',
      },
    ],
    [
      'a group whose name only starts like a team group',
      {
        type: 'url',
        target:
          'https://gitlab.example.com/search-team-archive/x/-/blob/main/catalog-info.yaml',
      },
    ],
    [
      'a GitLab that is not a configured integration',
      {
        type: 'url',
        target:
          'https://gitlab.com/search-team/x/-/blob/main/catalog-info.yaml',
      },
    ],
    ['the Runtime entity provider', { type: 'runtime', target: 'dev/models' }],
  ])('leaves an entity from %s untouched', async (_, location) => {
    const group: Entity = {
      ...searchComponent(location),
      kind: 'Group',
      metadata: {
        ...searchComponent(location).metadata,
        annotations: {
          ...searchComponent(location).metadata.annotations,
          'runtime-portal.io/owner': 'media-team',
        },
      },
      spec: { type: 'team', children: [], owner: 'media-team' },
    };
    await expect(preProcess(group, location)).resolves.toEqual(group);
  });
});
