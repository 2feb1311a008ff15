/**
 * A `fetch` for a client under test that adds each URL it is asked for to `requested`, then calls
 * the global `fetch` (to count pages, or check the query a client sends).
 */
export function recordingFetch(requested: string[]): typeof fetch {
  return (url, init) => {
    requested.push(String(url));
    return fetch(url, init);
  };
}
