import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startArgoCdServer,
  startGitLabServer,
} from '@runtime-portal/runtime-sandbox';
import { ArgoCdClient } from './ArgoCdClient';
import { loadContractFixtures } from '../testing/contractFixtures';
import {
  describeStandInContract,
  useFixtureClient,
} from '../testing/contractSuite';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { sendContractRequest } from '../testing/contractFixtures';
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
    // The create fixtures share a request shape: each is served on its own below.
    const { server, client, expectSentAsDescribed } = useFixtureClient(
      Object.entries(fixtures)
        .filter(([file]) => !file.startsWith('create-'))
        .map(([, fixture]) => fixture),
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
          syncPolicy: { syncOptions: ['CreateNamespace=false'] },
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

  describe('ArgoCdClient.createApplication against the fixtures', () => {
    const create = Object.fromEntries(
      Object.entries(fixtures)
        .filter(([file]) => file.startsWith('create-'))
        .map(([file, fixture]) => [
          file,
          useFixtureClient(
            [fixture],
            url =>
              new ArgoCdClient({
                environment: 'dev',
                access: httpAccess(url, { token: FIXTURE_TOKEN }),
              }),
          ),
        ]),
    );

    const preview = {
      name: 'semantic-search-preview',
      labels: {
        'runtime-portal.io/owner': 'search-team',
        'runtime-portal.io/service': 'semantic-search',
      },
      project: 'search-team',
      source: { ...searchSource, targetRevision: 'HEAD' },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: 'team-search',
      },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=false'],
      },
    };

    it(`${fixtures['create-application'].name}`, async () => {
      const { client, expectSentAsDescribed } = create['create-application'];
      const app = await client().createApplication(preview);
      expect(app).toMatchObject({
        name: 'semantic-search-preview',
        project: 'search-team',
        labels: preview.labels,
        source: preview.source,
        destination: preview.destination,
        syncPolicy: preview.syncPolicy,
        // Not compared yet: the controller fills the status just after.
        sync: { status: 'Unknown' },
        health: { status: 'Unknown' },
        history: [],
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['create-application-existing-different'].name}`, async () => {
      const { client, expectSentAsDescribed } =
        create['create-application-existing-different'];
      expect(
        await expectUpstreamFailure(
          client().createApplication({ ...preview, name: 'semantic-search' }),
        ),
      ).toMatchObject({
        reason: 'Invalid',
        status: 400,
        detail:
          'existing application spec is different, use upsert flag to force update',
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['create-application-in-unknown-project'].name}`, async () => {
      const { client, expectSentAsDescribed } =
        create['create-application-in-unknown-project'];
      expect(
        await expectUpstreamFailure(
          client().createApplication({ ...preview, project: 'nope' }),
        ),
      ).toMatchObject({
        reason: 'Invalid',
        detail:
          'app is not allowed in project "nope", or the project does not exist',
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['create-application-outside-project-destinations'].name}`, async () => {
      const { client, expectSentAsDescribed } =
        create['create-application-outside-project-destinations'];
      expect(
        await expectUpstreamFailure(
          client().createApplication({
            ...preview,
            destination: { ...preview.destination, namespace: 'team-media' },
          }),
        ),
      ).toMatchObject({
        reason: 'Invalid',
        detail: expect.stringContaining(
          "namespace 'team-media' do not match any of the allowed destinations in project 'search-team'",
        ),
      });
      expectSentAsDescribed();
    });

    it('sends upsert as a query parameter', async () => {
      const { client, server } = create['create-application'];
      await expectUpstreamFailure(
        client().createApplication(preview, { upsert: true }),
      );
      expect(server().requests[0].url).toBe('/api/v1/applications?upsert=true');
    });
  });

  // File-name order: the sync fixtures run after the lists, which expect no operation pending. The
  // fixtures name the sandbox GitLab's default URL; the stand-in reads sources from a GitLab started
  // on a free port, so requests and answers are rewritten between the two.
  const FIXTURE_GITLAB = 'http://127.0.0.1:8929';
  let gitlabUrl = '';
  const rewrite = (value: unknown, from: string, to: string): any =>
    value === undefined
      ? value
      : JSON.parse(JSON.stringify(value).split(from).join(to));
  describeStandInContract(
    'the sandbox Argo CD answers each fixture',
    fixtures,
    {
      start: async () => {
        const seed = loadSeed();
        const options = {
          port: 0,
          seed,
          credentials: DEFAULT_SANDBOX_CREDENTIALS,
          // No sync finishes while the fixtures run.
          readyAfterMs: 60_000,
        };
        const gitlab = await startGitLabServer(options);
        gitlabUrl = gitlab.url;
        const argocd = await startArgoCdServer({ ...options, gitlabUrl });
        return {
          url: argocd.url,
          close: async () => {
            await argocd.close();
            await gitlab.close();
          },
        };
      },
      send: async (standIn, fixture) => {
        const sent = {
          ...fixture,
          request: {
            ...fixture.request,
            body: rewrite(fixture.request.body, FIXTURE_GITLAB, gitlabUrl),
          },
        };
        const answer = await sendContractRequest(standIn.url, sent, {
          headers:
            fixture.request.headers?.authorization === undefined
              ? {}
              : {
                  authorization: `Bearer ${DEFAULT_SANDBOX_CREDENTIALS.argocdToken}`,
                },
        });
        return {
          ...answer,
          body: rewrite(answer.body, gitlabUrl, FIXTURE_GITLAB),
        };
      },
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
