import fs from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { loadSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { startGitLabServer } from './startGitLabServer';

const token = DEFAULT_SANDBOX_CREDENTIALS.gitlabToken;
const author = { name: 'Guest', email: 'guest@example.com' };

describe('git over HTTP', () => {
  let server: RunningServer;
  let dir: string;

  beforeAll(async () => {
    server = await startGitLabServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      // Long enough that a pushed pipeline is still running when the test reads it, however busy
      // the machine; its completion is covered in startGitLabServer.test.ts.
      readyAfterMs: 60_000,
    });
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'gitlab-http-test-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const api = (apiPath: string, init: RequestInit = {}) =>
    fetch(`${server.url}/api/v4${apiPath}`, {
      ...init,
      headers: { 'private-token': token, 'content-type': 'application/json' },
    });

  it('asks for credentials with 401 and WWW-Authenticate: Basic', async () => {
    const response = await fetch(
      `${server.url}/search-team/semantic-search.git/info/refs?service=git-upload-pack`,
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Basic realm="GitLab"',
    );
  });

  it('clones a seeded project with oauth2:<token>, after the 401 challenge', async () => {
    const challenged: string[] = [];
    await git.clone({
      fs,
      http,
      dir,
      url: `${server.url}/search-team/semantic-search.git`,
      onAuth: url => {
        challenged.push(url);
        return { username: 'oauth2', password: token };
      },
    });
    expect(challenged).toHaveLength(1);
    expect(
      await readFile(path.join(dir, 'catalog-info.yaml'), 'utf8'),
    ).toContain('name: semantic-search');
    const log = await git.log({ fs, dir });
    expect(log.map(c => c.commit.author.name)).toEqual([
      'Guest',
      'Guest',
      'Runtime Portal',
    ]);
  });

  it('refuses a wrong token', async () => {
    await expect(
      git.clone({
        fs,
        http,
        dir,
        url: `${server.url}/search-team/semantic-search.git`,
        onAuth: () => ({ username: 'oauth2', password: 'wrong' }),
      }),
    ).rejects.toThrow(/401/);
  });

  it('pushes to a new project, whose first branch becomes the default, and reads the file back', async () => {
    const group = await (await api('/namespaces/search-team')).json();
    const created = await (
      await api('/projects', {
        method: 'POST',
        body: JSON.stringify({ name: 'ranker', namespace_id: group.id }),
      })
    ).json();
    expect(created.empty_repo).toBe(true);

    await git.init({ fs, dir, defaultBranch: 'master' });
    await writeFile(
      path.join(dir, 'catalog-info.yaml'),
      'metadata:\n  name: ranker\n',
    );
    await writeFile(
      path.join(dir, '.gitlab-ci.yml'),
      'test:\n  script: [true]\n',
    );
    await git.add({ fs, dir, filepath: '.' });
    const sha = await git.commit({
      fs,
      dir,
      message: 'initial commit',
      author,
    });
    await git.addRemote({
      fs,
      dir,
      remote: 'origin',
      url: created.http_url_to_repo,
    });
    const result = await git.push({
      fs,
      http,
      dir,
      remote: 'origin',
      ref: 'master',
      onAuth: () => ({ username: 'oauth2', password: token }),
    });
    expect(result.ok).toBe(true);

    const project = await (await api(`/projects/${created.id}`)).json();
    expect(project).toMatchObject({
      default_branch: 'master',
      empty_repo: false,
    });
    const raw = await api(
      `/projects/${encodeURIComponent(
        'search-team/ranker',
      )}/repository/files/catalog-info.yaml/raw?ref=master`,
    );
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe('metadata:\n  name: ranker\n');

    const pipelines = await (
      await api(`/projects/${created.id}/pipelines`)
    ).json();
    expect(pipelines).toEqual([
      expect.objectContaining({
        sha,
        ref: 'master',
        status: 'running',
        source: 'push',
      }),
    ]);
    // The pushed .gitlab-ci.yml's one job, in the default `test` stage, runs at once.
    const jobs = await (
      await api(`/projects/${created.id}/pipelines/${pipelines[0].id}/jobs`)
    ).json();
    expect(jobs).toEqual([
      expect.objectContaining({
        name: 'test',
        stage: 'test',
        status: 'running',
        commit: expect.objectContaining({ id: sha }),
      }),
    ]);
    const protectedBranches = await (
      await api(`/projects/${created.id}/protected_branches`)
    ).json();
    expect(protectedBranches.map((b: { name: string }) => b.name)).toEqual([
      'master',
    ]);
  });
});
