import { goRegExp } from '../http/goRegExp';
import { TelemetrySource } from '../loki/telemetrySources';
import { SimulatedSpan, SimulatedTrace, TraceOutline } from './traces';

/** A TraceQL query Tempo cannot parse; the message is Tempo's wording. */
export class TraceQLParseError extends Error {}

type Operator = '=' | '!=' | '=~' | '!~' | '>' | '>=' | '<' | '<=';
type Value =
  | { type: 'string'; value: string; regex?: RegExp }
  | { type: 'number'; value: number }
  | { type: 'status'; value: SimulatedSpan['status'] }
  | { type: 'kind'; value: SimulatedSpan['kind'] };

/** One `attribute op value` condition of a spanset filter. */
export interface Condition {
  attribute: string;
  operator: Operator;
  value: Value;
}

/** A spanset filter `{ c1 && c2 ... }`: a span matches when every condition holds for it. */
export interface SpansetFilter {
  conditions: Condition[];
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const STATUSES = ['error', 'ok', 'unset'];
const KINDS = [
  'server',
  'client',
  'internal',
  'producer',
  'consumer',
  'unspecified',
];
const TOKEN =
  /\s*(?:(\{|\}|&&|=~|!~|!=|>=|<=|=|>|<)|("(?:[^"\\]|\\.)*")|(\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))|(\d+(?:\.\d+)?)|((?:resource|span)?\.[a-zA-Z_][\w.]*|[a-zA-Z_][\w.]*))/y;

/** Parses a Go-style duration (`500ms`, `1.5s`, `2m`) into milliseconds; undefined if it is not one. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)$/.exec(text.trim());
  return match ? Number(match[1]) * DURATION_UNITS[match[2]] : undefined;
}

/**
 * Parses the TraceQL subset the sandbox serves: one spanset filter `{ ... }` (or `{}`) of conditions
 * joined by `&&`, on `resource.service.name` (or `.service.name`), `name`, `status`, `kind`,
 * `duration` and span attributes (`span.http.route`, `.http.response.status_code`).
 */
export function parseTraceQL(query: string): SpansetFilter {
  const tokens: Array<{ text: string; col: number; kind: number }> = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < query.length) {
    if (/^\s*$/.test(query.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(query);
    if (!match) {
      throw new TraceQLParseError(
        `invalid TraceQL query: parse error at line 1, col ${
          position + 1
        }: syntax error: unexpected character`,
      );
    }
    const kind = match.slice(1).findIndex(group => group !== undefined);
    const text = match[kind + 1];
    tokens.push({ text, kind, col: match.index + match[0].indexOf(text) + 1 });
    position = TOKEN.lastIndex;
  }
  let i = 0;
  const fail = (expecting: string): never => {
    const token = tokens[i];
    throw new TraceQLParseError(
      `invalid TraceQL query: parse error at line 1, col ${
        token?.col ?? query.length + 1
      }: syntax error: unexpected ${
        token?.text ?? '$end'
      }, expecting ${expecting}`,
    );
  };
  if (tokens[i]?.text !== '{') {
    // A query can start with many tokens, so Tempo's parser (goyacc, verbose) names no expected
    // one; a bare word is its IDENTIFIER token (grafana/tempo pkg/traceql/parse_test.go).
    const token = tokens[0];
    const name =
      token && token.kind === 4 && /^[a-zA-Z_]/.test(token.text)
        ? 'IDENTIFIER'
        : token?.text ?? '$end';
    throw new TraceQLParseError(
      `invalid TraceQL query: parse error at line 1, col ${
        token?.col ?? 0
      }: syntax error: unexpected ${name}`,
    );
  }
  i++;
  const conditions: Condition[] = [];
  if (tokens[i]?.text === '}') {
    i++;
  } else {
    for (;;) {
      const attribute = tokens[i];
      if (attribute?.kind !== 4) fail('attribute');
      i++;
      const operator = tokens[i]?.text as Operator;
      if (!['=', '!=', '=~', '!~', '>', '>=', '<', '<='].includes(operator))
        fail('comparison operator');
      i++;
      const raw = tokens[i];
      let value: Value | undefined;
      if (raw?.kind === 1) {
        const text = JSON.parse(raw.text) as string;
        value = { type: 'string', value: text };
        if (operator === '=~' || operator === '!~') {
          try {
            value.regex = goRegExp(text, true);
          } catch (error) {
            throw new TraceQLParseError(
              `invalid TraceQL query: error parsing regexp: ${
                (error as Error).message
              }`,
            );
          }
        }
      } else if (raw?.kind === 2) {
        value = { type: 'number', value: parseDurationMs(raw.text)! };
      } else if (raw?.kind === 3) {
        value = { type: 'number', value: Number(raw.text) };
      } else if (raw?.kind === 4 && STATUSES.includes(raw.text)) {
        value = { type: 'status', value: raw.text as SimulatedSpan['status'] };
      } else if (raw?.kind === 4 && KINDS.includes(raw.text)) {
        value = { type: 'kind', value: raw.text as SimulatedSpan['kind'] };
      }
      if (!value) fail('value');
      i++;
      conditions.push({ attribute: attribute.text, operator, value: value! });
      if (tokens[i]?.text === '&&') {
        i++;
        continue;
      }
      if (tokens[i]?.text !== '}') fail('&& or }');
      i++;
      break;
    }
  }
  if (i < tokens.length) fail('$end');
  return { conditions };
}

function compare(actual: unknown, condition: Condition): boolean {
  const { operator, value } = condition;
  if (actual === undefined) return false;
  if (value.type === 'string' && typeof actual === 'string') {
    switch (operator) {
      case '=':
        return actual === value.value;
      case '!=':
        return actual !== value.value;
      case '=~':
        return value.regex!.test(actual);
      case '!~':
        return !value.regex!.test(actual);
      default:
        return false;
    }
  }
  if (value.type === 'number' && typeof actual === 'number') {
    switch (operator) {
      case '=':
        return actual === value.value;
      case '!=':
        return actual !== value.value;
      case '>':
        return actual > value.value;
      case '>=':
        return actual >= value.value;
      case '<':
        return actual < value.value;
      case '<=':
        return actual <= value.value;
      default:
        return false;
    }
  }
  if (
    (value.type === 'status' || value.type === 'kind') &&
    typeof actual === 'string'
  ) {
    if (operator === '=') return actual === value.value;
    if (operator === '!=') return actual !== value.value;
  }
  return false;
}

const RESOURCE_KEYS = [
  'service.name',
  'service.namespace',
  'k8s.namespace.name',
];

function resourceKey(attribute: string): string | undefined {
  if (attribute.startsWith('resource.'))
    return attribute.slice('resource.'.length);
  if (attribute.startsWith('.') && RESOURCE_KEYS.includes(attribute.slice(1)))
    return attribute.slice(1);
  return undefined;
}

/** Whether a source can have matching spans: its resource passes the filter's resource conditions. */
export function sourceMayMatch(
  filter: SpansetFilter,
  source: TelemetrySource,
): boolean {
  const resource: Record<string, string> = {
    'service.name': source.name,
    'service.namespace': source.namespace,
    'k8s.namespace.name': source.namespace,
  };
  return filter.conditions.every(condition => {
    const key = resourceKey(condition.attribute);
    return key === undefined || compare(resource[key], condition);
  });
}

/**
 * Whether a trace can have matching spans, from its outline: a `status = error` condition needs a
 * failed trace, a lower bound on `duration` a long enough root (the longest span).
 */
export function outlineMayMatch(
  filter: SpansetFilter,
  outline: TraceOutline,
): boolean {
  return filter.conditions.every(({ attribute, operator, value }) => {
    if (attribute === 'status' && operator === '=' && value.value === 'error')
      return outline.failed;
    if (
      attribute === 'duration' &&
      (operator === '>' || operator === '>=') &&
      value.type === 'number'
    ) {
      return operator === '>'
        ? outline.durationMs > value.value
        : outline.durationMs >= value.value;
    }
    return true;
  });
}

/** The value of an attribute of a span of a trace (intrinsics, resource and span attributes). */
export function spanAttribute(
  trace: SimulatedTrace,
  span: SimulatedSpan,
  attribute: string,
): unknown {
  const resource: Record<string, string> = {
    'service.name': trace.source.name,
    'service.namespace': trace.source.namespace,
    'k8s.namespace.name': trace.source.namespace,
  };
  switch (attribute) {
    case 'name':
      return span.name;
    case 'status':
      return span.status;
    case 'kind':
      return span.kind;
    case 'duration':
      return span.durationMs;
    default:
      break;
  }
  if (attribute.startsWith('resource.'))
    return resource[attribute.slice('resource.'.length)];
  if (attribute.startsWith('span.'))
    return span.attributes[attribute.slice('span.'.length)];
  if (attribute.startsWith('.')) {
    const key = attribute.slice(1);
    return span.attributes[key] ?? resource[key];
  }
  return undefined;
}

/** The spans of a trace that match the filter (a trace matches when there is at least one). */
export function matchingSpans(
  filter: SpansetFilter,
  trace: SimulatedTrace,
): SimulatedSpan[] {
  return trace.spans.filter(span =>
    filter.conditions.every(condition =>
      compare(spanAttribute(trace, span, condition.attribute), condition),
    ),
  );
}
