import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** The bot's posts in a user's DM, as text. */
const postsTo = (user: string) =>
  h.emu
    .dm(user)
    .filter((m) => m.bot_id)
    .map((m) => m.text ?? '');

describe("one user's rate limit does not hold the others", () => {
  it("Bob is answered within 5 s while Alice's reply waits out a 30-second Retry-After, and she is told", async () => {
    h.emu.failNext('chat.postMessage', 'ratelimited', { retryAfter: 30 });
    await h.emu.sendDm({ user: ALICE, text: 'help' });
    await h.emu.waitForCall('chat.postMessage', (c) => c.status === 429, 3_000);
    const from = h.emu.calls.length;
    const started = Date.now();
    await h.emu.sendDm({ user: BOB, text: 'help' });
    await h.emu.waitFor(
      () => postsTo(BOB).length > 0,
      5_000,
      () => `Bob got nothing; calls: ${h.emu.calls.slice(from).map((c) => c.method)}`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    await h.emu.waitFor(
      () => postsTo(ALICE).some((t) => /take a moment/.test(t)),
      3_000,
      () => `Alice was not told; she has: ${postsTo(ALICE).join(' | ')}`,
    );
  }, 15_000);

  it('a short Retry-After is waited out quietly and the reply arrives', async () => {
    h.emu.failNext('chat.postMessage', 'ratelimited', { retryAfter: 1 });
    await h.emu.sendDm({ user: ALICE, text: 'help' });
    await h.emu.waitFor(
      () => postsTo(ALICE).length > 0,
      5_000,
      () => 'no reply after the wait',
    );
    expect(postsTo(ALICE).join(' ')).toMatch(/career-path/);
    expect(postsTo(ALICE).join(' ')).not.toMatch(/take a moment|slow down/);
  });

  it('past the longest wait it accepts, the bot gives up at once and says so', async () => {
    h.emu.failNext('chat.postMessage', 'ratelimited', { retryAfter: 60 });
    const started = Date.now();
    await h.emu.sendDm({ user: ALICE, text: 'help' });
    await h.emu.waitFor(
      () => postsTo(ALICE).some((t) => /slow down/.test(t)),
      5_000,
      () => `Alice was not told; she has: ${postsTo(ALICE).join(' | ')}`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
