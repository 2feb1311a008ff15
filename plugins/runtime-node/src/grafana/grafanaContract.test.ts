import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startGrafanaServer,
} from '@runtime-portal/runtime-sandbox';
import { GrafanaClient } from './GrafanaClient';
import { loadContractFixtures } from '../testing/contractFixtures';
import {
  describeStandInContract,
  useFixtureServer,
} from '../testing/contractSuite';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';

const fixtures = loadContractFixtures(join(__dirname, '__fixtures__'));

describe('Grafana contract', () => {
  describe('GrafanaClient against the fixtures', () => {
    // The authenticated fixture first: the 401 one matches a request with any headers.
    const { server, expectOneFixtureRequest } = useFixtureServer([
      fixtures.search_dashboards,
      fixtures.search_unauthenticated,
    ]);
    const clientWith = (token?: string) =>
      new GrafanaClient({
        environment: 'dev',
        access: httpAccess(server().url, {
          token,
          uiUrl: 'https://grafana.example.com',
        }),
      });

    it(`${fixtures.search_dashboards.name}`, async () => {
      const dashboards = await clientWith(
        DEFAULT_SANDBOX_CREDENTIALS.grafanaToken,
      ).searchDashboards({ tags: ['support-assistant'], query: 'support' });
      expect(dashboards).toEqual([
        {
          uid: 'b1f0c2d94a7e3c',
          title: 'support-assistant / Service',
          url: 'https://grafana.example.com/d/b1f0c2d94a7e3c/support-assistant-service',
          tags: ['service', 'support-assistant', 'team-assistant'],
          folderTitle: 'assistant-team',
        },
      ]);
      expectOneFixtureRequest();
    });

    it(`${fixtures.search_unauthenticated.name}`, async () => {
      const error = await expectUpstreamFailure(
        clientWith(undefined).searchDashboards({
          tags: ['support-assistant'],
          query: 'support',
        }),
      );
      expect(error).toMatchObject({
        upstream: 'grafana',
        reason: 'Unauthorized',
        status: 401,
        detail: 'Unauthorized',
      });
      expectOneFixtureRequest();
    });
  });

  describeStandInContract(
    'the sandbox Grafana answers each fixture like Grafana',
    fixtures,
    {
      start: () =>
        startGrafanaServer({
          port: 0,
          seed: loadSeed(),
          credentials: DEFAULT_SANDBOX_CREDENTIALS,
        }),
    },
  );
});
