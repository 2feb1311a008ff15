import { goRegExp } from '../http/goRegExp';
import { LabelMatcher, matchesLabelValue } from '../http/labelMatcher';

/** One label matcher of Alertmanager's `filter` parameter. */
export type { LabelMatcher };

/** A matcher that Alertmanager refuses; its message is what the API answers with (400). */
export class MatcherParseError extends Error {}

const MATCHER =
  /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

/**
 * Parses one matcher as Alertmanager 0.25's `labels.ParseMatcher` does: `name<op>value` with an
 * optionally double-quoted, backslash-escaped value; regexes are anchored.
 */
export function parseMatcher(text: string): LabelMatcher {
  const match = MATCHER.exec(text);
  if (!match) throw new MatcherParseError(`bad matcher format: ${text}`);
  const [, name, type, raw] = match;
  let rawValue = raw;
  let expectTrailingQuote = false;
  if (rawValue.startsWith('"')) {
    rawValue = rawValue.slice(1);
    expectTrailingQuote = true;
  }
  let value = '';
  let escaped = false;
  const chars = Array.from(rawValue);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (escaped) {
      escaped = false;
      if (char === 'n') value += '\n';
      else if (char === '"' || char === '\\') value += char;
      else value += `\\${char}`;
      continue;
    }
    if (char === '\\') {
      if (i < chars.length - 1) {
        escaped = true;
        continue;
      }
      value += '\\';
    } else if (char === '"') {
      if (!expectTrailingQuote || i < chars.length - 1) {
        throw new MatcherParseError(
          `matcher value contains unescaped double quote: ${raw}`,
        );
      }
      expectTrailingQuote = false;
    } else {
      value += char;
    }
  }
  if (expectTrailingQuote) {
    throw new MatcherParseError(
      `matcher value contains unescaped double quote: ${raw}`,
    );
  }
  const matcher: LabelMatcher = {
    name,
    type: type as LabelMatcher['type'],
    value,
  };
  if (type === '=~' || type === '!~') {
    const source = `^(?:${value})$`;
    try {
      matcher.regex = goRegExp(value, true);
    } catch (error) {
      throw new MatcherParseError(
        `error parsing regexp: ${(error as Error).message}: \`${source}\``,
      );
    }
  }
  return matcher;
}

/**
 * Whether a label set passes every matcher, as Alertmanager's API filters alerts
 * (`matchFilterLabels`): an absent label is the empty value, and an empty-valued matcher is skipped
 * for a label that is absent (`=`, `=~`) or present (`!=`, `!~`).
 */
export function matchesAll(
  matchers: LabelMatcher[],
  labels: Record<string, string>,
): boolean {
  return matchers.every(matcher => {
    const present = Object.prototype.hasOwnProperty.call(labels, matcher.name);
    const negative = matcher.type === '!=' || matcher.type === '!~';
    if (matcher.value === '' && (negative ? present : !present)) return true;
    return matchesLabelValue(matcher, present ? labels[matcher.name] : '');
  });
}
