import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startHarborServer,
} from '@runtime-portal/runtime-sandbox';
import { HarborClient } from './HarborClient';
import { loadContractFixtures } from '../testing/contractFixtures';
import {
  describeStandInContract,
  useFixtureClient,
} from '../testing/contractSuite';
import { expectUpstreamFailure } from '../testing/expectUpstreamFailure';
import { httpAccess } from '../testing/httpAccess';
import { wholeBody } from '../testing/wholeBody';

const fixtures = loadContractFixtures(join(__dirname, '__fixtures__'));

/** The robot account the fixtures' requests carry (the client's configured one). */
const ROBOT = {
  username: 'robot$contract',
  password: 'contract-harbor-secret',
};
const FIXTURE_AUTH = `Basic ${Buffer.from(
  `${ROBOT.username}:${ROBOT.password}`,
).toString('base64')}`;

describe('Harbor contract', () => {
  describe('HarborClient against the fixtures', () => {
    const { server, client, expectSentAsDescribed } = useFixtureClient(
      Object.values(fixtures),
      url =>
        new HarborClient({
          environment: 'dev',
          access: httpAccess(url, ROBOT),
        }),
    );

    it(`${fixtures['list-artifacts-with-scan-overview'].name}`, async () => {
      const artifacts = await client().listArtifacts(
        'media-team',
        'meeting-transcriber',
      );
      // One page: X-Total-Count says 2.
      expect(server().requests).toHaveLength(1);
      expect(artifacts).toEqual([
        {
          digest:
            'sha256:6c05970c03220d5fbd83afdfeb4ba4b068c137aad55850c1c70ff8849bd46bb3',
          pushTime: '2026-12-04T06:41:36.697Z',
          size: 180000000,
          tags: [{ name: '0.9.1', pushTime: '2026-12-04T06:41:36.697Z' }],
          scan: {
            status: 'Success',
            severity: 'Medium',
            total: 6,
            fixable: 3,
            counts: { critical: 0, high: 0, medium: 2, low: 4 },
            completePercent: 100,
            startTime: '2026-12-04T06:42:36.697Z',
            endTime: '2026-12-04T06:43:11.697Z',
          },
        },
        expect.objectContaining({
          tags: [expect.objectContaining({ name: '0.9.0' })],
          scan: expect.objectContaining({
            severity: 'Critical',
            total: 16,
            counts: { critical: 1, high: 2, medium: 5, low: 8 },
          }),
        }),
      ]);
      expectSentAsDescribed();
    });

    it(`${fixtures['list-artifacts-of-unknown-repository'].name}`, async () => {
      expect(await client().listArtifacts('media-team', 'nope')).toEqual([]);
      expectSentAsDescribed();
    });

    it(`${fixtures['list-artifacts-of-unknown-project'].name}`, async () => {
      expect(
        await expectUpstreamFailure(client().listArtifacts('nope', 'nope')),
      ).toMatchObject({
        upstream: 'harbor',
        reason: 'Forbidden',
        status: 403,
        detail: 'forbidden',
      });
      expectSentAsDescribed();
    });

    it(`${fixtures['list-artifacts-with-wrong-password'].name}`, async () => {
      const wrong = new HarborClient({
        environment: 'dev',
        access: httpAccess(server().url, {
          ...ROBOT,
          password: 'wrong-harbor-secret',
        }),
      });
      const error = await expectUpstreamFailure(
        wrong.listArtifacts('media-team', 'meeting-transcriber'),
      );
      expect(error).toMatchObject({
        reason: 'Unauthorized',
        status: 401,
        detail: 'unauthorized',
      });
      expect(error.message).not.toContain('wrong-harbor-secret');
      expectSentAsDescribed();
    });

    it('sends nothing a fixture does not describe', async () => {
      await expectUpstreamFailure(
        client().listArtifacts('media-team', 'meeting-transcriber', {
          q: 'tags=0.9.1',
        }),
      );
      expect(server().mismatches).toHaveLength(1);
    });
  });

  describeStandInContract('the sandbox Harbor answers each fixture', fixtures, {
    start: () =>
      startHarborServer({
        port: 0,
        seed: loadSeed(),
        credentials: DEFAULT_SANDBOX_CREDENTIALS,
      }),
    // The sandbox's robot instead of the fixture's; a wrong secret stays wrong.
    headers: (fixture): Record<string, string> => {
      if (fixture.request.headers?.authorization !== FIXTURE_AUTH) return {};
      const { harborUsername, harborPassword } = DEFAULT_SANDBOX_CREDENTIALS;
      return {
        authorization: `Basic ${Buffer.from(
          `${harborUsername}:${harborPassword}`,
        ).toString('base64')}`,
      };
    },
    pinned: wholeBody,
    alsoExpect: (answer, fixture) => {
      expect(answer.headers.get('x-total-count') ?? undefined).toBe(
        fixture.response.headers?.['x-total-count'] ?? undefined,
      );
    },
  });
});
