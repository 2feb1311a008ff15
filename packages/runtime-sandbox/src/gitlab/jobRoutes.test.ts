import { loadSeed } from '../seed';
import { DEFAULT_SANDBOX_CREDENTIALS, RunningServer } from '../types';
import { startGitLabServer } from './startGitLabServer';

const token = DEFAULT_SANDBOX_CREDENTIALS.gitlabToken;
const FAILING = encodeURIComponent('media-team/meeting-transcriber');

async function startWith(
  options: { lastPipeline?: 'running'; readyAfterMs?: number } = {},
): Promise<RunningServer> {
  const seed = loadSeed();
  if (options.lastPipeline) {
    seed.teams[0].services[0].delivery!.lastPipeline = options.lastPipeline;
  }
  return startGitLabServer({
    port: 0,
    seed,
    credentials: DEFAULT_SANDBOX_CREDENTIALS,
    readyAfterMs: options.readyAfterMs ?? 200,
  });
}

async function api(server: RunningServer, path: string, method = 'GET') {
  const response = await fetch(`${server.url}/api/v4${path}`, {
    method,
    headers: { 'private-token': token },
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
}

/** Waits (up to 15 s) until the pipeline at `path` is no longer running. */
async function finished(server: RunningServer, path: string) {
  const deadline = Date.now() + 15_000;
  while ((await api(server, path)).body.status === 'running') {
    if (Date.now() > deadline) throw new Error(`${path} still running`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

const summary = (jobs: any[]) =>
  jobs.map(j => `${j.stage}/${j.name}:${j.status}`);

describe('GET /projects/:id/pipelines/:pipeline_id/jobs', () => {
  let server: RunningServer;
  let failed: any;
  const jobsOf = (query = '', pipelineId = failed.id) =>
    api(server, `/projects/${FAILING}/pipelines/${pipelineId}/jobs${query}`);

  beforeAll(async () => {
    // Long enough that a busy machine still sees the retried pipeline running.
    server = await startWith({ readyAfterMs: 2000 });
    [failed] = (
      await api(server, `/projects/${FAILING}/pipelines?per_page=1`)
    ).body;
  });
  afterAll(() => server.close());

  it("lists a failed pipeline's jobs newest first: the build failed, deploy was skipped", async () => {
    const { status, headers, body } = await jobsOf();
    expect(status).toBe(200);
    expect(failed.status).toBe('failed');
    expect(summary(body)).toEqual([
      'deploy/deploy:skipped',
      'build/build:failed',
      'test/test:success',
    ]);
    expect(headers.get('x-total')).toBe('3');
    const [deploy, build, test] = body;
    expect(build).toMatchObject({
      failure_reason: 'script_failure',
      allow_failure: false,
      ref: 'main',
      web_url: `${server.url}/media-team/meeting-transcriber/-/jobs/${build.id}`,
      pipeline: { id: failed.id, status: 'failed', sha: failed.sha },
      commit: { id: failed.sha, title: expect.stringMatching(/^Release /) },
      user: { username: 'guest', bio: '', bot: false },
      runner: { runner_type: 'instance_type', is_shared: true },
      artifacts: [{ file_type: 'trace', filename: 'job.log' }],
    });
    // The failing stage ends the pipeline; the jobs that ran share its duration.
    expect(build.finished_at).toBe(failed.updated_at);
    expect(test.duration + build.duration).toBeCloseTo(
      (await api(server, `/projects/${FAILING}/pipelines/${failed.id}`)).body
        .duration,
    );
    expect(test).not.toHaveProperty('failure_reason');
    expect(deploy).toMatchObject({
      started_at: null,
      duration: null,
      runner: null,
      runner_manager: null,
      artifacts: [],
    });
  });

  it('filters by one scope or by several scope[]', async () => {
    expect(summary((await jobsOf('?scope=failed')).body)).toEqual([
      'build/build:failed',
    ]);
    expect(
      summary((await jobsOf('?scope[]=success&scope[]=skipped')).body),
    ).toEqual(['deploy/deploy:skipped', 'test/test:success']);
    expect((await jobsOf('?scope[]=running')).body).toEqual([]);
  });

  it('pages as the other lists do', async () => {
    const first = await jobsOf('?per_page=2');
    expect(first.body).toHaveLength(2);
    expect(first.headers.get('x-next-page')).toBe('2');
    const second = await jobsOf('?per_page=2&page=2');
    expect(summary(second.body)).toEqual(['test/test:success']);
    expect(second.headers.get('x-next-page')).toBe('');
  });

  it("refuses what GitLab refuses, with GitLab's bodies", async () => {
    expect(await jobsOf('', 999999)).toMatchObject({
      status: 404,
      body: { message: '404 Not found' },
    });
    expect(
      await api(server, '/projects/nobody%2Fnothing/pipelines/1/jobs'),
    ).toMatchObject({
      status: 404,
      body: { message: '404 Project Not Found' },
    });
    expect(await jobsOf('?scope[]=failed&scope[]=broken')).toMatchObject({
      status: 400,
      body: { error: 'scope does not have a valid value' },
    });
    expect(await jobsOf('?include_retried=maybe')).toMatchObject({
      status: 400,
      body: { error: 'include_retried is invalid' },
    });
    expect(await jobsOf('', 'latest')).toMatchObject({
      status: 400,
      body: { error: 'pipeline_id is invalid' },
    });
  });

  it('retries the failed job as a new job, runs the stages left, then succeeds', async () => {
    const before = (await jobsOf()).body;
    const oldBuild = before.find((j: any) => j.name === 'build');
    const retried = await api(
      server,
      `/projects/${FAILING}/pipelines/${failed.id}/retry`,
      'POST',
    );
    expect(retried.status).toBe(201);
    const running = (await jobsOf()).body;
    expect(summary(running)).toEqual([
      'build/build:running',
      'deploy/deploy:created',
      'test/test:success',
    ]);
    expect(running[0].id).toBeGreaterThan(oldBuild.id);
    expect(running[1].id).toBe(before[0].id);
    const withRetried = (await jobsOf('?include_retried=true')).body;
    expect(withRetried.map((j: any) => j.id)).toContain(oldBuild.id);
    expect(withRetried.find((j: any) => j.id === oldBuild.id)).toMatchObject({
      status: 'failed',
      failure_reason: 'script_failure',
    });

    await finished(server, `/projects/${FAILING}/pipelines/${failed.id}`);
    expect(summary((await jobsOf()).body)).toEqual([
      'build/build:success',
      'deploy/deploy:success',
      'test/test:success',
    ]);
    const done = await api(
      server,
      `/projects/${FAILING}/pipelines/${failed.id}`,
    );
    expect(done.body.status).toBe('success');
    expect((await jobsOf('?scope=failed')).body).toEqual([]);
  });
});

describe('the jobs of a seeded running pipeline', () => {
  it('run the middle stage, with the later stage waiting', async () => {
    const server = await startWith({
      lastPipeline: 'running',
      readyAfterMs: 5000,
    });
    try {
      const project = encodeURIComponent(
        loadSeed().teams[0].services[0].delivery!.gitlabProject,
      );
      const [latest] = (
        await api(server, `/projects/${project}/pipelines?per_page=1`)
      ).body;
      const { body } = await api(
        server,
        `/projects/${project}/pipelines/${latest.id}/jobs`,
      );
      expect(summary(body)).toEqual([
        'deploy/deploy:created',
        'build/build:running',
        'test/test:success',
      ]);
      expect(body[1].finished_at).toBeNull();
      expect(body[1].duration).toBeGreaterThan(0);
      expect(body[1].artifacts).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
