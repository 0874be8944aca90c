import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/action-ids.ts';
import { blockKitProblemsInCalls } from '../support/calls-within-limits.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/** String.prototype.isWellFormed is ES2024; this is the same check for Node 20's typings. */
const isWellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

const ALICE = 'U0ALICE';
const PINGS = ['<!channel>', '<!here>', '<!everyone>', '<@U0BOB>', '<#C0GENERAL>', '<https://evil'];
const HOSTILE = `${PINGS.join(' ')} <https://evil.example|click me> & *bold* \`code\``;
const LONG_WORD = 'x'.repeat(10_000);
const LONG_HOSTILE = '<!channel>&'.repeat(1_000);

let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  h = await startHarness();
  alice = new DmDriver(h.emu, ALICE);
});
afterEach(async () => {
  await h.close();
});

/** Every call the bot made was accepted by the emulator, which rejects what Slack rejects. */
function expectEveryCallAccepted() {
  const failed = h.emu.calls.filter((c) => !c.ok).map((c) => `${c.method}: ${c.error}`);
  expect(failed).toEqual([]);
  expect(blockKitProblemsInCalls(h.emu.calls)).toEqual([]);
}

/** No text the bot sent anywhere holds a live mention or link typed by the user. */
function expectNoLivePings() {
  for (const call of h.emu.calls) {
    const sent = JSON.stringify(call.args);
    for (const ping of PINGS) expect(sent, `${call.method} carried ${ping}`).not.toContain(ping);
  }
}

async function runWith(words: string[], textVia?: 'modal') {
  await alice.expectCall(
    () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
    'chat.postMessage',
  );
  await alice.finish({ words, ...(textVia ? { textVia } : {}) });
}

describe('user text is escaped and shortened wherever it is shown again', () => {
  it('mentions and links typed as answers never ping or link anyone, in the DM or when shared', async () => {
    await runWith([HOSTILE, HOSTILE]);
    const summary = alice.latest();
    await alice.expectCall(() => alice.click(ACTION.copy, summary), 'chat.postMessage');
    await alice.expectCall(() => alice.click(ACTION.shareOpen, summary), 'views.open');
    await alice.expectCall(
      () => h.emu.submitView({ user: ALICE, values: { 'share.channel': 'C0ENGLEADS' } }),
      'views.update',
    );
    expectEveryCallAccepted();
    expectNoLivePings();
    const shared = JSON.stringify(h.emu.messages('C0ENGLEADS').at(-1)?.blocks);
    expect(shared).toContain('&lt;!channel&gt;');
    expect(shared).toContain('&amp;');
  });

  it('a 10,000-character word forged past the modal’s max_length is shortened with a visible "…"', async () => {
    await runWith([LONG_WORD, LONG_WORD], 'modal');
    const summary = alice.latest();
    await alice.expectCall(() => alice.click(ACTION.copy, summary), 'chat.postMessage');
    await alice.expectCall(() => alice.click(ACTION.shareOpen, summary), 'views.open');
    await alice.expectCall(
      () => h.emu.submitView({ user: ALICE, values: { 'share.person': 'U0MANAGER' } }),
      'views.update',
    );
    expectEveryCallAccepted();
    const brief = alice.read(summary);
    expect(brief).toMatch(/x{100}…/);
    expect(brief).not.toContain('x'.repeat(600));
  });

  it('10,000 characters of mentions and ampersands (which grow when escaped) still fit', async () => {
    await runWith([LONG_HOSTILE, LONG_HOSTILE], 'modal');
    await alice.expectCall(() => alice.click(ACTION.shareOpen), 'views.open');
    await alice.expectCall(
      () => h.emu.submitView({ user: ALICE, values: { 'share.channel': 'C0ENGLEADS' } }),
      'views.update',
    );
    expectEveryCallAccepted();
    expectNoLivePings();
    expect(JSON.stringify(h.emu.messages('C0ENGLEADS').at(-1)?.blocks)).toContain('…');
  });

  it('a forged modal submission far over the input’s max_length is shortened, not rejected', async () => {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    for (let i = 0; i < 20 && !alice.isTextStep(); i += 1) await alice.choose(0);
    await alice.expectCall(() => alice.click(ACTION.textOpen), 'views.open');
    await alice.expectUpdate(() =>
      h.emu.submitView({
        user: ALICE,
        stateValues: {
          words: { 'words.input': { type: 'plain_text_input', value: LONG_HOSTILE } },
        },
      }),
    );
    expectEveryCallAccepted();
    expectNoLivePings();
  });

  it('an emoji at the cut is never split in half', async () => {
    await runWith(['🙂'.repeat(5_000), '👩‍💻'.repeat(2_000)], 'modal');
    expectEveryCallAccepted();
    for (const call of h.emu.calls) {
      // JSON.stringify writes a lone surrogate (half an emoji) as a \\udXXX escape.
      expect(JSON.stringify(call.args), call.method).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
    }
    const session = (await h.deps.store.get({ teamId: 'T0PLAYGND', userId: ALICE }))?.session;
    for (const text of Object.values(session?.texts ?? {})) {
      expect(isWellFormed(text)).toBe(true);
    }
  });

  it('a DM answer over the limit is not cut: nothing saved, asked to shorten it, the step still open', async () => {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    for (let i = 0; i < 20 && !alice.isTextStep(); i += 1) await alice.choose(0);
    const step = alice.latest();
    const words = `${'A long story about the migration. '.repeat(12)}The end.`;
    await alice.replyInDm(words);
    const notice = alice.read();
    expect(notice).toContain(`That's ${words.trim().length} characters`);
    expect(notice).toContain('up to 280');
    const session = (await h.deps.store.get({ teamId: 'T0PLAYGND', userId: ALICE }))?.session;
    expect(Object.values(session?.texts ?? {})).toEqual([]);
    expect(alice.isTextStep(step)).toBe(true);
    // A shorter one is taken as it is.
    await alice.replyInDm('The migration, in short.');
    await h.slack.idle();
    const saved = (await h.deps.store.get({ teamId: 'T0PLAYGND', userId: ALICE }))?.session;
    expect(Object.values(saved?.texts ?? {})).toEqual(['The migration, in short.']);
    expectEveryCallAccepted();
  });

  it('the text modal shows the limit', async () => {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    for (let i = 0; i < 20 && !alice.isTextStep(); i += 1) await alice.choose(0);
    expect(alice.read()).toContain('up to 280 characters');
    await alice.expectCall(() => alice.click(ACTION.textOpen), 'views.open');
    expect(JSON.stringify(h.emu.topModal(ALICE)?.blocks)).toContain('Up to 280 characters.');
  });

  it('an unknown subcommand of 10,000 characters is echoed short and escaped', async () => {
    const res = await h.emu.sendCommand({
      user: ALICE,
      channel: 'C0GENERAL',
      text: `promote ${LONG_HOSTILE}`,
    });
    expect(res.status).toBe(200);
    const body = JSON.stringify(res.body);
    expect(body).toContain('…');
    expect(body.length).toBeLessThan(3_000);
    for (const ping of PINGS) expect(body).not.toContain(ping);
    expect(res.ackProblems ?? []).toEqual([]);
  });
});
