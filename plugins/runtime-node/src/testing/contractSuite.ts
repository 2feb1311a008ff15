/*
 * Helpers that register hooks and tests for the contract test files: titles come from the caller,
 * and assertions from expectStandInAnswersFixture.
 */
/* eslint-disable jest/no-export, jest/valid-title, jest/expect-expect */
import {
  ContractFixture,
  FixtureAnswer,
  FixtureServer,
  expectAnswerMatchesFixture,
  sendContractRequest,
  serveContractFixtures,
} from './contractFixtures';

/** A fixture server registered for the tests of a `describe` block (see {@link useFixtureServer}). */
export interface FixtureServerInUse {
  /** The running server: only inside hooks and tests. */
  server(): FixtureServer;
  /** The client sent only requests a fixture describes. */
  expectSentAsDescribed(): void;
  /** The client sent one request, and it was exactly a fixture's. */
  expectOneFixtureRequest(): void;
}

/**
 * Serves `fixtures` (see {@link serveContractFixtures}) to the tests of the calling `describe`
 * block: started before them (so that a later `beforeAll` can point a client at it), its
 * `requests` and `mismatches` emptied after each, and closed after all.
 */
export function useFixtureServer(
  fixtures: ContractFixture[],
): FixtureServerInUse {
  let current: FixtureServer | undefined;
  const server = () => {
    if (!current) throw new Error('the fixture server runs only in tests');
    return current;
  };
  beforeAll(async () => {
    current = await serveContractFixtures(fixtures);
  });
  afterEach(() => {
    server().requests.length = 0;
    server().mismatches.length = 0;
  });
  afterAll(() => server().close());
  return {
    server,
    expectSentAsDescribed: () => expect(server().mismatches).toEqual([]),
    expectOneFixtureRequest: () => {
      expect(server().mismatches).toEqual([]);
      expect(server().requests).toHaveLength(1);
    },
  };
}

/**
 * {@link useFixtureServer}, with a client pointed at the server: `clientFor` makes it from the
 * server's URL once the server runs.
 */
export function useFixtureClient<Client>(
  fixtures: ContractFixture[],
  clientFor: (url: string) => Client,
): FixtureServerInUse & { client(): Client } {
  const inUse = useFixtureServer(fixtures);
  let current: Client | undefined;
  beforeAll(() => {
    current = clientFor(inUse.server().url);
  });
  return {
    ...inUse,
    client: () => {
      if (current === undefined) {
        throw new Error('the fixture client exists only in tests');
      }
      return current;
    },
  };
}

/** An error answer's body, which a fixture pins by value (not only by shape); undefined otherwise. */
export function pinnedErrorBody(answer: {
  status: number;
  body?: unknown;
}): unknown {
  return answer.status >= 400 ? answer.body : undefined;
}

/** A sandbox stand-in started for a contract test. */
export interface StartedStandIn {
  url: string;
  close(): Promise<void>;
}

/** How {@link describeStandInContract} starts a stand-in and checks its answers. */
export interface StandInContractOptions {
  /** Starts the stand-in (once, before the fixtures' requests); it is closed after them. */
  start(): Promise<StartedStandIn>;
  /** Brings the stand-in into the state a fixture's request expects, before it is sent. */
  prepare?(file: string, fixture: ContractFixture): Promise<void>;
  /** Headers added to a fixture's request, e.g. the stand-in's credentials instead of the fixture's. */
  headers?(fixture: ContractFixture): Record<string, string>;
  /**
   * Sends a fixture's request to the stand-in and reads the answer: {@link sendContractRequest}
   * (with `headers`) unless told otherwise.
   */
  send?(
    standIn: StartedStandIn,
    fixture: ContractFixture,
  ): Promise<FixtureAnswer>;
  /**
   * The part of an answer compared whole with the fixture's response, beyond its shape:
   * {@link pinnedErrorBody} unless told otherwise.
   */
  pinned?(answer: { status: number; body?: unknown }): unknown;
  /** Further checks of one answer (headers, the stand-in's state after the request). */
  alsoExpect?(
    answer: FixtureAnswer,
    fixture: ContractFixture,
    file: string,
  ): void | Promise<void>;
  /** The test's name for a fixture: its file name unless told otherwise. */
  testName?(file: string, fixture: ContractFixture): string;
}

/**
 * Sends a fixture's request to a running stand-in and checks its answer as
 * {@link describeStandInContract} does: the fixture's status, a body of its shape, the same pinned
 * part, and `alsoExpect`. Throws (fails the test) on any difference.
 */
export async function expectStandInAnswersFixture(
  standIn: StartedStandIn,
  file: string,
  fixture: ContractFixture,
  options: Omit<StandInContractOptions, 'start' | 'testName'> = {},
): Promise<void> {
  const {
    prepare,
    headers = () => ({}),
    send = (target, sent) =>
      sendContractRequest(target.url, sent, { headers: headers(sent) }),
    pinned = pinnedErrorBody,
    alsoExpect,
  } = options;
  await prepare?.(file, fixture);
  const answer = await send(standIn, fixture);
  expectAnswerMatchesFixture(answer, fixture);
  expect(pinned(answer)).toEqual(pinned(fixture.response));
  await alsoExpect?.(answer, fixture, file);
}

/**
 * Registers a `describe` block that starts a stand-in and has one test per fixture (in file-name
 * order), each checked by {@link expectStandInAnswersFixture}.
 */
export function describeStandInContract(
  title: string,
  fixtures: Record<string, ContractFixture>,
  options: StandInContractOptions,
) {
  const { start, testName = file => file, ...checks } = options;
  describe(title, () => {
    let standIn: StartedStandIn | undefined;
    beforeAll(async () => {
      standIn = await start();
    });
    afterAll(() => standIn?.close());

    const cases = Object.entries(fixtures).map(
      ([file, fixture]) =>
        [testName(file, fixture), file, fixture] as [
          string,
          string,
          ContractFixture,
        ],
    );
    it.each(cases)('%s', (_name, file, fixture) =>
      expectStandInAnswersFixture(standIn!, file, fixture, checks),
    );
  });
}
