import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RedisDedupeStore } from '../../src/store/redis/index.ts';
import { HAS_REDIS_SERVER, NO_REDIS_REASON, redisServerForSuite } from '../support/redis-server.ts';
import { dedupeStoreContract } from './dedupe-store-contract.ts';

describe.skipIf(!HAS_REDIS_SERVER)(
  `RedisDedupeStore on a real redis-server${HAS_REDIS_SERVER ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    const redis = redisServerForSuite();

    dedupeStoreContract('RedisDedupeStore', () => ({
      store: new RedisDedupeStore(redis().client(), { prefix: `t-${randomUUID()}:v1` }),
    }));

    it('answers true the first time an id is seen and false for a repeat, per id', async () => {
      const d = new RedisDedupeStore(redis().client(), { prefix: `t-${randomUUID()}:v1` });
      expect(await d.firstSeen('Ev1', 60_000)).toBe(true);
      expect(await d.firstSeen('Ev1', 60_000)).toBe(false);
      expect(await d.firstSeen('Ev2', 60_000)).toBe(true);
    });

    it('forgets an id after its TTL (Redis expiry)', async () => {
      const d = new RedisDedupeStore(redis().client(), { prefix: `t-${randomUUID()}:v1` });
      expect(await d.firstSeen('Ev1', 100)).toBe(true);
      await new Promise((r) => setTimeout(r, 250));
      expect(await d.firstSeen('Ev1', 100)).toBe(true);
    });

    it('across instances: the same event_id delivered to two instances at once is handled once', async () => {
      const prefix = `t-${randomUUID()}:v1`;
      const a = new RedisDedupeStore(redis().client(), { prefix });
      const b = new RedisDedupeStore(redis().client(), { prefix });
      for (let n = 0; n < 100; n += 1) {
        const results = await Promise.all([
          a.firstSeen(`Ev${n}`, 60_000),
          b.firstSeen(`Ev${n}`, 60_000),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
      }
    });
  },
);
