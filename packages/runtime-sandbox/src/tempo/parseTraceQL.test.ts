import {
  TraceQLParseError,
  TraceQLUnsupportedError,
  parseDurationMs,
  parseTraceQL,
} from './parseTraceQL';

/** The message Tempo's query frontend answers for a query, or undefined when the sandbox parses it. */
function errorOf(query: string): string | undefined {
  try {
    parseTraceQL(query);
    return undefined;
  } catch (error) {
    if (!(error instanceof TraceQLParseError)) throw error;
    return error.message;
  }
}

describe('parseTraceQL', () => {
  it("reads the portal's searches (failed and slow traces of a service)", () => {
    expect(
      parseTraceQL(
        '{ resource.service.name = "orders" && resource.k8s.namespace.name = "team-a" && status = error }',
      ).conditions,
    ).toEqual([
      {
        attribute: 'resource.service.name',
        operator: '=',
        value: { type: 'string', value: 'orders' },
      },
      {
        attribute: 'resource.k8s.namespace.name',
        operator: '=',
        value: { type: 'string', value: 'team-a' },
      },
      {
        attribute: 'status',
        operator: '=',
        value: { type: 'status', value: 'error' },
      },
    ]);
    expect(
      parseTraceQL('{ resource.service.name = "orders" && duration > 1000ms }')
        .conditions[1],
    ).toEqual({
      attribute: 'duration',
      operator: '>',
      value: { type: 'number', value: 1000 },
    });
  });

  it('reads span attributes, kinds, numbers, regexes and parentheses', () => {
    const { conditions } = parseTraceQL(
      '{ (.http.response.status_code >= 500 && kind = server) && span.http.route =~ "/api/.*" && name != "x" && duration <= 90s }',
    );
    expect(
      conditions.map(c => [c.attribute, c.operator, c.value.value]),
    ).toEqual([
      ['.http.response.status_code', '>=', 500],
      ['kind', '=', 'server'],
      ['span.http.route', '=~', '/api/.*'],
      ['name', '!=', 'x'],
      ['duration', '<=', 90_000],
    ]);
    expect(conditions[2].value).toMatchObject({ regex: expect.any(RegExp) });
    expect(parseTraceQL('{}').conditions).toEqual([]);
  });

  // grafana/tempo v3.0.3 pkg/traceql/parse_test.go and modules/frontend/search_handlers_test.go
  it.each([
    [
      'foo',
      'parse error at line 1, col 1: syntax error: unexpected IDENTIFIER',
    ],
    [
      'wharblgarbl',
      'parse error at line 1, col 1: syntax error: unexpected IDENTIFIER',
    ],
    [
      '{ .a } | { .b',
      'parse error at line 1, col 14: syntax error: unexpected $end',
    ],
    ['{ .a | .b }', 'parse error at line 1, col 6: syntax error: unexpected |'],
    ['{ 2 <> 3}', 'parse error at line 1, col 6: syntax error: unexpected >'],
    [
      '{ 2 = .b ',
      'parse error at line 1, col 10: syntax error: unexpected $end',
    ],
    ['{ + }', 'parse error at line 1, col 3: syntax error: unexpected +'],
    [
      '{ .foo .bar }',
      'parse error at line 1, col 8: syntax error: unexpected .',
    ],
  ])('answers %s with Tempo’s parse error', (query, message) => {
    expect(errorOf(query)).toBe(`invalid TraceQL query: ${message}`);
  });

  it('answers lexer errors at the string', () => {
    expect(errorOf('{ name = "x }')).toBe(
      'invalid TraceQL query: parse error at line 1, col 10: literal not terminated',
    );
    expect(errorOf('{ name = "\\q" }')).toBe(
      'invalid TraceQL query: parse error at line 1, col 10: invalid syntax',
    );
  });

  it.each([
    ['{ .a = 1 } | count() > 2', /only one spanset filter/],
    ['{ .a = 1 } && { .b = 2 }', /only one spanset filter/],
    ['{ .a = 1 || .b = 2 }', /only conditions joined by &&/],
    ['{ rootServiceName = "x" }', /the field rootServiceName/],
    ['{ .a = true }', /the operand true/],
    ['{ .a = 1 } | rate()', /only one spanset filter/],
  ])('refuses %s, valid TraceQL it does not evaluate', (query, what) => {
    expect(() => parseTraceQL(query)).toThrow(TraceQLUnsupportedError);
    expect(() => parseTraceQL(query)).toThrow(what);
  });

  it('reads Go durations', () => {
    expect(parseDurationMs('1.5s')).toBe(1500);
    expect(parseDurationMs('1m30s')).toBe(90_000);
    expect(parseDurationMs('250us')).toBe(0.25);
    expect(parseDurationMs('5')).toBeUndefined();
    expect(parseDurationMs('5x')).toBeUndefined();
  });
});
