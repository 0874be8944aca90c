import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/action-ids.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';

let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  h = await startHarness();
  alice = new DmDriver(h.emu, ALICE);
});
afterEach(async () => {
  await h.close();
});

const INTRO = /private, three-minute.*nothing is shared unless you choose/s;

describe('first impressions', () => {
  it('the intro comes with the first step the first time, and not on later runs', async () => {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    await h.slack.idle();
    expect(alice.read()).toMatch(INTRO);
    expect(alice.read()).toContain('Step 1 of');
    await alice.finish();
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'reset' }), 'chat.postMessage');
    await alice.expectUpdate(() => alice.click(ACTION.restart));
    await h.slack.idle();
    expect(alice.read()).toContain('Step 1 of');
    expect(alice.read()).not.toMatch(INTRO);
  });

  it('"Check in with me" leaves the brief once check-ins are on', async () => {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    await alice.finish();
    const brief = alice.latest();
    expect(alice.read(brief)).toContain('Check in with me');
    await alice.expectUpdate(() => alice.click(ACTION.checkinOptIn, brief));
    await h.slack.idle();
    expect(alice.isSummary()).toBe(true);
    expect(alice.read()).not.toContain('Check in with me');
    // And a brief shown later does not offer it again.
    await alice.expectCall(
      () => h.emu.sendDm({ user: ALICE, text: 'summary' }),
      'chat.postMessage',
    );
    await h.slack.idle();
    expect(alice.isSummary()).toBe(true);
    expect(alice.read()).not.toContain('Check in with me');
  });
});
