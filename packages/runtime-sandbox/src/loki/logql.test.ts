import {
  LogQLParseError,
  LogQLUnsupportedError,
  parseLogQuery,
  passesLineFilters,
  selectsStream,
} from './logql';

/** The message Loki answers for a query, or undefined when the sandbox parses it. */
function errorOf(query: string): string | undefined {
  try {
    parseLogQuery(query);
    return undefined;
  } catch (error) {
    if (!(error instanceof LogQLParseError)) throw error;
    return error.message;
  }
}

describe('parseLogQuery', () => {
  it('reads a stream selector and line filters', () => {
    const query = parseLogQuery(
      '{namespace="a", service=~"b.*", level!="debug"} |= "x" != `y` |~ "(?i)err" !~ `z+`',
    );
    expect(query).toMatchObject({
      matchers: [
        { name: 'namespace', type: '=', value: 'a' },
        { name: 'service', type: '=~', value: 'b.*' },
        { name: 'level', type: '!=', value: 'debug' },
      ],
      filters: [
        { type: '|=', value: 'x' },
        { type: '!=', value: 'y' },
        { type: '|~', value: '(?i)err' },
        { type: '!~', value: 'z+' },
      ],
    });
    expect(
      selectsStream(query, { namespace: 'a', service: 'b1', level: 'info' }),
    ).toBe(true);
    expect(selectsStream(query, { namespace: 'a', service: 'xb' })).toBe(false);
    expect(passesLineFilters(query, 'x ERROR')).toBe(true);
    expect(passesLineFilters(query, 'x ERROR y')).toBe(false);
    expect(passesLineFilters(query, 'x ERROR zz')).toBe(false);
    expect(passesLineFilters(query, 'x fine')).toBe(false);
  });

  it("reads the portal's log query (buildStreamSelector and the default filter)", () => {
    const query = parseLogQuery(
      '{namespace="team-a", service="orders"} |~ "(?i)(error|exception|fatal)"',
    );
    expect(passesLineFilters(query, 'level=error msg="Fatal"')).toBe(true);
    expect(passesLineFilters(query, 'level=info msg="ok"')).toBe(false);
  });

  it('reads Go string escapes as Loki does', () => {
    expect(parseLogQuery('{a="x\\ty\\u00e9"}').matchers[0].value).toBe('x\tyé');
    expect(errorOf('{a="\\q"}')).toBe(
      'parse error at line 1, col 4: invalid syntax',
    );
  });

  // grafana/loki v3.7.6 pkg/logql/syntax/parser_test.go
  it.each([
    [
      '{foo="bar"',
      'parse error at line 1, col 11: syntax error: unexpected $end, expecting } or ,',
    ],
    [
      '{foo="bar"} |~',
      'parse error at line 1, col 15: syntax error: unexpected $end, expecting STRING or ip',
    ],
    [
      '{foo="bar"} "foo"',
      'parse error at line 1, col 13: syntax error: unexpected STRING',
    ],
    [
      '{foo="bar"} foo',
      'parse error at line 1, col 13: syntax error: unexpected IDENTIFIER',
    ],
    ['{foo="bar}', 'parse error at line 1, col 6: literal not terminated'],
    [
      '{app=~".*"}',
      'parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~".*" does not meet this requirement, but app=~".+" will',
    ],
  ])('answers %s with Loki’s parse error', (query, message) => {
    expect(errorOf(query)).toBe(message);
  });

  it('finds syntax errors with the grammar, at the offending token', () => {
    expect(errorOf('{a=b}')).toBe(
      'parse error at line 1, col 4: syntax error: unexpected IDENTIFIER, expecting STRING',
    );
    expect(errorOf('')).toMatch(
      /^parse error : syntax error: unexpected \$end/,
    );
    expect(errorOf('{a="b"}\n  |= ')).toMatch(
      /^parse error at line 2, col 6: syntax error: unexpected \$end, expecting STRING/,
    );
  });

  it('answers a bad regular expression as Loki’s matcher does', () => {
    expect(errorOf('{a=~"("}')).toMatch(
      /^parse error : error parsing regexp: /,
    );
  });

  it.each([
    ['{a="b"} | json', /label parsers/],
    ['{a="b"} | level="error"', /label filters/],
    ['{a="b"} | line_format "{{.msg}}"', /line_format/],
    ['{a="b"} |= "x" or "y"', /line filter/],
    ['{a="b"} |> "<_> x"', /line filter/],
    ['rate({a="b"}[5m])', /metric queries/],
    ['sum(count_over_time({a="b"}[1m]))', /metric queries/],
  ])('refuses %s, valid LogQL it does not evaluate', (query, what) => {
    expect(() => parseLogQuery(query)).toThrow(LogQLUnsupportedError);
    expect(() => parseLogQuery(query)).toThrow(what);
  });
});
