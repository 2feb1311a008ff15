import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createPublishGitlabAction } from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { loadSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { startGitLabServer } from './startGitLabServer';

/**
 * Backstage's own GitLab integration against the sandbox: the `publish:gitlab` scaffolder action
 * (gitbeaker REST calls and an isomorphic-git push as `oauth2:<token>`) and the GitLab URL reader.
 */

describe('Backstage GitLab integration against the sandbox', () => {
  let server: RunningServer;
  let workspace: string;
  let config: ConfigReader;
  let host: string;

  beforeAll(async () => {
    server = await startGitLabServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
    host = new URL(server.url).host;
    config = new ConfigReader({
      backend: { baseUrl: 'http://localhost:7007' },
      integrations: {
        gitlab: [
          {
            host,
            baseUrl: server.url,
            apiBaseUrl: `${server.url}/api/v4`,
            token: DEFAULT_SANDBOX_CREDENTIALS.gitlabToken,
          },
        ],
      },
    });
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    workspace = await mkdtemp(path.join(os.tmpdir(), 'publish-gitlab-test-'));
  });
  afterEach(() => rm(workspace, { recursive: true, force: true }));

  const reader = () =>
    UrlReaders.default({ config, logger: mockServices.logger.mock() });

  it('publishes a new project with publish:gitlab, then the URL reader reads its catalog-info.yaml', async () => {
    await writeFile(
      path.join(workspace, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: query-planner\n',
    );
    const action = createPublishGitlabAction({
      integrations: ScmIntegrations.fromConfig(config),
      config,
    });
    const ctx = createMockActionContext({
      input: {
        repoUrl: `${host}?owner=search-team&repo=query-planner`,
        defaultBranch: 'main',
        gitAuthorName: 'Guest',
        gitAuthorEmail: 'guest@example.com',
      },
      workspacePath: workspace,
    });
    await action.handler(ctx as any);

    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [
        name,
        value,
      ]),
    );
    expect(outputs).toMatchObject({
      remoteUrl: `${server.url}/search-team/query-planner`,
      repoContentsUrl: `${server.url}/search-team/query-planner/-/blob/main`,
      projectId: expect.any(Number),
      created: true,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });

    const response = await reader().readUrl(
      `${outputs.repoContentsUrl}/catalog-info.yaml`,
    );
    expect((await response.buffer()).toString('utf8')).toContain(
      'name: query-planner',
    );
  });

  it('skips an existing project with skipExisting and answers its URLs', async () => {
    const action = createPublishGitlabAction({
      integrations: ScmIntegrations.fromConfig(config),
      config,
    });
    const ctx = createMockActionContext({
      input: {
        repoUrl: `${host}?owner=search-team&repo=semantic-search`,
        skipExisting: true,
      },
      workspacePath: workspace,
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('created', false);
    expect(ctx.output).toHaveBeenCalledWith(
      'repoContentsUrl',
      `${server.url}/search-team/semantic-search/-/blob/main`,
    );
  });

  it('fails publish:gitlab for an owner that does not exist', async () => {
    const action = createPublishGitlabAction({
      integrations: ScmIntegrations.fromConfig(config),
      config,
    });
    const ctx = createMockActionContext({
      input: { repoUrl: `${host}?owner=no-such-team&repo=x` },
      workspacePath: workspace,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'The namespace no-such-team is not found',
    );
  });

  it('reads a seeded file, and a whole tree as an archive', async () => {
    const file = await reader().readUrl(
      `${server.url}/media-team/meeting-transcriber/-/blob/main/deploy/values.yaml`,
    );
    expect((await file.buffer()).toString('utf8')).toContain('tag: "0.9.1"');

    const tree = await reader().readTree(
      `${server.url}/media-team/meeting-transcriber/-/tree/main`,
    );
    const files = await tree.files();
    expect(files.map(f => f.path).sort()).toEqual([
      '.gitlab-ci.yml',
      'README.md',
      'catalog-info.yaml',
      'deploy/values.yaml',
    ]);
  });

  it('answers NotFoundError for a file that does not exist', async () => {
    await expect(
      reader().readUrl(
        `${server.url}/media-team/meeting-transcriber/-/blob/main/nope.yaml`,
      ),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
