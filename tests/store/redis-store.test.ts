import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/redis/index.ts';
import { HAS_REDIS_SERVER, NO_REDIS_REASON, redisServerForSuite } from '../support/redis-server.ts';
import { stateStoreContract } from './state-store-contract.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe.skipIf(!HAS_REDIS_SERVER)(
  `RedisStore on a real redis-server${HAS_REDIS_SERVER ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    const redis = redisServerForSuite();

    // Each store gets its own prefix, so cases never see each other's keys.
    stateStoreContract('RedisStore', async ({ ttlMs }) => {
      const client = redis().client();
      const store = new RedisStore(client, { ttlMs, prefix: `t-${randomUUID()}:v1` });
      return { store, pass: sleep, close: async () => void client.disconnect() };
    });

    it('keeps keys namespaced and versioned, with the team as the hash tag', async () => {
      // A database of its own (no other case writes to db 1), so every key in it is this store's.
      const client = redis().client({ db: 1 });
      expect(await client.dbsize()).toBe(0);
      const store = new RedisStore(client, { ttlMs: 60_000 });
      await store.set({ teamId: 'T1', userId: 'U1' }, { session: null });
      expect((await client.keys('*')).sort()).toEqual([
        'cp:v1:team:{T1}:users',
        'cp:v1:user:{T1}:U1',
      ]);
      const ttl = await client.pttl('cp:v1:user:{T1}:U1');
      expect(ttl).toBeGreaterThan(59_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    });

    it('two connections (two instances) racing writeIf on the same version: exactly one wins', async () => {
      const prefix = `race-${randomUUID()}:v1`;
      const a = new RedisStore(redis().client(), { ttlMs: 60_000, prefix });
      const b = new RedisStore(redis().client(), { ttlMs: 60_000, prefix });
      const key = { teamId: 'T1', userId: 'U1' };
      for (let round = 0; round < 50; round += 1) {
        const { version } = await a.read(key);
        const results = await Promise.all([
          a.writeIf(key, { session: null, dm: `A${round}` }, version),
          b.writeIf(key, { session: null, dm: `B${round}` }, version),
        ]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
        const winner = results[0] !== null ? `A${round}` : `B${round}`;
        expect((await a.get(key))?.dm).toBe(winner);
      }
    });
  },
);
