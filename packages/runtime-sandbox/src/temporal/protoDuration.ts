/**
 * Reads a `google.protobuf.Duration` in its JSON form (`"604800s"`, `"1.5s"`) as seconds; undefined
 * when the text is not one.
 */
export function parseProtoDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(value);
  if (!match) return undefined;
  const [, minus, whole, fraction = ''] = match;
  const seconds = Number(whole) + Number(`0.${fraction || '0'}`);
  return minus ? -seconds : seconds;
}

/** Writes seconds as a `google.protobuf.Duration` in its JSON form (`"604800s"`). */
export function formatProtoDuration(seconds: number): string {
  return `${
    Number.isInteger(seconds) ? seconds : seconds.toFixed(9).replace(/0+$/, '')
  }s`;
}
