import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localParts } from '../../src/engine/index.ts';
import { ManualClock } from '../../src/scheduler/index.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const BOB = 'U0BOB';
const bob_ = { teamId: 'T0PLAYGND', userId: BOB };

let h: Harness;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(Date.now());
  h = await startHarness({ clock });
});
afterEach(async () => {
  await h.close();
});

/** Check-ins posted to Bob's DM. */
const checkins = () =>
  h.emu
    .callsTo('chat.postMessage')
    .filter((c) => c.ok && JSON.stringify(c.args).includes('career.checkin.answer'));

const prefs = async () => (await h.deps.store.get(bob_))?.checkin;

describe('check-ins follow the user to a new time zone', () => {
  it('after Bob moves from New York to Tokyo, the next check-in comes at 10:00 Tokyo time', async () => {
    await h.emu.sendCommand({ user: BOB, channel: 'C0GENERAL', text: 'checkin weekly' });
    await expect.poll(async () => (await prefs())?.tz).toBe('America/New_York');
    const first = (await prefs())?.next as number;
    expect(localParts(first, 'America/New_York')).toMatchObject({ hour: 10, minute: 0 });
    await clock.advanceTo(first);
    await h.emu.waitFor(() => checkins().length === 1);

    await h.emu.changeTimeZone({ user: BOB, tz: 'Asia/Tokyo', tzOffsetSeconds: 32_400 });
    await expect.poll(async () => (await prefs())?.tz).toBe('Asia/Tokyo');
    const second = (await prefs())?.next as number;
    expect(localParts(second, 'Asia/Tokyo')).toMatchObject({ hour: 10, minute: 0 });
    // Not at the old New York time…
    await clock.advanceTo(second - 60_000);
    expect(checkins()).toHaveLength(1);
    // …but at 10:00 in Tokyo.
    await clock.advanceTo(second);
    await h.emu.waitFor(() => checkins().length === 2);
  });

  it('a profile change that keeps the zone, or comes from someone without check-ins, writes nothing', async () => {
    await h.emu.changeTimeZone({ user: 'U0ALICE', tz: 'Asia/Tokyo' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await h.deps.store.get({ teamId: 'T0PLAYGND', userId: 'U0ALICE' })).toBeUndefined();
  });
});
