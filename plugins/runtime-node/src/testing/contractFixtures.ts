import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { TestServer, startTestServer } from './testServer';

/**
 * One request and response pair of an upstream's API, written from the upstream's own documentation
 * and source (`source` says where). The client is tested against the response, the sandbox's
 * stand-in against the request, so drift on either side fails a test.
 *
 * Values may be the sandbox seed's (names, namespaces), so that the stand-in can answer the same
 * request; field names, types, status codes and error bodies are the upstream's.
 */
export interface ContractFixture {
  /** Short description, used as the test's name. */
  name: string;
  /** Where the pair comes from: upstream repository, version and file or documentation URL. */
  source: string;
  request: {
    method: string;
    /** Path without the query, e.g. `/loki/api/v1/query_range`. */
    path: string;
    /** Query parameters the request must carry (a list for a repeated parameter). */
    query?: Record<string, string | string[]>;
    /** Query parameters whose value depends on the call (a time, a generated name): only their presence is checked. */
    anyValueQuery?: string[];
    /** Headers the request must carry (names in lower case). */
    headers?: Record<string, string>;
    /** JSON body the request must carry (compared by shape, see {@link expectSameShape}). */
    body?: unknown;
  };
  response: {
    status: number;
    headers?: Record<string, string>;
    /** JSON body (or a string for a non-JSON body). */
    body?: unknown;
    /**
     * JSON paths (as {@link expectSameShape} prints them, `[]` for any array item) whose keys the
     * stand-in may leave out: optional fields the upstream sends only sometimes.
     */
    optional?: string[];
    /**
     * JSON paths of objects that are maps with free keys (labels, annotations): any key is allowed,
     * and each value must be shaped like the fixture's first value.
     */
    maps?: string[];
  };
}

/** Paths that relax {@link expectSameShape}: see `optional` and `maps` on a fixture's response. */
export interface ShapeRules {
  optional?: string[];
  maps?: string[];
}

/** Reads every `*.json` fixture in `dir` (an upstream's `__fixtures__` folder), by file name. */
export function loadContractFixtures(
  dir: string,
): Record<string, ContractFixture> {
  const fixtures: Record<string, ContractFixture> = {};
  for (const file of readdirSync(dir)
    .filter(f => f.endsWith('.json'))
    .sort()) {
    const fixture = JSON.parse(
      readFileSync(join(dir, file), 'utf8'),
    ) as ContractFixture;
    if (!fixture.name || !fixture.source || !fixture.request?.path) {
      throw new Error(`${file}: a fixture needs name, source and request.path`);
    }
    fixtures[file.replace(/\.json$/, '')] = fixture;
  }
  return fixtures;
}

/** Why a request does not match a fixture's, or undefined when it does. */
export function requestMismatch(
  fixture: ContractFixture,
  actual: {
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    body?: unknown;
  },
): string | undefined {
  const expected = fixture.request;
  const url = new URL(actual.url, 'http://fixture');
  if (actual.method !== expected.method) {
    return `method ${actual.method}, expected ${expected.method}`;
  }
  if (canonicalPath(url.pathname) !== canonicalPath(expected.path)) {
    return `path ${url.pathname}, expected ${expected.path}`;
  }
  const wanted = new Set([
    ...Object.keys(expected.query ?? {}),
    ...(expected.anyValueQuery ?? []),
  ]);
  for (const key of new Set(url.searchParams.keys())) {
    if (!wanted.has(key)) return `unexpected query parameter ${key}`;
  }
  for (const key of expected.anyValueQuery ?? []) {
    if (!url.searchParams.has(key)) return `query parameter ${key} missing`;
  }
  for (const [key, value] of Object.entries(expected.query ?? {})) {
    const values = url.searchParams.getAll(key);
    const wantedValues = Array.isArray(value) ? value : [value];
    if (JSON.stringify(values) !== JSON.stringify(wantedValues)) {
      return `query ${key}=${JSON.stringify(values)}, expected ${JSON.stringify(
        wantedValues,
      )}`;
    }
  }
  for (const [key, value] of Object.entries(expected.headers ?? {})) {
    if (actual.headers[key] !== value) {
      return `header ${key}: ${actual.headers[key]}, expected ${value}`;
    }
  }
  if (expected.body !== undefined) {
    const problems = shapeDifferences(actual.body, expected.body, 'body', {});
    if (problems.length > 0) return problems.join('; ');
  }
  return undefined;
}

/** A {@link TestServer} that answers with fixtures, and records requests no fixture matches. */
export interface FixtureServer extends TestServer {
  /** Why each unmatched request failed to match, in order. */
  mismatches: string[];
}

/**
 * Serves `fixtures` as the upstream would: a request matching a fixture's request gets its response;
 * anything else gets 599 and is listed in `mismatches` (the client sent what the upstream does not
 * expect).
 */
export async function serveContractFixtures(
  fixtures: ContractFixture[],
): Promise<FixtureServer> {
  const mismatches: string[] = [];
  const server = await startTestServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      const reasons: string[] = [];
      const match = fixtures.find(fixture => {
        const reason = requestMismatch(fixture, {
          method: req.method!,
          url: req.url!,
          headers: req.headers,
          body,
        });
        if (reason) reasons.push(`${fixture.name}: ${reason}`);
        return !reason;
      });
      if (!match) {
        mismatches.push(`${req.method} ${req.url}: ${reasons.join(' | ')}`);
        res.writeHead(599).end();
        return;
      }
      const { status, headers = {}, body: answer } = match.response;
      const isText = typeof answer === 'string';
      res.writeHead(status, {
        'content-type': isText ? 'text/plain' : 'application/json',
        ...headers,
      });
      res.end(answerText(answer));
    });
  });
  return Object.assign(server, { mismatches });
}

