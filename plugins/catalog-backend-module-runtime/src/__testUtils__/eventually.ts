/**
 * Polls `check` every 100 ms until it answers something other than `undefined`, and returns that;
 * throws after 10 s (a watch reconnects in well under a second, but a full jest run on 2 cores can
 * starve it).
 */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
