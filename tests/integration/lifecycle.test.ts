import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/scheduler/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const TEAM = 'T0PLAYGND';
const DAY = 86_400_000;
/** A Monday, well clear of any DST change: what matters here is that weeks pass. */
const START = Date.parse('2026-06-01T09:00:00Z');
/** The other workspace's check-in: after the month these tests move through. */
const OTHER_DUE = START + 365 * DAY;
let h: Harness;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(START);
  h = await startHarness({ clock });
  for (const user of ['U0ALICE', 'U0BOB']) {
    const driver = new DmDriver(h.emu, user);
    await driver.expectCall(
      () => h.emu.sendCommand({ user, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    // Both have weekly check-ins coming.
    await driver.expectCall(
      () => h.emu.sendCommand({ user, channel: 'C0GENERAL', text: 'checkin weekly' }),
      'response_url',
    );
  }
  // Someone in another workspace the same instance serves.
  await h.deps.store.set({ teamId: 'T0OTHER', userId: 'U0ALICE' }, { session: null });
  await h.schedule.setDue({ teamId: 'T0OTHER', userId: 'U0ALICE' }, OTHER_DUE);
  await h.idle();
});
afterEach(async () => {
  await h.close();
});

const has = async (teamId: string, userId: string) =>
  (await h.deps.store.get({ teamId, userId })) !== undefined;
const due = (teamId: string, userId: string) => h.schedule.getDue({ teamId, userId });

/** Every post the bot tried (check-ins included) since call number `from`. */
const postsSince = (from: number) =>
  h.emu.calls.slice(from).filter((c) => c.method === 'chat.postMessage');

describe('uninstalling or revoking forgets the data', () => {
  it('app_uninstalled deletes everyone in that workspace and no one elsewhere', async () => {
    expect(await has(TEAM, 'U0ALICE')).toBe(true);
    expect(await due(TEAM, 'U0ALICE')).not.toBeNull();
    const res = await h.emu.sendAppUninstalled();
    expect(res.status).toBe(200);
    await h.idle();
    expect(await has(TEAM, 'U0ALICE')).toBe(false);
    expect(await has(TEAM, 'U0BOB')).toBe(false);
    expect(await has('T0OTHER', 'U0ALICE')).toBe(true);
    expect(h.logs()).toContain('app uninstalled');
    // Their check-ins are gone with them; the other workspace's stays.
    expect(await due(TEAM, 'U0ALICE')).toBeNull();
    expect(await due(TEAM, 'U0BOB')).toBeNull();
    expect(await due('T0OTHER', 'U0ALICE')).toBe(OTHER_DUE);
    const from = h.emu.calls.length;
    await clock.advanceBy(30 * DAY);
    expect(postsSince(from)).toEqual([]);
  });

  it('tokens_revoked for the bot token deletes the whole workspace', async () => {
    await h.emu.sendTokensRevoked();
    await h.idle();
    expect(await h.deps.store.size()).toBe(1);
    expect(await has('T0OTHER', 'U0ALICE')).toBe(true);
    expect(await due(TEAM, 'U0ALICE')).toBeNull();
    expect(await due(TEAM, 'U0BOB')).toBeNull();
    expect(await due('T0OTHER', 'U0ALICE')).toBe(OTHER_DUE);
    const from = h.emu.calls.length;
    await clock.advanceBy(30 * DAY);
    expect(postsSince(from)).toEqual([]);
  });

  it('tokens_revoked for one user’s token deletes only that user', async () => {
    const bobDue = await due(TEAM, 'U0BOB');
    await h.emu.sendEvent({ type: 'tokens_revoked', tokens: { oauth: ['U0ALICE'], bot: [] } });
    await h.idle();
    expect(await has(TEAM, 'U0ALICE')).toBe(false);
    expect(await has(TEAM, 'U0BOB')).toBe(true);
    expect(await has('T0OTHER', 'U0ALICE')).toBe(true);
    expect(await due(TEAM, 'U0ALICE')).toBeNull();
    expect(await due(TEAM, 'U0BOB')).toBe(bobDue);
    expect(await due('T0OTHER', 'U0ALICE')).toBe(OTHER_DUE);
    // The operator's audit line: who was forgotten and why, nothing of what they said.
    const audit = h
      .logs()
      .split('\n')
      .filter((l) => l.includes('forgot a user'))
      .map((l) => JSON.parse(l));
    expect(audit).toEqual([
      expect.objectContaining({ team: TEAM, user: 'U0ALICE', reason: 'token revoked' }),
    ]);
  });

  it('an unsigned app_uninstalled is refused and deletes nothing', async () => {
    const res = await h.emu.sendAppUninstalled({
      headers: { 'x-slack-signature': 'v0=deadbeef' },
    });
    expect(res.status).toBe(401);
    await h.idle();
    expect(await h.deps.store.size()).toBe(3);
    expect(await due(TEAM, 'U0ALICE')).not.toBeNull();
    expect(await due(TEAM, 'U0BOB')).not.toBeNull();
  });
});
