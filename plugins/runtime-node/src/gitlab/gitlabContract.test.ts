import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startGitLabServer,
} from '@runtime-portal/runtime-sandbox';
import { GitLabClient } from './GitLabClient';
import { loadContractFixtures } from '../testing/contractFixtures';
import {
  describeStandInContract,
  useFixtureClient,
} from '../testing/contractSuite';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';
import { wholeBody } from '../testing/wholeBody';

const fixtures = loadContractFixtures(join(__dirname, '__fixtures__'));

/** The token the fixtures' requests carry (the client's configured one). */
const FIXTURE_TOKEN = 'contract-gitlab-token';
const PROJECT = 'media-team/meeting-transcriber';
const WEB = 'http://127.0.0.1:8929/media-team/meeting-transcriber/-/pipelines';
const JOBS = 'http://127.0.0.1:8929/media-team/meeting-transcriber/-/jobs';

describe('GitLab contract', () => {
  describe('GitLabClient against the fixtures', () => {
    const { server, client, expectSentAsDescribed } = useFixtureClient(
      Object.values(fixtures),
      url =>
        new GitLabClient({
          environment: 'dev',
          access: httpAccess(`${url}/api/v4`, { token: FIXTURE_TOKEN }),
        }),
    );

    it(`${fixtures['list-pipelines'].name}`, async () => {
      const pipelines = await client().listPipelines(PROJECT);
      // One page: `x-next-page` is empty.
      expect(server().requests).toHaveLength(1);
      expect(pipelines).toEqual([
        {
          id: 1008,
          iid: 3,
          projectId: 3,
          sha: 'c68fcb2b7ed71f1dfcc7f5eea1d199ed0735d19a',
          ref: 'main',
          status: 'failed',
          source: 'push',
          createdAt: '2026-12-05T01:42:05.408Z',
          updatedAt: '2026-12-05T01:47:31.408Z',
          webUrl: `${WEB}/1008`,
        },
        expect.objectContaining({ id: 1007, status: 'success' }),
        expect.objectContaining({ id: 1006, iid: 1, status: 'success' }),
      ]);
      expectSentAsDescribed();
    });

    it(`${fixtures['get-pipeline'].name}`, async () => {
      expect(await client().getPipeline(PROJECT, 1008)).toEqual({
        id: 1008,
        iid: 3,
        projectId: 3,
        sha: 'c68fcb2b7ed71f1dfcc7f5eea1d199ed0735d19a',
        ref: 'main',
        status: 'failed',
        source: 'push',
        createdAt: '2026-12-05T01:42:05.408Z',
        updatedAt: '2026-12-05T01:47:31.408Z',
        webUrl: `${WEB}/1008`,
        startedAt: '2026-12-05T01:42:17.408Z',
        finishedAt: '2026-12-05T01:47:31.408Z',
        duration: 314,
        queuedDuration: 12,
        user: { username: 'guest', name: 'Guest' },
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['retry-pipeline'].name}`, async () => {
      const retried = await client().retryPipeline(PROJECT, 1008);
      expect(server().requests.map(r => r.method)).toEqual(['POST']);
      expect(retried).toMatchObject({
        id: 1008,
        status: 'running',
        updatedAt: '2026-12-05T06:50:02.113Z',
        // The previous run's, until this one completes.
        finishedAt: '2026-12-05T01:47:31.408Z',
        duration: 314,
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['list-pipeline-jobs'].name}`, async () => {
      const jobs = await client().listPipelineJobs(PROJECT, 1007);
      expect(server().requests).toHaveLength(1);
      expect(jobs.map(j => [j.id, j.stage, j.name, j.status])).toEqual([
        [5023, 'deploy', 'deploy', 'success'],
        [5022, 'build', 'build', 'success'],
        [5021, 'test', 'test', 'success'],
      ]);
      expect(jobs[2]).toEqual({
        id: 5021,
        name: 'test',
        stage: 'test',
        status: 'success',
        allowFailure: false,
        failureReason: undefined,
        ref: 'main',
        createdAt: '2026-12-02T06:42:05.408Z',
        startedAt: '2026-12-02T06:42:17.408Z',
        finishedAt: '2026-12-02T06:43:49.741Z',
        duration: 92.333,
        queuedDuration: 12,
        webUrl: `${JOBS}/5021`,
        pipelineId: 1007,
        user: { username: 'guest', name: 'Guest' },
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['list-pipeline-jobs-failed'].name}`, async () => {
      expect(
        await client().listPipelineJobs(PROJECT, 1008, { scope: 'failed' }),
      ).toEqual([
        expect.objectContaining({
          id: 5025,
          name: 'build',
          stage: 'build',
          status: 'failed',
          failureReason: 'script_failure',
          duration: 157,
          webUrl: `${JOBS}/5025`,
          pipelineId: 1008,
        }),
      ]);
      expectSentAsDescribed();
    });

    it(`${fixtures['list-jobs-of-unknown-pipeline'].name}`, async () => {
      expect(
        await expectUpstreamFailure(client().listPipelineJobs(PROJECT, 999999)),
      ).toMatchObject({
        upstream: 'gitlab',
        reason: 'NotFound',
        status: 404,
        detail: '404 Not found',
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['get-unknown-pipeline'].name}`, async () => {
      expect(
        await expectUpstreamFailure(client().getPipeline(PROJECT, 999999)),
      ).toMatchObject({
        upstream: 'gitlab',
        reason: 'NotFound',
        status: 404,
        detail: '404 Not found',
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['list-pipelines-of-unknown-project'].name}`, async () => {
      expect(
        await expectUpstreamFailure(client().listPipelines('nobody/nothing')),
      ).toMatchObject({
        reason: 'NotFound',
        status: 404,
        detail: '404 Project Not Found',
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['list-pipelines-with-wrong-token'].name}`, async () => {
      const wrong = new GitLabClient({
        environment: 'dev',
        access: httpAccess(`${server().url}/api/v4`, {
          token: 'wrong-gitlab-token',
        }),
      });
      const error = await expectUpstreamFailure(wrong.listPipelines(PROJECT));
      expect(error).toMatchObject({
        reason: 'Unauthorized',
        status: 401,
        detail: '401 Unauthorized',
      });
      expect(error.message).not.toContain('wrong-gitlab-token');
      expectSentAsDescribed();
    });

    it('sends nothing a fixture does not describe', async () => {
      await expectUpstreamFailure(
        client().listPipelines(PROJECT, { status: 'running' }),
      );
      expect(server().mismatches).toHaveLength(1);
    });
  });

  // File-name order: the retry runs last, after the pipeline was read as failed.
  describeStandInContract('the sandbox GitLab answers each fixture', fixtures, {
    start: () =>
      startGitLabServer({
        port: 0,
        seed: loadSeed(),
        credentials: DEFAULT_SANDBOX_CREDENTIALS,
        // A retried pipeline keeps running while the fixtures run.
        readyAfterMs: 60_000,
      }),
    headers: (fixture): Record<string, string> =>
      fixture.request.headers?.['private-token'] === FIXTURE_TOKEN
        ? { 'private-token': DEFAULT_SANDBOX_CREDENTIALS.gitlabToken }
        : {},
    pinned: wholeBody,
  });
});
