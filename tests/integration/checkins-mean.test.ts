import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { ManualClock } from '../../src/scheduler/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const alice_ = { teamId: 'T0PLAYGND', userId: ALICE };
const DAY = 86_400_000;

let h: Harness;
let clock: ManualClock;
let alice: DmDriver;
beforeEach(async () => {
  clock = new ManualClock(Date.now());
  h = await startHarness({ clock, logLevel: 'warn' });
  alice = new DmDriver(h.emu, ALICE);
  await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
  await alice.finish({ pick: () => 1 });
  await alice.expectCall(
    () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'checkin weekly' }),
    'response_url',
  );
});
afterEach(async () => {
  await h.close();
});

const read = (m: StoredMessage) => alice.read(m);
/** Bot messages in the DM that still carry check-in answer buttons. */
const openCheckins = () =>
  h.emu
    .dm(ALICE)
    .filter((m) => m.bot_id && !m.ephemeralFor && read(m).includes('career.checkin.answer'));
const checkinsSent = () => alice.checkins();

async function toNextCheckin() {
  const due = (await h.deps.store.get(alice_))?.checkin?.next as number;
  await clock.advanceTo(due);
  await h.slack.idle();
}

function tap(message: StoredMessage, label: string) {
  return alice.clickLabel(label, message);
}

describe('check-ins that mean what they say', () => {
  it('shows where the user stood last time, says Saved after one answer, and labels the snooze', async () => {
    await toNextCheckin();
    const [checkin] = checkinsSent();
    if (!checkin) throw new Error('no check-in');
    expect(read(checkin)).toMatch(
      /Last time \(<!date\^\d+\^\{date_short\}\|[^>]+>\): \*(leaning Staff|leaning EM|could do either|not sure yet)\*/,
    );
    const snooze = alice
      .blocks(checkin)
      .find((b) => b.accessory?.action_id === ACTION.checkinSnooze);
    expect(snooze?.text?.text).toContain('Snooze until…');

    await tap(checkin, 'Not much, honestly');
    await h.slack.idle();
    expect(read(checkin)).toContain('Saved. 2 more questions above, all optional.');
    await tap(checkin, 'Helping people and the team');
    await tap(checkin, 'Either would suit me');
    await h.slack.idle();
    expect(read(checkin)).toContain('Saved. Thanks');

    // The next one starts from the answer just given.
    await toNextCheckin();
    expect(read(checkinsSent().at(-1) as StoredMessage)).toContain('*could do either*');
  });

  it('after a gap, the unanswered check-in gives way to the new one: one open at a time', async () => {
    await toNextCheckin();
    await toNextCheckin();
    await toNextCheckin();
    const sent = checkinsSent();
    expect(sent).toHaveLength(3);
    expect(openCheckins()).toHaveLength(1);
    for (const old of sent.slice(0, -1)) {
      expect(read(old)).toContain('a newer check-in replaced this one');
    }
  });

  it('a click on a replaced check-in says a newer one replaced it, not that it was skipped', async () => {
    await toNextCheckin();
    const [first] = checkinsSent();
    h.emu.failNext('chat.update', 'cant_update_message');
    await toNextCheckin();
    const from = h.emu.calls.length;
    await tap(first as StoredMessage, 'Not much, honestly');
    await h.slack.idle();
    const told = h.emu.calls.slice(from).find((c) => c.method === 'response_url');
    expect(JSON.stringify(told?.args)).toContain('A newer check-in replaced this one');
    expect(JSON.stringify(told?.args)).not.toContain('it was skipped');
  });

  it('the nudge points at no button, and once the check-in is answered it says so', async () => {
    await toNextCheckin();
    const [checkin] = checkinsSent();
    await clock.advanceBy(4 * DAY);
    await h.slack.idle();
    const nudge = h.emu.dm(ALICE).find((m) => m.text === 'A gentle nudge about your check-in');
    if (!nudge) throw new Error('no nudge');
    expect(read(nudge)).not.toContain('Skip this one');
    expect(read(nudge)).toContain('About the check-in for');
    await tap(checkin as StoredMessage, 'Not much, honestly');
    await h.slack.idle();
    expect(read(nudge)).toContain('taken care of');
  });
});
