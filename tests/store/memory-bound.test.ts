import { describe, expect, it } from 'vitest';
import { makeUser } from '../../src/playground/emulator/defaults.ts';
import { MemoryStore } from '../../src/store/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { startHarness } from '../support/harness.ts';

const DAY = 86_400_000;
const TEAM = 'T0PLAYGND';
const key = (i: number) => ({ teamId: TEAM, userId: `U${String(i).padStart(6, '0')}` });

describe('memory stays bounded by STATE_MAX_USERS', () => {
  it('the store never holds more than its maximum, and the least recently used go first', async () => {
    const max = 1_000;
    const store = new MemoryStore({ maxUsers: max, ttlMs: DAY });
    for (let i = 0; i < 20_000; i += 1) {
      await store.set(key(i), { session: null });
      // An active user keeps being read, so they are never the one evicted.
      if (i % 100 === 0) await store.get(key(0));
      if (i % 500 === 0) expect(await store.size()).toBeLessThanOrEqual(max);
    }
    expect(await store.size()).toBe(max);
    expect(await store.get(key(0))).toBeDefined();
    expect(await store.get(key(1))).toBeUndefined();
    expect(await store.get(key(18_999))).toBeUndefined();
    expect(await store.get(key(19_999))).toBeDefined();
  });

  it('idle users are forgotten after STATE_TTL_DAYS', async () => {
    let now = 1_000_000;
    const store = new MemoryStore({ maxUsers: 10, ttlMs: 30 * DAY, now: () => now });
    await store.set(key(1), { session: null });
    now += 29 * DAY;
    expect(await store.get(key(1))).toBeDefined();
    now += 29 * DAY; // read above renewed it; now idle for 29 days again
    expect(await store.get(key(1))).toBeDefined();
    now += 31 * DAY;
    expect(await store.get(key(1))).toBeUndefined();
    expect(await store.size()).toBe(0);
  });

  it('through the real app: 300 users against a cap of 50, and an evicted user simply starts again', async () => {
    const max = 50;
    const h = await startHarness({ store: new MemoryStore({ maxUsers: max, ttlMs: DAY }) });
    try {
      const users = Array.from({ length: 300 }, (_, i) => key(i).userId);
      for (const id of users) h.emu.state.users.set(id, makeUser({ id, name: id.toLowerCase() }));
      for (let batch = 0; batch < users.length; batch += 10) {
        const from = h.emu.calls.length;
        const slice = users.slice(batch, batch + 10);
        await Promise.all(
          slice.map((user) => h.emu.sendCommand({ user, channel: 'C0GENERAL', text: 'start' })),
        );
        for (const user of slice) {
          await h.emu.waitForCall(
            'chat.postMessage',
            (c) => c.ok && c.response?.channel === h.emu.state.ensureDm(user).id,
            5_000,
            from,
          );
        }
        expect(await h.deps.store.size()).toBeLessThanOrEqual(max);
      }
      expect(await h.deps.store.get(key(0))).toBeUndefined();
      expect(await h.deps.store.get(key(299))).toBeDefined();
      expect(h.emu.calls.filter((c) => !c.ok)).toEqual([]);
      const first = new DmDriver(h.emu, key(0).userId);
      await first.expectCall(
        () => h.emu.sendCommand({ user: key(0).userId, channel: 'C0GENERAL' }),
        'chat.postMessage',
      );
      expect(first.read()).toContain('Step 1 of 10');
      expect(await h.deps.store.size()).toBeLessThanOrEqual(max);
    } finally {
      await h.close();
    }
  });
});
