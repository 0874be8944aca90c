import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';

let h: Harness;
let alice: DmDriver;
let closed = false;
beforeEach(async () => {
  closed = false;
  h = await startHarness();
  alice = new DmDriver(h.emu, ALICE);
  await alice.expectCall(() => h.emu.sendCommand({ user: ALICE }), 'chat.postMessage');
});
afterEach(async () => {
  if (!closed) await h.close();
});

const clickFirstAnswer = () => alice.click(alice.answerButtons()[0]?.action_id as string);

describe('a connection Slack never answers does not freeze the user', () => {
  it('a click whose response_url hangs is answered with chat.update within 15 s', async () => {
    h.emu.failNext('response_url', 'stall');
    const step = alice.latest();
    const from = h.emu.calls.length;
    const started = Date.now();
    await clickFirstAnswer();
    const update = await h.emu.waitForCall('chat.update', (c) => c.ok, 15_000, from);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(update.args.ts).toBe(step.ts);
    // The user's lock was let go: the next click is answered as usual.
    await alice.choose(0);
  }, 20_000);

  it('a stalled Web API call gives up and the user is told, and the next click still works', async () => {
    // Every attempt of the fallback stalls too: the click ends in a notice, not a frozen user.
    h.emu.failNext('response_url', 'stall');
    h.emu.failNext('chat.update', 'stall', { times: 3 });
    const from = h.emu.calls.length;
    await clickFirstAnswer();
    const told = await h.emu.waitForCall(
      'response_url',
      (c) => c.ok && c.args.response_type === 'ephemeral',
      30_000,
      from,
    );
    expect(JSON.stringify(told.args)).toMatch(/moment|again/i);
    // The lock was let go: another click is answered (the step moved on while its message could
    // not be replaced, so this one is told where things stand).
    await alice.expectCall(clickFirstAnswer, 'response_url');
  }, 40_000);

  it('shutdown does not wait for a stalled call', async () => {
    h.emu.failNext('response_url', 'stall', { times: 5 });
    h.emu.failNext('chat.update', 'stall', { times: 5 });
    await clickFirstAnswer();
    await h.emu.waitForCall('response_url', undefined, 3_000);
    const started = Date.now();
    closed = true;
    await h.close();
    expect(Date.now() - started).toBeLessThan(7_000);
  }, 20_000);
});
