/** The URL at `key`, without trailing slashes; an error naming the key unless it is http(s). */
export function requireUrl(value: string, key: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Invalid config at '${key}': '${value}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `Invalid config at '${key}': '${value}' must be an http or https URL`,
    );
  }
  return value.replace(/\/+$/, '');
}