function answerText(answer: unknown): string {
  if (answer === undefined) return '';
  return typeof answer === 'string' ? answer : JSON.stringify(answer);
}

/** What a stand-in answered to a fixture's request. */
export interface FixtureAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * Sends a fixture's request to `baseUrl` (a stand-in), with `headers` added (credentials), and
 * returns the answer with its body parsed as JSON when it is JSON.
 */
export async function sendContractRequest(
  baseUrl: string,
  fixture: ContractFixture,
  options: {
    headers?: Record<string, string>;
    /** Values for `anyValueQuery` parameters. */
    query?: Record<string, string>;
  } = {},
): Promise<FixtureAnswer> {
  const url = new URL(baseUrl.replace(/\/$/, '') + fixture.request.path);
  for (const [key, value] of Object.entries(fixture.request.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(key, v);
    }
  }
  for (const [key, value] of Object.entries(options.query ?? {})) {
    url.searchParams.set(key, value);
  }
  const hasBody = fixture.request.body !== undefined;
  const response = await fetch(url, {
    method: fixture.request.method,
    headers: {
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...fixture.request.headers,
      ...options.headers,
    },
    body: hasBody ? JSON.stringify(fixture.request.body) : undefined,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * Checks a stand-in's answer against a fixture's response: the same status, and a body of the same
 * shape (see {@link expectSameShape}). Throws with every difference.
 */
export function expectAnswerMatchesFixture(
  answer: FixtureAnswer,
  fixture: ContractFixture,
) {
  const problems: string[] = [];
  if (answer.status !== fixture.response.status) {
    problems.push(
      `status ${answer.status}, expected ${
        fixture.response.status
      } (body ${JSON.stringify(answer.body)?.slice(0, 300)})`,
    );
  }
  if (fixture.response.body !== undefined) {
    problems.push(
      ...shapeDifferences(answer.body, fixture.response.body, 'body', {
        optional: fixture.response.optional?.map(bodyPath),
        maps: fixture.response.maps?.map(bodyPath),
      }),
    );
  }
  if (problems.length > 0) {
    throw new Error(`${fixture.name}:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Throws unless `actual` has the shape of `expected`: the same JSON types, every key of an expected
 * object present (unless its path is in `optional`) and no key the expected object lacks, each item
 * of an actual array shaped like the expected array's first item, and a non-empty array where the
 * expected one is non-empty. Values themselves are not compared, except that strings and numbers in
 * a one-of-a-kind position (an enum) are best pinned with a separate assertion.
 */
export function expectSameShape(
  actual: unknown,
  expected: unknown,
  rules: ShapeRules = {},
) {
  const problems = shapeDifferences(actual, expected, '', rules);
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/**
 * A path with its percent-escapes decoded, except `%2F` and `%25`, which stay escaped (upper case):
 * an encoded slash (GitLab's `group%2Fproject`) or a twice-encoded one (Harbor's `a%252Fb`) is not
 * the same path as a plain slash.
 */
function canonicalPath(path: string): string {
  return path.replace(/%([0-9a-fA-F]{2})/g, (escape, hex: string) => {
    const upper = hex.toUpperCase();
    if (upper === '2F' || upper === '25') return `%${upper}`;
    try {
      return decodeURIComponent(escape);
    } catch {
      return `%${upper}`;
    }
  });
}

/**
 * A fixture's `optional` or `maps` path under the answer's `body` (`[]...` for an array body, `''`
 * for the body itself, e.g. a map of users by name).
 */
function bodyPath(path: string): string {
  if (path === '') return 'body';
  return path.startsWith('[') ? `body${path}` : `body.${path}`;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function shapeDifferences(
  actual: unknown,
  expected: unknown,
  path: string,
  rules: ShapeRules,
): string[] {
  const actualType = jsonType(actual);
  const expectedType = jsonType(expected);
  if (actualType !== expectedType) {
    return [`${path || '<root>'}: ${actualType}, expected ${expectedType}`];
  }
  if (expectedType === 'array') {
    const list = actual as unknown[];
    const example = (expected as unknown[])[0];
    if (example === undefined) return [];
    if (list.length === 0) return [`${path}: empty, expected items`];
    return list.flatMap(item =>
      shapeDifferences(item, example, `${path}[]`, rules),
    );
  }
  if (expectedType !== 'object') return [];
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  if (rules.maps?.includes(path)) {
    const example = Object.values(e)[0];
    if (example === undefined) return [];
    return Object.entries(a).flatMap(([key, value]) =>
      shapeDifferences(value, example, `${path}.${key}`, rules),
    );
  }
  const problems: string[] = [];
  for (const key of Object.keys(e)) {
    const child = path ? `${path}.${key}` : key;
    if (!(key in a)) {
      if (!rules.optional?.includes(child)) problems.push(`${child}: missing`);
      continue;
    }
    problems.push(...shapeDifferences(a[key], e[key], child, rules));
  }
  for (const key of Object.keys(a)) {
    if (!(key in e)) {
      problems.push(
        `${path ? `${path}.` : ''}${key}: not in the upstream's answer`,
      );
    }
  }
  return problems;
}
