import { ContractFixture, serveContractFixtures } from './contractFixtures';
import {
  StartedStandIn,
  describeStandInContract,
  expectStandInAnswersFixture,
  pinnedErrorBody,
  useFixtureServer,
} from './contractSuite';

const listThings: ContractFixture = {
  name: 'list things',
  source: 'test',
  request: {
    method: 'GET',
    path: '/api/things',
    headers: { authorization: 'Bearer fixture-token' },
  },
  response: { status: 200, body: { items: [{ name: 'one' }] } },
};

const unknownThing: ContractFixture = {
  name: 'get an unknown thing',
  source: 'test',
  request: { method: 'GET', path: '/api/things/nope' },
  response: { status: 404, body: { message: 'thing nope not found' } },
};

/** A fixture whose request carries another token, or whose answer has another error body. */
function variant(
  fixture: ContractFixture,
  change: {
    headers?: Record<string, string>;
    body?: unknown;
  },
): ContractFixture {
  return {
    ...fixture,
    request: { ...fixture.request, headers: change.headers },
    response: { ...fixture.response, body: change.body },
  };
}

describe('useFixtureServer', () => {
  const { server, expectOneFixtureRequest, expectSentAsDescribed } =
    useFixtureServer([listThings]);

  it('serves the fixtures and checks that one described request was sent', async () => {
    const response = await fetch(`${server().url}/api/things`, {
      headers: { authorization: 'Bearer fixture-token' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(listThings.response.body);
    expectOneFixtureRequest();
  });

  it('forgets the requests of the test before', () => {
    expect(server().requests).toEqual([]);
    expect(() => expectOneFixtureRequest()).toThrow();
  });

  it('fails a request no fixture describes', async () => {
    const response = await fetch(`${server().url}/api/things`);
    expect(response.status).toBe(599);
    expect(() => expectSentAsDescribed()).toThrow();
    expect(() => expectOneFixtureRequest()).toThrow();
    expect(server().mismatches).toHaveLength(1);
  });
});

describe('pinnedErrorBody', () => {
  it('is the body of an error answer only', () => {
    expect(pinnedErrorBody({ status: 404, body: { message: 'gone' } })).toEqual(
      { message: 'gone' },
    );
    expect(pinnedErrorBody({ status: 200, body: { items: [] } })).toBe(
      undefined,
    );
  });
});

describe('expectStandInAnswersFixture', () => {
  let standIns: StartedStandIn[] = [];
  /** A stand-in that answers exactly as `fixtures` say. */
  async function standInFor(...fixtures: ContractFixture[]) {
    const standIn = await serveContractFixtures(fixtures);
    standIns.push(standIn);
    return standIn;
  }
  afterEach(async () => {
    await Promise.all(standIns.map(standIn => standIn.close()));
    standIns = [];
  });

  it('passes a stand-in that answers like the fixture, error body included', async () => {
    const standIn = await standInFor(unknownThing);
    await expect(
      expectStandInAnswersFixture(standIn, 'unknown-thing', unknownThing),
    ).resolves.toBeUndefined();
  });

  it('fails a stand-in whose error body differs, unless nothing is pinned', async () => {
    const standIn = await standInFor(
      variant(unknownThing, { body: { message: 'no such thing' } }),
    );
    await expect(
      expectStandInAnswersFixture(standIn, 'unknown-thing', unknownThing),
    ).rejects.toThrow('thing nope not found');
    await expectStandInAnswersFixture(standIn, 'unknown-thing', unknownThing, {
      pinned: () => undefined,
    });
  });

  it("sends the stand-in's credentials in place of the fixture's", async () => {
    const standIn = await standInFor(
      variant(listThings, {
        headers: { authorization: 'Bearer sandbox-token' },
        body: listThings.response.body,
      }),
    );
    await expect(
      expectStandInAnswersFixture(standIn, 'list-things', listThings),
    ).rejects.toThrow('status 599, expected 200');
    await expectStandInAnswersFixture(standIn, 'list-things', listThings, {
      headers: () => ({ authorization: 'Bearer sandbox-token' }),
    });
  });

  it('prepares, sends and checks further as told', async () => {
    const standIn = await standInFor(unknownThing);
    const calls: string[] = [];
    await expectStandInAnswersFixture(standIn, 'unknown-thing', unknownThing, {
      prepare: async file => {
        calls.push(`prepare ${file}`);
      },
      send: async (target, fixture) => {
        calls.push(`send ${fixture.name}`);
        const response = await fetch(`${target.url}${fixture.request.path}`);
        return {
          status: response.status,
          headers: response.headers,
          body: await response.json(),
        };
      },
      alsoExpect: (answer, _fixture, file) => {
        calls.push(`check ${file} ${answer.status}`);
      },
    });
    expect(calls).toEqual([
      'prepare unknown-thing',
      'send get an unknown thing',
      'check unknown-thing 404',
    ]);
  });
});

describeStandInContract(
  'describeStandInContract on a stand-in that answers each fixture',
  { 'list-things': listThings, 'unknown-thing': unknownThing },
  {
    start: () => serveContractFixtures([listThings, unknownThing]),
    testName: (file, fixture) => `${file}: ${fixture.name}`,
  },
);
