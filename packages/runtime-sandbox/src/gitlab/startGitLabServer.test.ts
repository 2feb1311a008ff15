import { loadSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { startGitLabServer } from './startGitLabServer';

const token = DEFAULT_SANDBOX_CREDENTIALS.gitlabToken;

describe('startGitLabServer', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startGitLabServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      readyAfterMs: 200,
    });
  });
  afterAll(() => server.close());

  async function api(
    path: string,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ) {
    const response = await fetch(`${server.url}/api/v4${path}`, {
      ...init,
      headers: { 'private-token': token, ...init.headers },
    });
    const text = await response.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: a raw file
    }
    return { status: response.status, headers: response.headers, body };
  }

  describe('authentication', () => {
    it('refuses a missing or wrong token with 401 Unauthorized', async () => {
      const attempts: Record<string, string>[] = [
        { 'private-token': '' },
        { 'private-token': 'wrong' },
        { 'private-token': '', authorization: 'Bearer wrong' },
      ];
      for (const headers of attempts) {
        const { status, body } = await api('/user', { headers });
        expect(status).toBe(401);
        expect(body).toEqual({ message: '401 Unauthorized' });
      }
    });

    it('accepts the token as PRIVATE-TOKEN or as a bearer token', async () => {
      expect((await api('/user')).body.username).toBe('runtime-portal');
      const bearer = await api('/user', {
        headers: { 'private-token': '', authorization: `Bearer ${token}` },
      });
      expect(bearer.status).toBe(200);
      expect(bearer.body.username).toBe('runtime-portal');
    });
  });

  describe('namespaces, groups and projects', () => {
    it('finds a team group as a namespace by path and by id', async () => {
      const byPath = await api('/namespaces/search-team');
      expect(byPath.body).toMatchObject({
        path: 'search-team',
        kind: 'group',
        full_path: 'search-team',
      });
      const group = await api(`/groups/${byPath.body.id}`);
      expect(group.body).toMatchObject({
        id: byPath.body.id,
        path: 'search-team',
      });
      expect((await api('/namespaces/no-such-team')).body).toEqual({
        message: '404 Namespace Not Found',
      });
    });

    it('shows a seeded project by URL-encoded path and by id', async () => {
      const { status, body } = await api(
        `/projects/${encodeURIComponent('search-team/semantic-search')}`,
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({
        name: 'semantic-search',
        path: 'semantic-search',
        path_with_namespace: 'search-team/semantic-search',
        default_branch: 'main',
        web_url: `${server.url}/search-team/semantic-search`,
        http_url_to_repo: `${server.url}/search-team/semantic-search.git`,
        namespace: { path: 'search-team', kind: 'group' },
        empty_repo: false,
      });
      expect((await api(`/projects/${body.id}`)).body.path_with_namespace).toBe(
        'search-team/semantic-search',
      );
    });

    it('answers 404 Project Not Found for an unknown project', async () => {
      const { status, body } = await api(
        `/projects/${encodeURIComponent('a/b')}`,
      );
      expect(status).toBe(404);
      expect(body).toEqual({ message: '404 Project Not Found' });
    });

    it('creates a project and refuses the same path again as already taken', async () => {
      const group = (await api('/namespaces/media-team')).body;
      const create = () =>
        api('/projects', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name: 'notes',
            path: 'notes',
            namespace_id: group.id,
          }),
        });
      const created = await create();
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        path_with_namespace: 'media-team/notes',
        empty_repo: true,
        visibility: 'private',
      });
      const again = await create();
      expect(again.status).toBe(400);
      expect(again.body.message.path).toEqual(['has already been taken']);
      const listed = await api('/groups/media-team/projects?search=notes');
      expect(listed.body.map((p: any) => p.path)).toEqual(['notes']);
    });
  });

  describe('repository', () => {
    const project = encodeURIComponent('search-team/semantic-search');

    it('serves a file raw and as base64 JSON', async () => {
      const raw = await api(
        `/projects/${project}/repository/files/catalog-info.yaml/raw?ref=main`,
      );
      expect(raw.status).toBe(200);
      expect(raw.body).toContain('name: semantic-search');
      expect(raw.headers.get('x-gitlab-blob-id')).toMatch(/^[0-9a-f]{40}$/);

      const file = await api(
        `/projects/${project}/repository/files/${encodeURIComponent(
          'deploy/values.yaml',
        )}?ref=main`,
      );
      expect(file.body).toMatchObject({
        file_name: 'values.yaml',
        file_path: 'deploy/values.yaml',
        encoding: 'base64',
        ref: 'main',
      });
      expect(Buffer.from(file.body.content, 'base64').toString()).toContain(
        'tag: "1.8.2"',
      );
    });

    it('answers 404 File Not Found and 400 without ref', async () => {
      expect(
        (
          await api(
            `/projects/${project}/repository/files/nope.txt/raw?ref=main`,
          )
        ).body,
      ).toEqual({ message: '404 File Not Found' });
      const noRef = await api(
        `/projects/${project}/repository/files/README.md`,
      );
      expect(noRef.status).toBe(400);
      expect(noRef.body).toEqual({ error: 'ref is missing' });
    });

    it('lists commits newest first, by seeded authors, paged', async () => {
      const first = await api(
        `/projects/${project}/repository/commits?ref_name=main&per_page=2`,
      );
      expect(first.body).toHaveLength(2);
      expect(first.body[0]).toMatchObject({
        title: 'Release 1.8.2',
        author_name: 'Guest',
      });
      expect(first.headers.get('x-total')).toBe('3');
      expect(first.headers.get('x-next-page')).toBe('2');
      const second = await api(
        `/projects/${project}/repository/commits?ref_name=main&per_page=2&page=2`,
      );
      expect(second.body[0].author_name).toBe('Runtime Portal');
      expect(second.headers.get('x-next-page')).toBe('');
    });
  });

  describe('pipelines', () => {
    const project = encodeURIComponent('media-team/meeting-transcriber');

    it('lists pipelines newest first with paging headers and Link', async () => {
      const { body, headers } = await api(
        `/projects/${project}/pipelines?ref=main&per_page=2`,
      );
      expect(body).toHaveLength(2);
      expect(body[0].id).toBeGreaterThan(body[1].id);
      expect(body[0]).toMatchObject({ ref: 'main', status: 'failed' });
      expect(body[1].status).toBe('success');
      expect(headers.get('x-page')).toBe('1');
      expect(headers.get('x-per-page')).toBe('2');
      expect(headers.get('x-total')).toBe('3');
      expect(headers.get('x-total-pages')).toBe('2');
      expect(headers.get('x-next-page')).toBe('2');
      expect(headers.get('link')).toContain('rel="next"');
    });

    it('shows a pipeline with duration, user and times', async () => {
      const [latest] = (await api(`/projects/${project}/pipelines?per_page=1`))
        .body;
      const { body } = await api(`/projects/${project}/pipelines/${latest.id}`);
      expect(body).toMatchObject({
        id: latest.id,
        status: 'failed',
        ref: 'main',
        sha: latest.sha,
        user: { username: 'guest', name: 'Guest' },
        duration: expect.any(Number),
        finished_at: expect.any(String),
        web_url: `${server.url}/media-team/meeting-transcriber/-/pipelines/${latest.id}`,
      });
      expect((await api(`/projects/${project}/pipelines/999999`)).body).toEqual(
        {
          message: '404 Not found',
        },
      );
    });

    it('retries a failed pipeline: it runs again, then succeeds', async () => {
      const [latest] = (await api(`/projects/${project}/pipelines?per_page=1`))
        .body;
      const retried = await api(
        `/projects/${project}/pipelines/${latest.id}/retry`,
        {
          method: 'POST',
        },
      );
      expect(retried.status).toBe(201);
      // The previous run's finish stays until this run completes, as GitLab's state machine keeps it.
      expect(retried.body).toMatchObject({
        id: latest.id,
        status: 'running',
        finished_at: latest.updated_at,
      });
      expect(retried.body.name).toBeUndefined();
      await new Promise(resolve => setTimeout(resolve, 400));
      const done = await api(`/projects/${project}/pipelines/${latest.id}`);
      expect(done.body).toMatchObject({
        status: 'success',
        finished_at: expect.any(String),
      });
    });

    it('seeds a running newest pipeline without a finish time', async () => {
      const seed = loadSeed();
      const delivery = seed.teams[0].services[0].delivery!;
      delivery.lastPipeline = 'running';
      const other = await startGitLabServer({
        port: 0,
        seed,
        credentials: DEFAULT_SANDBOX_CREDENTIALS,
      });
      try {
        const path = encodeURIComponent(delivery.gitlabProject);
        const headers = { 'private-token': token };
        const [latest] = await (
          await fetch(`${other.url}/api/v4/projects/${path}/pipelines`, {
            headers,
          })
        ).json();
        const detail = await (
          await fetch(
            `${other.url}/api/v4/projects/${path}/pipelines/${latest.id}`,
            {
              headers,
            },
          )
        ).json();
        expect(detail).toMatchObject({
          status: 'running',
          finished_at: null,
          duration: null,
        });
      } finally {
        await other.close();
      }
    });
  });
});
