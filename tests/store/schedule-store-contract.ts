import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScheduleStore, UserKey } from '../../src/store/index.ts';

/**
 * The ScheduleStore contract, as a suite any implementation can run:
 *
 *   scheduleStoreContract('MemoryScheduleStore', () => new MemoryScheduleStore());
 *   scheduleStoreContract('RedisScheduleStore', async () => ({ store, close }));
 *
 * `make` returns a fresh, empty store (or the store plus a cleanup function). Times are passed
 * in, never read from a clock, so a store must not look at the wall clock either.
 */
export type MakeScheduleStore = () =>
  | ScheduleStore
  | { store: ScheduleStore; close?: () => Promise<void> | void }
  | Promise<ScheduleStore | { store: ScheduleStore; close?: () => Promise<void> | void }>;

const T = 1_760_000_000_000;
const LEASE = 60_000;
const key = (userId: string, teamId = 'T1'): UserKey => ({ teamId, userId });
const ids = (keys: UserKey[]) => keys.map((k) => `${k.teamId}:${k.userId}`);

export function scheduleStoreContract(name: string, make: MakeScheduleStore): void {
  describe(`${name} honours the ScheduleStore contract`, () => {
    let store: ScheduleStore;
    let close: (() => Promise<void> | void) | undefined;

    beforeEach(async () => {
      const made = await make();
      if ('setDue' in made) {
        store = made;
        close = undefined;
      } else {
        store = made.store;
        close = made.close;
      }
    });
    afterEach(async () => {
      await close?.();
    });

    it('remembers a due time per user, and forgets it when set to null', async () => {
      expect(await store.getDue(key('U1'))).toBeNull();
      await store.setDue(key('U1'), T + 5);
      await store.setDue(key('U1', 'T2'), T + 9);
      expect(await store.getDue(key('U1'))).toBe(T + 5);
      expect(await store.getDue(key('U1', 'T2'))).toBe(T + 9);
      await store.setDue(key('U1'), T + 7);
      expect(await store.getDue(key('U1'))).toBe(T + 7);
      await store.setDue(key('U1'), null);
      expect(await store.getDue(key('U1'))).toBeNull();
      expect(await store.getDue(key('U1', 'T2'))).toBe(T + 9);
    });

    it('claims only users due at or before now, oldest first, up to the limit', async () => {
      await store.setDue(key('late'), T + 1_000);
      await store.setDue(key('b'), T - 10);
      await store.setDue(key('a'), T - 20);
      await store.setDue(key('exact'), T);
      expect(ids(await store.claimDue(T, 2, LEASE))).toEqual(['T1:a', 'T1:b']);
      expect(ids(await store.claimDue(T, 10, LEASE))).toEqual(['T1:exact']);
      expect(await store.claimDue(T, 10, LEASE)).toEqual([]);
    });

    it('a claim hides the user until the lease runs out, then they can be claimed again', async () => {
      await store.setDue(key('U1'), T);
      expect(ids(await store.claimDue(T, 10, LEASE))).toEqual(['T1:U1']);
      expect(await store.claimDue(T + LEASE - 1, 10, LEASE)).toEqual([]);
      // The claimer died without completing: someone else picks the user up.
      expect(ids(await store.claimDue(T + LEASE, 10, LEASE))).toEqual(['T1:U1']);
    });

    it('two claimers at once never get the same user', async () => {
      for (let i = 0; i < 20; i += 1) await store.setDue(key(`U${i}`), T - i);
      const [x, y] = await Promise.all([
        store.claimDue(T, 15, LEASE),
        store.claimDue(T, 15, LEASE),
      ]);
      const all = [...ids(x ?? []), ...ids(y ?? [])];
      expect(all).toHaveLength(20);
      expect(new Set(all).size).toBe(20);
    });

    it('complete removes the entry when nothing set a new time during the claim', async () => {
      await store.setDue(key('U1'), T);
      await store.claimDue(T, 10, LEASE);
      await store.complete(key('U1'));
      expect(await store.getDue(key('U1'))).toBeNull();
      expect(await store.claimDue(T + 2 * LEASE, 10, LEASE)).toEqual([]);
    });

    it('complete keeps a time set during the claim, claimable when it falls due', async () => {
      await store.setDue(key('U1'), T);
      await store.claimDue(T, 10, LEASE);
      await store.setDue(key('U1'), T + 7 * 86_400_000);
      await store.complete(key('U1'));
      expect(await store.getDue(key('U1'))).toBe(T + 7 * 86_400_000);
      expect(await store.claimDue(T + 1, 10, LEASE)).toEqual([]);
      expect(ids(await store.claimDue(T + 7 * 86_400_000, 10, LEASE))).toEqual(['T1:U1']);
    });

    it('a time set during the claim is not lost when the claim expires instead', async () => {
      await store.setDue(key('U1'), T);
      await store.claimDue(T, 10, LEASE);
      await store.setDue(key('U1'), T + 10 * LEASE);
      expect(await store.claimDue(T + LEASE, 10, LEASE)).toEqual([]);
      expect(ids(await store.claimDue(T + 10 * LEASE, 10, LEASE))).toEqual(['T1:U1']);
    });

    it('setting null during a claim removes the user for good', async () => {
      await store.setDue(key('U1'), T);
      await store.claimDue(T, 10, LEASE);
      await store.setDue(key('U1'), null);
      await store.complete(key('U1'));
      expect(await store.getDue(key('U1'))).toBeNull();
      expect(await store.claimDue(T + 10 * LEASE, 10, LEASE)).toEqual([]);
    });

    it('deleteTeam forgets every user of that workspace and no other', async () => {
      await store.setDue(key('U1', 'T1'), T);
      await store.setDue(key('U2', 'T1'), T);
      await store.setDue(key('U1', 'T2'), T);
      await store.deleteTeam('T1');
      expect(await store.getDue(key('U1', 'T1'))).toBeNull();
      expect(await store.getDue(key('U2', 'T1'))).toBeNull();
      expect(ids(await store.claimDue(T, 10, LEASE))).toEqual(['T2:U1']);
    });
  });
}
