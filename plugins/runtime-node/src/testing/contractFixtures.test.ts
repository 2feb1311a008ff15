import {
  ContractFixture,
  expectAnswerMatchesFixture,
  expectSameShape,
  requestMismatch,
  sendContractRequest,
  serveContractFixtures,
} from './contractFixtures';

const fixture: ContractFixture = {
  name: 'list things',
  source: 'test',
  request: {
    method: 'GET',
    path: '/api/things',
    query: { limit: '2', tag: ['a', 'b'] },
    anyValueQuery: ['since'],
    headers: { 'x-token': 't' },
  },
  response: {
    status: 200,
    body: {
      items: [{ name: 'one', labels: { app: 'x' }, size: 1 }],
      next: null,
    },
    optional: ['items[].size'],
    maps: ['items[].labels'],
  },
};

describe('contract fixtures', () => {
  it('matches a request by method, path, query and headers, and says why not', () => {
    const headers = { 'x-token': 't' };
    const ok = '/api/things?limit=2&tag=a&tag=b&since=5';
    expect(
      requestMismatch(fixture, { method: 'GET', url: ok, headers }),
    ).toBeUndefined();
    expect(requestMismatch(fixture, { method: 'POST', url: ok, headers })).toBe(
      'method POST, expected GET',
    );
    expect(
      requestMismatch(fixture, {
        method: 'GET',
        url: '/api/things?limit=2&tag=a&tag=b',
        headers,
      }),
    ).toBe('query parameter since missing');
    expect(
      requestMismatch(fixture, { method: 'GET', url: `${ok}&x=1`, headers }),
    ).toBe('unexpected query parameter x');
    expect(
      requestMismatch(fixture, {
        method: 'GET',
        url: '/api/things?limit=3&tag=a&tag=b&since=5',
        headers,
      }),
    ).toBe('query limit=["3"], expected ["2"]');
    expect(
      requestMismatch(fixture, { method: 'GET', url: ok, headers: {} }),
    ).toBe('header x-token: undefined, expected t');
  });

  it('compares shapes: types, missing and invented keys, array items, maps and optional keys', () => {
    const expected = fixture.response.body;
    const rules = {
      optional: fixture.response.optional,
      maps: fixture.response.maps,
    };
    expect(() =>
      expectSameShape(
        { items: [{ name: 'two', labels: { a: 'b', c: 'd' } }], next: null },
        expected,
        rules,
      ),
    ).not.toThrow();
    expect(() =>
      expectSameShape(
        { items: [{ name: 2, labels: {} }], next: null },
        expected,
        rules,
      ),
    ).toThrow('items[].name: number, expected string');
    expect(() =>
      expectSameShape({ items: [{ labels: {} }], next: null }, expected, rules),
    ).toThrow('items[].name: missing');
    expect(() =>
      expectSameShape(
        { items: [{ name: 'x', labels: {}, extra: 1 }], next: null },
        expected,
        rules,
      ),
    ).toThrow('items[].extra: not in the upstream');
    expect(() =>
      expectSameShape({ items: [], next: null }, expected, rules),
    ).toThrow('items: empty, expected items');
    expect(() =>
      expectSameShape(
        { items: [{ name: 'x', labels: { a: 1 } }], next: null },
        expected,
        rules,
      ),
    ).toThrow('items[].labels.a: number, expected string');
    expect(() =>
      expectSameShape({ items: [{ name: 'x', labels: {} }] }, expected, rules),
    ).toThrow('next: missing');
  });

  it('tells an encoded slash in a path from a plain one, and decodes other escapes', () => {
    const encoded: ContractFixture = {
      ...fixture,
      request: { method: 'GET', path: '/projects/a%2Fb/x%252Fy' },
    };
    const match = (url: string) =>
      requestMismatch(encoded, { method: 'GET', url, headers: {} });
    expect(match('/projects/a%2fb/x%252Fy')).toBeUndefined();
    expect(match('/projects/a/b/x%252Fy')).toBe(
      'path /projects/a/b/x%252Fy, expected /projects/a%2Fb/x%252Fy',
    );
    expect(match('/projects/a%2Fb/x%2Fy')).toMatch(/^path /);
    expect(
      requestMismatch(
        { ...fixture, request: { method: 'GET', path: '/v1/a:b c' } },
        { method: 'GET', url: '/v1/a%3Ab%20c', headers: {} },
      ),
    ).toBeUndefined();
  });

  it('applies optional and maps paths under a body that is an array', () => {
    const list: ContractFixture = {
      ...fixture,
      response: {
        status: 200,
        body: [{ name: 'one', labels: { app: 'x' }, size: 1 }],
        optional: ['[].size'],
        maps: ['[].labels'],
      },
    };
    const answer = (body: unknown) => ({
      status: 200,
      headers: new Headers(),
      body,
    });
    expect(() =>
      expectAnswerMatchesFixture(
        answer([{ name: 'two', labels: { other: 'y' } }]),
        list,
      ),
    ).not.toThrow();
    expect(() =>
      expectAnswerMatchesFixture(answer([{ labels: {} }]), list),
    ).toThrow('body[].name: missing');
  });

  it('serves fixtures to a client and checks a stand-in answer against them', async () => {
    const server = await serveContractFixtures([fixture]);
    try {
      const answer = await sendContractRequest(server.url, fixture, {
        headers: { 'x-token': 't' },
        query: { since: '1' },
      });
      expect(answer.status).toBe(200);
      expect(() => expectAnswerMatchesFixture(answer, fixture)).not.toThrow();
      expect(server.mismatches).toEqual([]);

      const wrong = await fetch(`${server.url}/api/other`);
      expect(wrong.status).toBe(599);
      expect(server.mismatches).toEqual([
        'GET /api/other: list things: path /api/other, expected /api/things',
      ]);
      expect(() =>
        expectAnswerMatchesFixture(
          { status: 404, headers: new Headers(), body: {} },
          fixture,
        ),
      ).toThrow(/status 404, expected 200[\s\S]*body.items: missing/);
    } finally {
      await server.close();
    }
  });
});
