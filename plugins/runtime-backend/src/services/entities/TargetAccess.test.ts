import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import {
  RuntimeClients,
  TeamNamespaces,
  readRuntimeAccess,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { serviceEntity } from '../../testing/entities';
import { sandboxAccessConfig } from '../../testing/access';
import { entityOwnership } from './entityOwnership';
import { TargetAccess } from './TargetAccess';

const config = new ConfigReader({
  runtime: { access: sandboxAccessConfig(), environments: [] },
});
const access = readRuntimeAccess(config);
const targets = new TargetAccess({
  access,
  // No environment: namespaces belong to teams by `runtime.access` alone, without a cluster call.
  teamNamespaces: new TeamNamespaces({
    clients: RuntimeClients.fromConfig(config),
    access,
  }),
  cache: mockServices.cache.mock({
    get: async () => undefined,
    set: async () => {},
    delete: async () => {},
  }),
});
const search = entityOwnership(
  serviceEntity('semantic-search', 'team-search', 'search-team'),
);

describe('TargetAccess', () => {
  it('lets an Argo CD application belong by its project or by its destination namespace', async () => {
    const app = {
      kind: 'argocdApplication' as const,
      environment: 'dev',
      application: 'semantic-search',
    };
    expect(
      await targets.refusal(search, { ...app, project: 'search-team' }),
    ).toBeUndefined();
    expect(
      await targets.refusal(search, {
        ...app,
        project: 'default',
        namespace: 'team-search',
      }),
    ).toBeUndefined();
    expect(
      await targets.refusal(search, {
        ...app,
        project: 'media-team',
        namespace: 'team-assistant',
      }),
    ).toBe(
      'Not allowed: Argo CD application semantic-search in dev (project media-team, namespace team-assistant) belongs to group:default/media-team and group:default/assistant-team, not to group:default/search-team (the owner of component:default/semantic-search)',
    );
  });

  it("counts a GitLab group's subgroups as its team's, and no look-alike group", async () => {
    expect(
      await targets.refusal(search, {
        kind: 'gitlabProject',
        path: 'search-team/ml/ranker',
      }),
    ).toBeUndefined();
    await expect(
      targets.require(search, {
        kind: 'gitlabProject',
        path: 'search-team-archive/ranker',
      }),
    ).rejects.toThrow(
      new NotAllowedError(
        'Not allowed: GitLab project search-team-archive/ranker belongs to no team, not to group:default/search-team (the owner of component:default/semantic-search)',
      ),
    );
    expect(
      await targets.refusal(search, {
        kind: 'gitlabProject',
        path: 'search-team/../media-team/meeting-transcriber',
      }),
    ).toMatch(/belongs to no team/);
  });

  it('refuses every target to an entity not owned by a group, and none to a provider-made one', async () => {
    const userOwned = entityOwnership({
      ...serviceEntity('side-project', 'team-search', 'search-team'),
      spec: { owner: 'user:default/ada' },
    });
    const harbor = {
      kind: 'harborRepository' as const,
      project: 'search-team',
      repository: 'semantic-search',
    };
    expect(await targets.refusal(userOwned, harbor)).toBe(
      'Not allowed: Harbor repository search-team/semantic-search belongs to group:default/search-team, and component:default/side-project is not owned by a group',
    );
    expect(
      await targets.refusal({ ...userOwned, trusted: true }, harbor),
    ).toBeUndefined();
  });
});

describe('TargetAccess.foreignRefusal', () => {
  const kubeai = {
    entityRef: 'component:default/kubeai',
    owner: 'group:default/platform-team',
    // Made by the Runtime's entity provider: trusted, which the namespace check must not rely on.
    trusted: true,
  };
  const namespace = (name: string) => ({
    kind: 'namespace' as const,
    environment: 'dev',
    namespace: name,
  });

  it("refuses a runtime component a team's namespace, trusted or not", async () => {
    expect(await targets.foreignRefusal(kubeai, namespace('team-media'))).toBe(
      'Not allowed: namespace team-media in dev belongs to group:default/media-team, not to group:default/platform-team (the owner of component:default/kubeai)',
    );
  });

  it('allows a namespace its owner holds', async () => {
    expect(
      await targets.foreignRefusal(
        { ...kubeai, owner: 'group:default/search-team' },
        namespace('team-search'),
      ),
    ).toBeUndefined();
  });
});
