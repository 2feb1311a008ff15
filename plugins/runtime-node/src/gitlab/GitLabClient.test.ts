import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startGitLabServer,
} from '@runtime-portal/runtime-sandbox';
import { HttpServiceAccess } from '../config';
import { RuntimeUpstreamError } from '../errors';
import { GitLabClient } from './GitLabClient';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';
import { recordingFetch } from '../testing/recordingFetch';
import { SilentServer, startSilentServer } from '../testing/testServer';

const token = DEFAULT_SANDBOX_CREDENTIALS.gitlabToken;

describe('GitLabClient', () => {
  let server: { url: string; close(): Promise<void> };
  let access: HttpServiceAccess;
  let client: GitLabClient;

  beforeAll(async () => {
    server = await startGitLabServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
      readyAfterMs: 100,
    });
    access = httpAccess(`${server.url}/api/v4`, { token });
    client = new GitLabClient({ environment: 'dev', access });
  });
  afterAll(() => server.close());

  it('gets a project by path and by id', async () => {
    const project = await client.getProject('search-team/semantic-search');
    expect(project).toMatchObject({
      name: 'semantic-search',
      pathWithNamespace: 'search-team/semantic-search',
      defaultBranch: 'main',
      webUrl: `${server.url}/search-team/semantic-search`,
      httpUrlToRepo: `${server.url}/search-team/semantic-search.git`,
      namespace: {
        path: 'search-team',
        kind: 'group',
        fullPath: 'search-team',
      },
    });
    expect((await client.getProject(project.id)).pathWithNamespace).toBe(
      'search-team/semantic-search',
    );
  });

  it('fails with NotFound and GitLab message for an unknown project', async () => {
    const error = await expectUpstreamFailure(
      client.getProject('nobody/nothing'),
    );
    expect(error).toBeInstanceOf(RuntimeUpstreamError);
    expect(error).toMatchObject({
      upstream: 'gitlab',
      reason: 'NotFound',
      status: 404,
      detail: '404 Project Not Found',
    });
  });

  it('lists pipelines newest first across several pages', async () => {
    const requested: string[] = [];
    const counting = new GitLabClient({
      environment: 'dev',
      access,
      fetch: recordingFetch(requested),
    });
    const pipelines = await counting.listPipelines(
      'media-team/meeting-transcriber',
      {
        ref: 'main',
        perPage: 1,
      },
    );
    expect(pipelines).toHaveLength(3);
    expect(requested).toHaveLength(3);
    expect(requested[2]).toMatch(/[?&]page=3/);
    expect(pipelines[0]).toMatchObject({ ref: 'main', status: 'failed' });
    expect(pipelines.map(p => p.id)).toEqual(
      [...pipelines.map(p => p.id)].sort((a, b) => b - a),
    );
  });

  it('stops after maxPages', async () => {
    const pipelines = await client.listPipelines(
      'media-team/meeting-transcriber',
      {
        perPage: 1,
        maxPages: 2,
      },
    );
    expect(pipelines).toHaveLength(2);
  });

  describe('listPipelineJobs', () => {
    const project = 'media-team/meeting-transcriber';
    let failedId: number;
    beforeAll(async () => {
      [{ id: failedId }] = await client.listPipelines(project, {
        perPage: 1,
        maxPages: 1,
      });
    });

    it("lists a failed pipeline's jobs, newest first, the failed one with its reason", async () => {
      const jobs = await client.listPipelineJobs(project, failedId);
      expect(jobs.map(j => [j.stage, j.name, j.status])).toEqual([
        ['deploy', 'deploy', 'skipped'],
        ['build', 'build', 'failed'],
        ['test', 'test', 'success'],
      ]);
      expect(jobs[1]).toEqual({
        id: expect.any(Number),
        name: 'build',
        stage: 'build',
        status: 'failed',
        allowFailure: false,
        failureReason: 'script_failure',
        ref: 'main',
        createdAt: expect.any(String),
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
        duration: expect.any(Number),
        queuedDuration: 0,
        webUrl: `${server.url}/${project}/-/jobs/${jobs[1].id}`,
        pipelineId: failedId,
        user: { username: 'guest', name: 'Guest' },
      });
      expect(jobs[0]).toMatchObject({
        startedAt: undefined,
        duration: undefined,
      });
      expect(jobs[2].failureReason).toBeUndefined();
    });

    it('sends one scope or several as scope[]', async () => {
      const requested: string[] = [];
      const recording = new GitLabClient({
        environment: 'dev',
        access,
        fetch: recordingFetch(requested),
      });
      const failed = await recording.listPipelineJobs(project, failedId, {
        scope: 'failed',
      });
      expect(failed.map(j => j.name)).toEqual(['build']);
      const ran = await recording.listPipelineJobs(project, failedId, {
        scope: ['success', 'failed'],
        includeRetried: true,
      });
      expect(ran.map(j => j.name)).toEqual(['build', 'test']);
      const [first, second] = requested.map(url => new URL(url).searchParams);
      expect(first.getAll('scope[]')).toEqual(['failed']);
      expect(second.getAll('scope[]')).toEqual(['success', 'failed']);
      expect(second.get('include_retried')).toBe('true');
    });

    it('fails with NotFound for an unknown pipeline', async () => {
      expect(
        await expectUpstreamFailure(client.listPipelineJobs(project, 999999)),
      ).toMatchObject({
        upstream: 'gitlab',
        reason: 'NotFound',
        status: 404,
        detail: '404 Not found',
        message: expect.stringContaining('list jobs of pipeline 999999'),
      });
    });
  });

  it('gets a pipeline with its user and duration, and retries it', async () => {
    const [latest] = await client.listPipelines(
      'media-team/meeting-transcriber',
      {
        perPage: 1,
        maxPages: 1,
      },
    );
    const pipeline = await client.getPipeline(
      'media-team/meeting-transcriber',
      latest.id,
    );
    expect(pipeline).toMatchObject({
      id: latest.id,
      status: 'failed',
      duration: expect.any(Number),
      finishedAt: expect.any(String),
      user: { username: 'guest', name: 'Guest' },
    });
    const retried = await client.retryPipeline(
      'media-team/meeting-transcriber',
      latest.id,
    );
    // GitLab keeps the previous run's finish time until the retried run completes.
    expect(retried).toMatchObject({
      id: latest.id,
      status: 'running',
      finishedAt: pipeline.finishedAt,
    });
  });

  it('lists commits of the default branch', async () => {
    const commits = await client.listCommits('search-team/semantic-search', {
      perPage: 2,
    });
    expect(commits.map(c => c.title)).toEqual([
      'Release 1.8.2',
      'Document local development',
      'Create semantic-search from the service template',
    ]);
    expect(commits[0]).toMatchObject({
      authorName: 'Guest',
      id: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
  });

  it('fails with Unauthorized, without the token in the message', async () => {
    const wrong = new GitLabClient({
      environment: 'dev',
      access: { ...access, token: 'not-the-token-secret' },
    });
    const error = await expectUpstreamFailure(
      wrong.getProject('search-team/semantic-search'),
    );
    expect(error).toMatchObject({ reason: 'Unauthorized', status: 401 });
    expect(error.message).toBe(
      'gitlab [dev] get project search-team/semantic-search failed, Unauthorized (HTTP 401): 401 Unauthorized',
    );
    expect(error.message).not.toContain('not-the-token-secret');
  });

  describe('a server that never answers', () => {
    let silent: SilentServer;
    let slow: GitLabClient;
    beforeAll(async () => {
      silent = await startSilentServer();
      slow = new GitLabClient({
        environment: 'dev',
        access: httpAccess(`${silent.url}/api/v4`, { token, timeoutMs: 100 }),
      });
    });
    afterAll(() => silent.close());

    it('times out', async () => {
      expect(await expectUpstreamFailure(slow.getProject(1))).toMatchObject({
        reason: 'Timeout',
      });
    });

    it('stops when aborted', async () => {
      const controller = new AbortController();
      const pending = expectUpstreamFailure(
        slow.listPipelines(1, { signal: controller.signal }),
      );
      controller.abort();
      expect(await pending).toMatchObject({ reason: 'Aborted' });
    });
  });
});
