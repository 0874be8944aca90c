import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryPaceStore, type PaceStore } from '../../src/store/index.ts';
import { RedisPaceStore } from '../../src/store/redis/index.ts';
import { HAS_REDIS_SERVER, NO_REDIS_REASON, redisServerForSuite } from '../support/redis-server.ts';

const T = Date.parse('2026-03-02T09:00:00Z');
const TURN = 60_000;

/** Takes a turn that must be given; fails the test otherwise. */
async function slotOf(pacer: PaceStore, team: string, now: number) {
  const got = await pacer.take(team, 1000, now, TURN);
  if (!('slot' in got)) throw new Error(`no turn for ${team} at ${now - T}: busy`);
  return got;
}

/** What every PaceStore must do: the memory one in a process, the Redis one across instances. */
function paceStoreContract(name: string, make: () => PaceStore) {
  describe(`${name} (PaceStore contract)`, () => {
    it('turns given back at once: one slot per interval', async () => {
      const pacer = make();
      const slots: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const { slot, turn } = await slotOf(pacer, 'TA', T);
        slots.push(slot - T);
        await pacer.release('TA', turn, T);
      }
      expect(slots).toEqual([0, 1000, 2000]);
    });

    it('no slot while another lane’s post is under way; a late post pushes the next slot', async () => {
      const pacer = make();
      const { turn } = await slotOf(pacer, 'TA', T);
      expect(await pacer.take('TA', 1000, T + 10, TURN)).toEqual({ busyUntil: T + 1000 });
      // Another workspace is not held up.
      expect((await slotOf(pacer, 'TB', T + 10)).slot).toBe(T + 10);
      // The post landed 1.5 intervals after its slot: the next comes no earlier than that.
      await pacer.release('TA', turn, T + 1500);
      expect((await slotOf(pacer, 'TA', T + 1200)).slot).toBe(T + 1500);
    });

    it('a stale release (the turn lapsed and went to another lane) leaves that lane’s turn alone', async () => {
      const pacer = make();
      const first = await slotOf(pacer, 'TA', T);
      await pacer.release('TA', first.turn, T);
      const second = await slotOf(pacer, 'TA', T);
      await pacer.release('TA', first.turn, T + 5);
      expect(await pacer.take('TA', 1000, T + 5, TURN)).toEqual({ busyUntil: T + 2000 });
      await pacer.release('TA', second.turn, T + 5);
      expect((await slotOf(pacer, 'TA', T + 5)).slot).toBe(T + 2000);
    });

    it('a turn never given back lapses after turnMs, so a dead process holds nobody up for long', async () => {
      const pacer = make();
      await pacer.take('TA', 1000, T, 50);
      // Memory reads the time it is given; Redis lets the key expire: both have passed here.
      await new Promise((r) => setTimeout(r, 200));
      expect((await slotOf(pacer, 'TA', T + 1200)).slot).toBe(T + 1200);
    });

    it('a 429 holds the workspace: no slot before then', async () => {
      const pacer = make();
      await pacer.holdUntil('TA', T + 30_000, T);
      expect((await slotOf(pacer, 'TA', T)).slot).toBe(T + 30_000);
    });
  });
}

paceStoreContract('MemoryPaceStore', () => new MemoryPaceStore());

describe.skipIf(!HAS_REDIS_SERVER)(
  `RedisPaceStore on a real redis-server${HAS_REDIS_SERVER ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    const redis = redisServerForSuite();
    paceStoreContract(
      'RedisPaceStore',
      () => new RedisPaceStore(redis().client(), { prefix: `t-${randomUUID()}:v1` }),
    );
  },
);
