/**
 * A label matcher as Prometheus, Alertmanager and Loki write it: `name="v"`, `name!="v"`,
 * `name=~"re"` or `name!~"re"`.
 */
export interface LabelMatcher {
  name: string;
  type: '=' | '!=' | '=~' | '!~';
  value: string;
  /** The anchored regular expression of a `=~` / `!~` matcher. */
  regex?: RegExp;
}

/** Whether a label's value passes one matcher. */
export function matchesLabelValue(
  matcher: LabelMatcher,
  value: string,
): boolean {
  switch (matcher.type) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return matcher.regex!.test(value);
    default:
      return !matcher.regex!.test(value);
  }
}
