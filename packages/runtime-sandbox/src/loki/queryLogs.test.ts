import { loadProdSeed, loadSeed } from '../seed';
import { telemetrySources } from '../telemetry/telemetrySources';
import { componentLogStreams } from './componentLogStreams';
import { filtersExcludeStream } from './filtersExcludeStream';
import { templateRegExp } from './lineTemplate';
import { LogStream, logStreams } from './logLines';
import { parseLogQuery, selectsStream } from './logql';
import { queryLogs } from './queryLogs';

const END_NS = BigInt(Date.parse('2026-01-15T12:00:00Z')) * 1_000_000n;
/** 20 seconds: the teams' info streams write up to 60 lines a second. */
const RANGE = { startNs: END_NS - 20_000_000_000n, endNs: END_NS };

const streams = [
  ...telemetrySources(loadSeed()).flatMap(logStreams),
  ...telemetrySources(loadProdSeed()).flatMap(logStreams),
  ...componentLogStreams(loadSeed()),
];
/** The same streams read line by line: without templates nothing is skipped. */
const scanned: LogStream[] = streams.map(
  ({ templates: _, ...stream }) => stream,
);

/** A query's answer as comparable text. */
function answer(
  all: LogStream[],
  logql: string,
  direction: 'forward' | 'backward',
) {
  const query = parseLogQuery(logql);
  return queryLogs(
    all.filter(stream => selectsStream(query, stream.labels)),
    query,
    RANGE,
    5000,
    direction,
  ).map(e => `${e.timestampNs} ${JSON.stringify(e.stream.labels)} ${e.line}`);
}

const SELECTORS = [
  '{namespace=~"team-.+"}',
  '{namespace="team-search", service="semantic-search"}',
  '{namespace="team-assistant", service=~"llama.+|support-assistant"}',
  '{namespace=~"runtime-.+"}',
];
const FILTERS = [
  '|~ "(?i)(error|exception|fatal)"',
  '|~ "(error|exception|fatal)"',
  '|= "error"',
  '|= "request completed"',
  '|~ "(?i)(COMPLETED|nothing here)"',
  '|= "slow request"',
  '|= "status=201"',
  '|= "Z caller"',
  '|~ "(?i)t=20"',
  '|= "request_id=a"',
  '|= "chat/completions"',
  '|~ "(?i)cuda|deadline"',
  '|~ "err(or|no)"',
  '|~ "(?i)status=50[0-4]"',
  '|= ""',
  '!= "completed"',
  '!~ "(?i)(error|exception|fatal)"',
  '|= "request" != "GET"',
  '!= "x" |~ "(?i)fatal"',
  '|= "POST" |~ "(?i)(error|exception|fatal)"',
];

describe('queryLogs', () => {
  it.each(SELECTORS.flatMap(s => FILTERS.map(f => `${s} ${f}`)))(
    'answers %s as a line-by-line scan does',
    logql => {
      for (const direction of ['forward', 'backward'] as const) {
        expect(answer(streams, logql, direction)).toEqual(
          answer(scanned, logql, direction),
        );
      }
    },
  );

  it("skips the teams' info and warning streams for the portal's error filter, and no error stream", () => {
    const query = parseLogQuery(
      '{namespace=~"team-.+"} |~ "(?i)(error|exception|fatal)"',
    );
    const teams = streams.filter(s => selectsStream(query, s.labels));
    const skipped = teams.filter(s => filtersExcludeStream(query, s));
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped).toEqual(teams.filter(s => s.level !== 'error'));
  });

  it.each(['|= "request completed"', '|~ "(?i)post"', '!= "error"'])(
    "skips no team's info stream for %s, whose text may be in its lines",
    filter => {
      const query = parseLogQuery(
        `{namespace=~"team-.+", level="info"} ${filter}`,
      );
      const info = streams.filter(s => selectsStream(query, s.labels));
      expect(info.length).toBeGreaterThan(0);
      expect(info.filter(s => filtersExcludeStream(query, s))).toEqual([]);
    },
  );

  it('writes every line of a stream that declares templates as one of them', () => {
    const misfits = streams.flatMap(stream => {
      if (!stream.templates) return [];
      const regexes = stream.templates.map(templateRegExp);
      return Array.from({ length: 300 }, (_, i) =>
        stream.line(i * 7919, Date.parse('2026-01-15T12:00:00Z') + i * 1000),
      ).filter(line => !regexes.some(regex => regex.test(line)));
    });
    expect(misfits).toEqual([]);
  });
});
