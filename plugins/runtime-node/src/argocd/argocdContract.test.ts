import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startArgoCdServer,
} from '@runtime-portal/runtime-sandbox';
import { ArgoCdClient } from './ArgoCdClient';
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
const FIXTURE_TOKEN = 'contract-argocd-token';

const searchSource = {
  repoURL: 'http://127.0.0.1:8929/search-team/semantic-search.git',
  path: 'deploy',
  targetRevision: 'main',
};

describe('Argo CD contract', () => {
  describe('ArgoCdClient against the fixtures', () => {
    const { server, client, expectSentAsDescribed } = useFixtureClient(
      Object.values(fixtures),
      url =>
        new ArgoCdClient({
          environment: 'dev',
          access: httpAccess(url, { token: FIXTURE_TOKEN }),
        }),
    );

    it(`${fixtures['list-applications-by-selector'].name}`, async () => {
      const apps = await client().listApplications({
        selector: 'app.kubernetes.io/name=semantic-search',
      });
      expect(server().requests).toHaveLength(1);
      expect(apps).toEqual([
        {
          name: 'semantic-search',
          namespace: 'argocd',
          project: 'search-team',
          labels: {
            'app.kubernetes.io/name': 'semantic-search',
            'app.kubernetes.io/part-of': 'search-team',
          },
          source: searchSource,
          destination: {
            server: 'https://kubernetes.default.svc',
            namespace: 'team-search',
          },
          sync: {
            status: 'Synced',
            revision: '80457b43b1ab1a6637ee97adf946df0942bf842e',
          },
          health: { status: 'Healthy' },
          operationState: {
            phase: 'Succeeded',
            message: 'successfully synced (all tasks run)',
            startedAt: '2026-12-04T06:40:35Z',
            finishedAt: '2026-12-04T06:41:35Z',
            revision: '80457b43b1ab1a6637ee97adf946df0942bf842e',
          },
          history: [
            {
              id: 2,
              revision: '80457b43b1ab1a6637ee97adf946df0942bf842e',
              deployedAt: '2026-12-04T06:41:35Z',
              deployStartedAt: '2026-12-04T06:40:35Z',
              source: searchSource,
            },
          ],
          images: ['harbor.example.com/search-team/semantic-search:1.8.2'],
          reconciledAt: '2026-12-05T06:39:35Z',
        },
      ]);
      expectSentAsDescribed();
    });

    it(`${fixtures['list-applications-by-projects'].name}`, async () => {
      const apps = await client().listApplications({
        projects: ['media-team', 'assistant-team'],
      });
      expect(apps.map(app => [app.name, app.project, app.sync.status])).toEqual(
        [
          ['meeting-transcriber', 'media-team', 'Synced'],
          ['support-assistant', 'assistant-team', 'OutOfSync'],
        ],
      );
      expectSentAsDescribed();
    });

    it(`${fixtures['get-application'].name}`, async () => {
      const app = await client().getApplication('semantic-search', {
        project: 'search-team',
      });
      expect(app).toMatchObject({
        name: 'semantic-search',
        project: 'search-team',
        sync: { status: 'Synced' },
        health: { status: 'Healthy' },
        operationState: { phase: 'Succeeded' },
      });
      expect(app.requestedOperation).toBeUndefined();
      expectSentAsDescribed();
    });

    it(`${fixtures['get-unknown-application'].name}`, async () => {
      expect(
        await expectUpstreamFailure(client().getApplication('nope')),
      ).toMatchObject({
        upstream: 'argocd',
        reason: 'Forbidden',
        status: 403,
        detail: 'permission denied',
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['get-unknown-application-in-project'].name}`, async () => {
      expect(
        await expectUpstreamFailure(
          client().getApplication('nope', { project: 'assistant-team' }),
        ),
      ).toMatchObject({
        reason: 'NotFound',
        status: 404,
        detail: 'applications.argoproj.io "nope" not found',
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['sync-application'].name}`, async () => {
      const app = await client().sync('support-assistant', { prune: true });
      expect(app.operationState).toBeUndefined();
      expect(app.requestedOperation).toEqual({
        revision: '6d2aae1be2eda3e53729f5644fb1d61b368883fb',
        prune: true,
        dryRun: false,
        initiatedBy: 'admin',
        automated: false,
      });
      expect(app.sync.status).toBe('OutOfSync');
      expectSentAsDescribed();
    });

    it(`${fixtures['sync-unknown-application'].name}`, async () => {
      expect(await expectUpstreamFailure(client().sync('nope'))).toMatchObject({
        reason: 'Forbidden',
        status: 403,
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['list-applications-without-token'].name}`, async () => {
      const anonymous = new ArgoCdClient({
        environment: 'dev',
        access: httpAccess(server().url),
      });
      expect(
        await expectUpstreamFailure(
          anonymous.listApplications({ name: 'semantic-search' }),
        ),
      ).toMatchObject({
        reason: 'Unauthorized',
        status: 401,
        detail: 'no session information',
      });
      expect(server().requests[0].headers.authorization).toBeUndefined();
      expectSentAsDescribed();
    });

    it('sends nothing a fixture does not describe', async () => {
      await expectUpstreamFailure(
        client().listApplications({ name: 'semantic-search', projects: ['x'] }),
      );
      expect(server().mismatches).toHaveLength(1);
    });
  });

  // File-name order: the sync fixtures run after the lists, which expect no operation pending.
  describeStandInContract(
    'the sandbox Argo CD answers each fixture',
    fixtures,
    {
      start: () =>
        startArgoCdServer({
          port: 0,
          seed: loadSeed(),
          credentials: DEFAULT_SANDBOX_CREDENTIALS,
          // No sync finishes while the fixtures run.
          readyAfterMs: 60_000,
          gitlabUrl: 'http://127.0.0.1:8929',
        }),
      headers: (fixture): Record<string, string> =>
        fixture.request.headers?.authorization === undefined
          ? {}
          : {
              authorization: `Bearer ${DEFAULT_SANDBOX_CREDENTIALS.argocdToken}`,
            },
      pinned: wholeBody,
    },
  );
});
