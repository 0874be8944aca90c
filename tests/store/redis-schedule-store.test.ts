import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { keyOf, type UserKey } from '../../src/store/index.ts';
import { RedisScheduleStore } from '../../src/store/redis/index.ts';
import { HAS_REDIS_SERVER, NO_REDIS_REASON, redisServerForSuite } from '../support/redis-server.ts';

const user = (n: number, teamId = 'T1'): UserKey => ({ teamId, userId: `U${n}` });
const LEASE = 60_000;
const T0 = 1_700_000_000_000;

describe.skipIf(!HAS_REDIS_SERVER)(
  `RedisScheduleStore on a real redis-server${HAS_REDIS_SERVER ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    const redis = redisServerForSuite();
    let prefix: string;
    /** One store per "instance", each with its own connection, sharing the same keys. */
    const instance = () => new RedisScheduleStore(redis().client(), { prefix });
    beforeEach(() => {
      prefix = `t-${randomUUID()}:v1`;
    });

    it('remembers, changes and clears when a user is due', async () => {
      const s = instance();
      expect(await s.getDue(user(1))).toBeNull();
      await s.setDue(user(1), T0);
      expect(await s.getDue(user(1))).toBe(T0);
      await s.setDue(user(1), T0 + 5);
      expect(await s.getDue(user(1))).toBe(T0 + 5);
      await s.setDue(user(1), null);
      expect(await s.getDue(user(1))).toBeNull();
      expect(await s.claimDue(T0 + 10, 10, LEASE)).toEqual([]);
    });

    it('claims only users already due, oldest first, at most `limit`', async () => {
      const s = instance();
      await s.setDue(user(3), T0 + 3);
      await s.setDue(user(1), T0 + 1);
      await s.setDue(user(2), T0 + 2);
      await s.setDue(user(9), T0 + 1_000);
      expect(await s.claimDue(T0 + 500, 2, LEASE)).toEqual([user(1), user(2)]);
      expect(await s.claimDue(T0 + 500, 10, LEASE)).toEqual([user(3)]);
      expect(await s.claimDue(T0 + 500, 0, LEASE)).toEqual([]);
    });

    it('a claimed user is hidden from other claimers until the lease ends, and keeps its due time', async () => {
      const a = instance();
      const b = instance();
      await a.setDue(user(1), T0);
      expect(await a.claimDue(T0, 10, LEASE)).toEqual([user(1)]);
      expect(await b.claimDue(T0 + LEASE - 1, 10, LEASE)).toEqual([]);
      expect(await b.getDue(user(1))).toBe(T0);
    });

    it('a crashed instance’s claim (never completed) is claimed by another once its lease ends', async () => {
      const crashed = instance();
      const survivor = instance();
      await crashed.setDue(user(1), T0);
      await crashed.setDue(user(2), T0);
      expect(await crashed.claimDue(T0, 10, LEASE)).toHaveLength(2);
      // ...and the instance dies here.
      expect(await survivor.claimDue(T0 + LEASE - 1, 10, LEASE)).toEqual([]);
      expect(await survivor.claimDue(T0 + LEASE, 10, LEASE)).toEqual([user(1), user(2)]);
      expect(await survivor.getDue(user(1))).toBe(T0);
      await survivor.complete(user(1));
      await survivor.complete(user(2));
      expect(await survivor.getDue(user(1))).toBeNull();
      expect(await survivor.claimDue(T0 + 10 * LEASE, 10, LEASE)).toEqual([]);
    });

    it('complete removes the entry, unless setDue gave it a new time meanwhile', async () => {
      const s = instance();
      await s.setDue(user(1), T0);
      await s.setDue(user(2), T0);
      await s.claimDue(T0, 10, LEASE);
      await s.setDue(user(2), T0 + 86_400_000); // next week's slot, set while sending
      await s.complete(user(1));
      await s.complete(user(2));
      expect(await s.getDue(user(1))).toBeNull();
      expect(await s.getDue(user(2))).toBe(T0 + 86_400_000);
      expect(await s.claimDue(T0 + 86_400_000, 10, LEASE)).toEqual([user(2)]);
    });

    it('deleteTeam forgets one workspace’s schedules, claimed or not (T1 is not T10)', async () => {
      const s = instance();
      for (let n = 0; n < 30; n += 1) await s.setDue(user(n, 'T1'), T0 + n);
      await s.setDue(user(1, 'T10'), T0);
      await s.claimDue(T0 + 5, 3, LEASE);
      await s.deleteTeam('T1');
      expect(await s.getDue(user(0, 'T1'))).toBeNull();
      expect(await s.getDue(user(29, 'T1'))).toBeNull();
      expect(await s.getDue(user(1, 'T10'))).toBe(T0);
      expect(await s.claimDue(T0 + 10 * LEASE, 100, LEASE)).toEqual([user(1, 'T10')]);
    });

    it('two instances racing for 20 slots: every due user is claimed exactly once per slot', async () => {
      const claimers = [instance(), instance()];
      const users = Array.from({ length: 120 }, (_, n) => user(n, n % 3 === 0 ? 'T2' : 'T1'));
      for (let slot = 0; slot < 20; slot += 1) {
        const due = T0 + slot * 86_400_000;
        for (const u of users) await claimers[0]?.setDue(u, due);
        const seen: string[] = [];
        // Each instance claims small batches and completes them, as a scheduler tick would.
        await Promise.all(
          claimers.map(async (c) => {
            for (;;) {
              const batch = await c.claimDue(due + 1_000, 7, LEASE);
              if (batch.length === 0) return;
              for (const u of batch) {
                seen.push(keyOf(u));
                await c.complete(u);
              }
            }
          }),
        );
        expect(seen).toHaveLength(users.length);
        expect(new Set(seen).size).toBe(users.length);
      }
    });
  },
);
