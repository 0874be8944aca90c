import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { ManualClock } from '../../src/scheduler/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const alice_ = { teamId: 'T0PLAYGND', userId: ALICE };
const DAY = 86_400_000;

/**
 * An earlier brief opened again from Home is a record of that day: the check-ins that came after
 * it belong to the brief that replaced it, not to it.
 */
let h: Harness;
let clock: ManualClock;
let alice: DmDriver;
beforeEach(async () => {
  clock = new ManualClock(Date.parse('2026-05-04T09:00:00Z'));
  h = await startHarness({ clock, logLevel: 'warn' });
  alice = new DmDriver(h.emu, ALICE);
});
afterEach(async () => {
  await h.close();
});

const checkinsSent = () => alice.checkins();

async function tap(message: StoredMessage, label: string) {
  await alice.clickLabel(label, message);
  await h.slack.idle();
}

/** Opens Alice's Home tab and returns its view id. */
async function openHome(): Promise<string> {
  await alice.expectCall(() => h.emu.openAppHome({ user: ALICE }), 'views.publish');
  return h.emu.home(ALICE)?.id as string;
}

/** Clicks a brief's Open on a Home view and waits for what it posts to her DM. */
async function clickOpen(viewId: string, blockId: string) {
  await alice.expectCall(
    () => h.emu.clickButton({ user: ALICE, viewId, actionId: ACTION.homeOpenBrief, blockId }),
    'chat.postMessage',
  );
  return alice.read();
}

/** Opens the Home tab and a brief from it. */
async function openFromHome(blockId: string) {
  return clickOpen(await openHome(), blockId);
}

describe('earlier briefs opened from Home', () => {
  it('an earlier brief leaves out the check-ins that came after it; the current one has them', async () => {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    await alice.finish({ pick: () => 0 });
    const first = alice.read();
    expect(first).not.toContain('How my thinking moved');

    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'checkin weekly' }),
      'response_url',
    );
    for (let week = 0; week < 2; week += 1) {
      await clock.advanceTo((await h.deps.store.get(alice_))?.checkin?.next as number);
      await h.slack.idle();
      const checkin = checkinsSent().at(-1) as StoredMessage;
      await tap(checkin, 'More people work came my way');
      await tap(checkin, 'Helping people and the team');
      await tap(checkin, 'Toward Engineering Manager');
    }

    await clock.advanceBy(DAY);
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'reset' }), 'chat.postMessage');
    await alice.expectUpdate(() => alice.click(ACTION.restart));
    await h.emu.waitFor(() => alice.answerButtons().length > 0);
    await alice.finish({ pick: () => 1 });

    const earlier = await openFromHome('brief-a0');
    expect(earlier).toContain('An earlier brief');
    expect(earlier).not.toContain('How my thinking moved');
    expect(earlier).not.toContain('What the last weeks showed');
    expect(earlier).not.toContain('I moved toward EM');

    const current = await openFromHome('brief-current');
    expect(current).toContain('How my thinking moved');
    expect(current).toContain('What the last weeks showed');
    expect(current).toContain('2 of the last 2 check-ins: I moved toward EM.');
  });

  it('a Home tab left open after the brief it lists is gone says so, and opens nothing else', async () => {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    await alice.finish({ pick: () => 0 });
    await alice.expectUpdate(() => alice.click(ACTION.restart));
    await h.emu.waitFor(() => alice.answerButtons().length > 0);
    await alice.finish({ pick: () => 1 });
    const viewId = await openHome();
    // Elsewhere (another device, say) the earlier brief stops being kept; this tab still lists it.
    const state = await h.deps.store.get(alice_);
    await h.deps.store.set(alice_, { ...state, session: state?.session ?? null, summaries: [] });
    const opened = await clickOpen(viewId, 'brief-a0');
    expect(opened).toContain("I don't keep that brief any more");
    expect(opened).not.toContain('An earlier brief');
    await h.slack.idle();
    expect(JSON.stringify(h.emu.home(ALICE)?.blocks)).not.toContain('brief-a0');
  });
});
