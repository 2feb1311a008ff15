import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startGitLabServer,
} from '@runtime-portal/runtime-sandbox';
import { GitLabClient } from '@runtime-portal/backstage-plugin-runtime-node';
import { loadPipelines } from './pipelines';

const FAILING = 'media-team/meeting-transcriber';
const PASSING = 'search-team/semantic-search';

/** Answers a pipeline's job list with `answer`; every other call goes to GitLab. */
type JobsAnswer = (
  url: string,
  init: RequestInit | undefined,
) => Promise<Response> | undefined;

describe('loadPipelines', () => {
  let server: { url: string; close(): Promise<void> };
  let requested: string[];

  beforeAll(async () => {
    server = await startGitLabServer({
      port: 0,
      seed: loadSeed(),
      credentials: DEFAULT_SANDBOX_CREDENTIALS,
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    requested = [];
  });

  const client = (jobs?: JobsAnswer) =>
    new GitLabClient({
      environment: 'dev',
      access: {
        url: `${server.url}/api/v4`,
        token: DEFAULT_SANDBOX_CREDENTIALS.gitlabToken,
        headers: {},
        timeoutMs: 2000,
      },
      fetch: async (input, init) => {
        const url = String(input);
        requested.push(url);
        if (url.includes('/jobs')) {
          const answer = jobs?.(url, init);
          if (answer) return answer;
        }
        return fetch(input, init);
      },
    });
  const jobCalls = () => requested.filter(url => url.includes('/jobs'));

  it('names the failed jobs of a failed latest pipeline, with one extra call', async () => {
    const data = await loadPipelines(
      client(),
      FAILING,
      AbortSignal.timeout(5000),
    );
    const [latest, ...older] = data.pipelines;
    expect(latest.status).toBe('failed');
    expect(latest.failedJobs).toEqual([
      {
        id: expect.any(Number),
        name: 'build',
        stage: 'build',
        failureReason: 'script_failure',
        webUrl: `${server.url}/${FAILING}/-/jobs/${latest.failedJobs![0].id}`,
      },
    ]);
    expect(latest.failedJobsMessage).toBeUndefined();
    expect(older.every(p => !('failedJobs' in p))).toBe(true);
    expect(jobCalls()).toHaveLength(1);
    expect(new URL(jobCalls()[0]).searchParams.getAll('scope[]')).toEqual([
      'failed',
    ]);
  });

  it('asks nothing about jobs when the latest pipeline passed', async () => {
    const data = await loadPipelines(
      client(),
      PASSING,
      AbortSignal.timeout(5000),
    );
    expect(data.pipelines[0].status).toBe('success');
    expect(data.pipelines.every(p => p.failedJobs === undefined)).toBe(true);
    expect(jobCalls()).toEqual([]);
  });

  it('leaves out failures the pipeline allowed', async () => {
    const allowed = async (url: string, init: RequestInit | undefined) => {
      const answer = await fetch(url, init);
      const jobs = await answer.json();
      const lint = { ...jobs[0], id: 1, name: 'lint', allow_failure: true };
      return Response.json([lint, ...jobs], { headers: answer.headers });
    };
    const data = await loadPipelines(
      client(allowed),
      FAILING,
      AbortSignal.timeout(5000),
    );
    expect(data.pipelines[0].failedJobs!.map(j => j.name)).toEqual(['build']);
  });

  it('still shows the pipelines, without jobs, when the jobs call fails', async () => {
    const broken = async () =>
      Response.json({ message: '500 Internal Server Error' }, { status: 500 });
    const data = await loadPipelines(
      client(broken),
      FAILING,
      AbortSignal.timeout(5000),
    );
    expect(data.pipelines).toHaveLength(3);
    expect(data.pipelines[0]).toMatchObject({
      status: 'failed',
      durationSeconds: expect.any(Number),
    });
    expect(data.pipelines[0].failedJobs).toBeUndefined();
    expect(data.pipelines[0].failedJobsMessage).toMatch(
      /^The failed jobs could not be read: gitlab \[dev\] list jobs of pipeline \d+ of 3 failed/,
    );
  });

  it('gives the jobs call no more time than the pipelines signal', async () => {
    // GitLab never answers for the jobs: the signal's budget ends the call.
    const hanging = (_url: string, init: RequestInit | undefined) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(init.signal!.reason),
        );
      });
    const started = Date.now();
    const data = await loadPipelines(
      client(hanging),
      FAILING,
      AbortSignal.timeout(500),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(data.pipelines[0].status).toBe('failed');
    expect(data.pipelines[0].failedJobs).toBeUndefined();
    expect(data.pipelines[0].failedJobsMessage).toMatch(
      /could not be read: gitlab/,
    );
  });
});
