import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const TEAM = 'T0PLAYGND';

let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  h = await startHarness();
  alice = new DmDriver(h.emu, ALICE);
});
afterEach(async () => {
  await h.close();
});

const methods = () => h.emu.calls.map((c) => c.method).filter((m) => m !== 'auth.test');

describe('first contact opens the DM once, and everything goes there', () => {
  it('a command from a channel opens the DM with conversations.open, posts to its D… id and keeps it', async () => {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    const dm = h.emu.state.ensureDm(ALICE).id;
    expect(methods()).toEqual(['conversations.open', 'chat.postMessage']);
    expect(h.emu.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual([dm]);
    // Saved right after the post Slack answered: give the bot a moment to finish.
    await expect
      .poll(async () => (await h.deps.store.get({ teamId: TEAM, userId: ALICE }))?.dm)
      .toBe(dm);

    // Later commands, clicks and modals use the kept id: no second conversations.open.
    await alice.choose(0);
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'reset' }),
      'chat.postMessage',
    );
    expect(methods().filter((m) => m === 'conversations.open')).toHaveLength(1);
    for (const call of h.emu.calls.filter((c) => /^chat\./.test(c.method)))
      expect(call.args.channel, `${call.method} ${JSON.stringify(call.args).slice(0, 200)}`).toBe(
        dm,
      );
  });

  it('a first message in the DM needs no conversations.open: the event names the DM', async () => {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    expect(methods()).toEqual(['chat.postMessage']);
    expect(h.emu.callsTo('chat.postMessage')[0]?.args.channel).toBe(h.emu.state.ensureDm(ALICE).id);
  });

  it("with the app's Messages tab off, the user is told what to ask an admin for, and nothing is kept", async () => {
    h.emu.state.messagesTab = false;
    const from = h.emu.calls.length;
    await h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' });
    const told = await h.emu.waitForCall(
      'response_url',
      (c) => /Messages tab/.test(JSON.stringify(c.args)),
      3_000,
      from,
    );
    expect(told.args.response_type).toBe('ephemeral');
    expect(await h.deps.store.get({ teamId: TEAM, userId: ALICE })).toBeUndefined();
  });
});
