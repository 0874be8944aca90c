/**
 * Slack fails any delivery the app does not ack within 3 s (the emulator too: `late`, see
 * src/playground/emulator/delivery.ts). Every one of the bot's listeners acks before its Web API
 * work, so even a Web API slower than the deadline leaves every ack on time: a listener that
 * called Slack before ack() would ack after 3.1 s, and fail here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCall, DeliveryResult } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { renderUnexpectedProblem } from '../../src/render/problems.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
/** Each Web API and response_url call takes longer than Slack gives an ack. */
const SLOWER_THAN_THE_DEADLINE_MS = 3_100;

let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  h = await startHarness();
  alice = new DmDriver(h.emu, ALICE);
  // Bolt's auth.test at start: the first request waits for it (before any listener can ack).
  await h.emu.waitForCall('auth.test', (c) => c.ok, 10_000);
});
afterEach(async () => {
  await h.close();
});

/** Runs a user action with the Web API slow, and waits (long) for the bot's answer to it. */
async function withSlowSlack(
  method: string,
  action: () => Promise<DeliveryResult | undefined>,
  answered: (call: ApiCall) => boolean = (c) => c.ok,
) {
  const from = (h.emu.calls.at(-1)?.seq ?? -1) + 1;
  h.emu.latencyMs = SLOWER_THAN_THE_DEADLINE_MS;
  try {
    const result = await action();
    await h.emu.waitForCall(method, answered, 30_000, from);
    // Every call under way finishes before the next action, so the bot's user lock is free.
    await h.idle();
    return result;
  } finally {
    h.emu.latencyMs = 0;
  }
}

describe('every listener acks before it calls Slack', () => {
  it('command, click, modal open and submit, DM and Home: all acked within Slack’s 3 s', async () => {
    const command = await withSlowSlack('chat.postMessage', () =>
      h.emu.sendCommand({ user: ALICE }),
    );
    expect(command).toMatchObject({ status: 200 });
    expect(command?.late).toBeUndefined();

    const click = await withSlowSlack('response_url', () =>
      alice.click(alice.answerButtons()[0]?.action_id as string),
    );
    expect(click?.late).toBeUndefined();

    for (let i = 0; i < 30 && !alice.isTextStep(); i += 1) await alice.choose(0);
    // A trigger lasts 3 s in Slack too, so a views.open slower than that fails expired_trigger_id;
    // what counts here is that the click was acked first. Then the modal opens at normal speed.
    const textStep = alice.latest();
    const open = await withSlowSlack(
      'views.open',
      () => alice.click(ACTION.textOpen, textStep),
      () => true,
    );
    expect(open?.late).toBeUndefined();
    await alice.expectCall(() => alice.click(ACTION.textOpen, textStep), 'views.open');
    const submit = await withSlowSlack('chat.update', () =>
      h.emu.submitView({ user: ALICE, values: { 'words.input': 'I want to keep growing.' } }),
    );
    expect(submit?.late).toBeUndefined();

    const dm = await withSlowSlack('chat.postMessage', () =>
      h.emu.sendDm({ user: ALICE, text: 'help' }),
    );
    expect(dm?.late).toBeUndefined();
    const home = await withSlowSlack('views.publish', () => h.emu.openAppHome({ user: ALICE }));
    expect(home?.late).toBeUndefined();

    expect(h.emu.lateAcks).toEqual([]);
    // And no ack came from the request guard's fallback (an empty 200 at 2 s) while a listener
    // was still busy: that listener's own ack would then fail and the user be told of a problem.
    const told = h.emu.calls.map((c) => JSON.stringify(c.args));
    expect(told.filter((t) => t.includes(renderUnexpectedProblem().text))).toEqual([]);
  }, 120_000);
});
