import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const TEAM = 'T0PLAYGND';
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  for (const user of ['U0ALICE', 'U0BOB']) {
    await new DmDriver(h.emu, user).expectCall(
      () => h.emu.sendCommand({ user, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
  }
  // Someone in another workspace the same instance serves.
  await h.deps.store.set({ teamId: 'T0OTHER', userId: 'U0ALICE' }, { session: null });
  await new Promise((r) => setTimeout(r, 200));
});
afterEach(async () => {
  await h.close();
});

const has = async (teamId: string, userId: string) =>
  (await h.deps.store.get({ teamId, userId })) !== undefined;

async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 40; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not met in 1 s');
}

describe('uninstalling or revoking forgets the data', () => {
  it('app_uninstalled deletes everyone in that workspace and no one elsewhere', async () => {
    expect(await has(TEAM, 'U0ALICE')).toBe(true);
    const res = await h.emu.sendAppUninstalled();
    expect(res.status).toBe(200);
    await eventually(async () => !(await has(TEAM, 'U0ALICE')) && !(await has(TEAM, 'U0BOB')));
    expect(await has('T0OTHER', 'U0ALICE')).toBe(true);
    expect(h.logs()).toContain('app uninstalled');
  });

  it('tokens_revoked for the bot token deletes the whole workspace', async () => {
    await h.emu.sendTokensRevoked();
    await eventually(async () => (await h.deps.store.size()) === 1);
    expect(await has('T0OTHER', 'U0ALICE')).toBe(true);
  });

  it('tokens_revoked for one user’s token deletes only that user', async () => {
    await h.emu.sendEvent({ type: 'tokens_revoked', tokens: { oauth: ['U0ALICE'], bot: [] } });
    await eventually(async () => !(await has(TEAM, 'U0ALICE')));
    expect(await has(TEAM, 'U0BOB')).toBe(true);
    expect(await has('T0OTHER', 'U0ALICE')).toBe(true);
  });

  it('an unsigned app_uninstalled is refused and deletes nothing', async () => {
    const res = await h.emu.sendAppUninstalled({
      headers: { 'x-slack-signature': 'v0=deadbeef' },
    });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 150));
    expect(await h.deps.store.size()).toBe(3);
  });
});
