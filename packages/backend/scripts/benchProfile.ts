import { Page } from '@playwright/test';

/** A node of a V8 CPU profile, as CDP's `Profiler.stop` returns it. */
interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
  };
  hitCount?: number;
}

/** Where the renderer spent its time: self time per function and per script, largest first. */
export interface RendererProfile {
  totalMs: number;
  functions: Array<{ name: string; ms: number }>;
  scripts: Array<{ url: string; ms: number }>;
}

const shortUrl = (url: string) =>
  url.replace(/^https?:\/\/[^/]+/, '') || '(native)';

/**
 * Samples the page's renderer (V8's CPU profiler over CDP, every 200 µs) from now until the returned
 * function is called, which answers with the `top` functions and scripts by self time.
 */
export async function profileRenderer(
  page: Page,
  top = 15,
): Promise<() => Promise<RendererProfile>> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return async () => {
    const { profile } = await session.send('Profiler.stop');
    const nodes = profile.nodes as ProfileNode[];
    const deltas = profile.timeDeltas ?? [];
    const samples = profile.samples ?? [];
    const selfMs = new Map<number, number>();
    samples.forEach((id, i) =>
      selfMs.set(id, (selfMs.get(id) ?? 0) + (deltas[i] ?? 0) / 1000),
    );
    const byFunction = new Map<string, number>();
    const byScript = new Map<string, number>();
    let totalMs = 0;
    for (const node of nodes) {
      const ms = selfMs.get(node.id) ?? 0;
      if (!ms) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)') continue;
      totalMs += ms;
      const name = `${functionName || '(anonymous)'} ${shortUrl(url)}:${
        lineNumber + 1
      }`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
      byScript.set(shortUrl(url), (byScript.get(shortUrl(url)) ?? 0) + ms);
    }
    const largest = (map: Map<string, number>) =>
      [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
    await session.detach();
    return {
      totalMs,
      functions: largest(byFunction).map(([name, ms]) => ({ name, ms })),
      scripts: largest(byScript).map(([url, ms]) => ({ url, ms })),
    };
  };
}
