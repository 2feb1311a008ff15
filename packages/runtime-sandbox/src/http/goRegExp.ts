/**
 * Compiles a Go (RE2) regular expression as the upstreams written in Go do: a leading flag group such
 * as `(?i)` or `(?is)` becomes JavaScript flags; `anchored` wraps it as Prometheus and Loki label
 * matchers are (`^(?:re)$`). Throws the JavaScript SyntaxError for an invalid expression.
 */
export function goRegExp(source: string, anchored: boolean): RegExp {
  const flagGroup = /^\(\?([imsU]+)\)/.exec(source);
  let flags = 'u';
  let body = source;
  if (flagGroup) {
    body = source.slice(flagGroup[0].length);
    if (flagGroup[1].includes('i')) flags += 'i';
    if (flagGroup[1].includes('s')) flags += 's';
    if (flagGroup[1].includes('m')) flags += 'm';
  }
  return new RegExp(anchored ? `^(?:${body})$` : body, flags);
}
