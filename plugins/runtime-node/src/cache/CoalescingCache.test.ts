import { mockServices } from '@backstage/backend-test-utils';
import { CoalescingCache } from './CoalescingCache';

describe('CoalescingCache', () => {
  it('loads once for concurrent callers and answers later callers from the cache', async () => {
    const cache = new CoalescingCache({
      cache: mockServices.cache.mock({
        get: jest.fn(async () => undefined),
        set: jest.fn(async () => {}),
      } as any),
      ttlMs: 1000,
    });
    let loads = 0;
    const load = () =>
      new Promise<number>(resolve => {
        loads++;
        setTimeout(() => resolve(42), 20);
      });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => cache.get('k', load)),
    );
    expect(answers).toEqual(Array(50).fill(42));
    expect(loads).toBe(1);
  });

  it('uses a cached value without loading, and loads again for another key', async () => {
    const store = new Map<string, unknown>([
      ['hit', { value: 'cached', freshUntil: Date.now() + 60_000 }],
    ]);
    const cacheService = mockServices.cache.mock({
      get: jest.fn(async (k: string) => store.get(k)) as any,
      set: jest.fn(
        async (k: string, v: unknown) => void store.set(k, v),
      ) as any,
    });
    const cache = new CoalescingCache({ cache: cacheService, ttlMs: 1000 });
    const load = jest.fn(async () => 'fresh');
    expect(await cache.get('hit', load)).toBe('cached');
    expect(await cache.get('miss', load)).toBe('fresh');
    expect(load).toHaveBeenCalledTimes(1);
    expect(cacheService.set).toHaveBeenCalledWith(
      'miss',
      { value: 'fresh', freshUntil: expect.any(Number) },
      // Kept one more TTL, to be served stale while it is refreshed.
      { ttl: 2000 },
    );
  });

  it('does not cache a failure: the next caller tries again', async () => {
    const cache = new CoalescingCache({
      cache: mockServices.cache.mock({
        get: jest.fn(async () => undefined),
        set: jest.fn(async () => {}),
      } as any),
      ttlMs: 1000,
    });
    await expect(
      cache.get('k', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    await expect(cache.get('k', async () => 'up')).resolves.toBe('up');
  });

  it('serves a stale value at once while one refresh runs, then the fresh one', async () => {
    const store = new Map<string, unknown>([
      ['k', { value: 'old', freshUntil: Date.now() - 1 }],
    ]);
    const cache = new CoalescingCache({
      cache: mockServices.cache.mock({
        get: jest.fn(async (k: string) => store.get(k)) as any,
        set: jest.fn(
          async (k: string, v: unknown) => void store.set(k, v),
        ) as any,
      }),
      ttlMs: 1000,
    });
    let finish: (value: string) => void = () => {};
    const load = jest.fn(
      () => new Promise<string>(resolve => (finish = resolve)),
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => cache.get('k', load)),
    );
    expect(answers).toEqual(Array(20).fill('old'));
    expect(await cache.get('k', load)).toBe('old');
    expect(load).toHaveBeenCalledTimes(1);
    finish('new');
    await new Promise(r => setTimeout(r, 10));
    expect(await cache.get('k', load)).toBe('new');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('sees a key another replica forgot within localMaxAgeMs, reading the shared cache once per period', async () => {
    const store = new Map<string, unknown>();
    const shared = mockServices.cache.mock({
      get: jest.fn(async (k: string) => store.get(k)) as any,
      set: jest.fn(
        async (k: string, v: unknown) => void store.set(k, v),
      ) as any,
      delete: jest.fn(async (k: string) => void store.delete(k)) as any,
    });
    const replicaA = new CoalescingCache({
      cache: shared,
      ttlMs: 60_000,
      localMaxAgeMs: 50,
    });
    const replicaB = new CoalescingCache({
      cache: shared,
      ttlMs: 60_000,
      localMaxAgeMs: 50,
    });
    expect(await replicaA.get('status', async () => 'OutOfSync')).toBe(
      'OutOfSync',
    );
    expect(await replicaB.get('status', async () => 'unexpected')).toBe(
      'OutOfSync',
    );
    const reads = shared.get.mock.calls.length;
    expect(await replicaB.get('status', async () => 'unexpected')).toBe(
      'OutOfSync',
    );
    // A hot key is answered from memory, without a cache read.
    expect(shared.get.mock.calls.length).toBe(reads);

    await replicaA.forget('status');
    await new Promise(r => setTimeout(r, 60));
    expect(await replicaB.get('status', async () => 'Synced')).toBe('Synced');
  });
});
