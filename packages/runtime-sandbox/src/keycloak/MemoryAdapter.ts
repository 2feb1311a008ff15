import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Stored {
  payload: AdapterPayload;
  expiresAt?: number;
}

/**
 * oidc-provider's storage for one sandbox realm: sessions, interactions, codes and tokens in memory,
 * gone when the server stops (as the sandbox's other upstreams keep their state).
 */
export function memoryAdapterFactory(): (model: string) => Adapter {
  const store = new Map<string, Stored>();
  const live = (key: string): AdapterPayload | undefined => {
    const stored = store.get(key);
    if (stored?.expiresAt !== undefined && stored.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return stored?.payload;
  };
  const all = () => [...store.keys()].map(key => [key, live(key)] as const);

  return (model: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      store.set(`${model}:${id}`, {
        payload,
        expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined,
      });
    },
    async find(id) {
      return live(`${model}:${id}`);
    },
    async findByUid(uid) {
      return all().find(
        ([key, payload]) => key.startsWith(`${model}:`) && payload?.uid === uid,
      )?.[1];
    },
    async findByUserCode(userCode) {
      return all().find(
        ([key, payload]) =>
          key.startsWith(`${model}:`) && payload?.userCode === userCode,
      )?.[1];
    },
    async consume(id) {
      const payload = live(`${model}:${id}`);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    },
    async destroy(id) {
      store.delete(`${model}:${id}`);
    },
    async revokeByGrantId(grantId) {
      for (const [key, payload] of all()) {
        if (payload?.grantId === grantId) store.delete(key);
      }
    },
  });
}
