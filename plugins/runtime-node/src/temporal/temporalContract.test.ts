import { join } from 'node:path';
import {
  DEFAULT_SANDBOX_CREDENTIALS,
  loadSeed,
  startTemporalServer,
} from '@runtime-portal/runtime-sandbox';
import { TemporalClient } from './TemporalClient';
import { loadContractFixtures } from '../testing/contractFixtures';
import {
  describeStandInContract,
  useFixtureClient,
} from '../testing/contractSuite';

const fixtures = loadContractFixtures(join(__dirname, '__fixtures__'));

describe('Temporal contract', () => {
  describe('TemporalClient against the fixtures', () => {
    const { client, expectOneFixtureRequest } = useFixtureClient(
      Object.values(fixtures),
      url =>
        new TemporalClient({
          environment: 'dev',
          access: { httpUrl: url, timeoutMs: 2000 },
        }),
    );

    const semanticSearch = {
      name: 'semantic-search',
      id: '0c5b7c1e-6f4a-4d55-9d3c-2f4c8e1a9b70',
      state: 'Registered',
      description: 'Workflows of semantic-search',
      ownerEmail: 'search-team@example.com',
      retentionDays: 7,
      data: { owner: 'search-team', service: 'semantic-search' },
    };

    it(`${fixtures.describe_namespace.name}`, async () => {
      expect(await client().describeNamespace('semantic-search')).toEqual(
        semanticSearch,
      );
      expectOneFixtureRequest();
    });

    it(`${fixtures.list_namespaces.name}`, async () => {
      expect(await client().listNamespaces()).toEqual([
        semanticSearch,
        {
          name: 'default',
          id: '32049b68-7872-4094-8e63-d0dd59896a83',
          state: 'Registered',
          description: 'Default namespace for Temporal Server.',
          ownerEmail: undefined,
          retentionDays: 1,
          data: {},
        },
      ]);
      expectOneFixtureRequest();
    });

    it(`${fixtures.describe_namespace_unknown.name}`, async () => {
      await expect(
        client().describeNamespace('unknown-team'),
      ).resolves.toBeUndefined();
      expectOneFixtureRequest();
    });
  });

  describeStandInContract(
    'the sandbox Temporal answers each fixture like Temporal',
    fixtures,
    {
      start: () =>
        startTemporalServer({
          port: 0,
          seed: loadSeed(),
          credentials: DEFAULT_SANDBOX_CREDENTIALS,
        }),
    },
  );
});
