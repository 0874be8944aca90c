import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/action-ids.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const TYPED = 'R&D <3 https://example.com';
/** The typed words escaped exactly once for mrkdwn, as Slack needs them to show as typed. */
const ONCE = 'R&amp;D &lt;3 https://example.com';

let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  h = await startHarness();
  alice = new DmDriver(h.emu, ALICE);
});
afterEach(async () => {
  await h.close();
});

/** Answers choice steps until the current step is a text step. */
async function reachTextStep() {
  await alice.expectCall(() => h.emu.sendCommand({ user: ALICE }), 'chat.postMessage');
  for (let i = 0; i < 30 && !alice.isTextStep(); i += 1) await alice.choose(0);
  expect(alice.isTextStep()).toBe(true);
}

describe('text typed in Slack shows as typed, escaped exactly once', () => {
  it('words typed in the DM (delivered escaped, the link wrapped) show as typed in the modal, the brief, the shared post and Copy as text', async () => {
    await reachTextStep();
    await alice.replyInDm(TYPED);
    // Back to the step: its modal shows the DM answer raw (initial_value is plain_text).
    await alice.expectUpdate(() => alice.click(ACTION.back));
    expect(alice.isTextStep()).toBe(true);
    const stepNow = alice.latest();
    {
      const opened = await alice.expectCall(
        () => alice.click(ACTION.textOpen, stepNow),
        'views.open',
      );
      expect(JSON.stringify(opened.args)).toContain(JSON.stringify(TYPED).slice(1, -1));
      await h.emu.closeView({ user: ALICE });
    }
    await alice.replyInDm(TYPED);
    await alice.finish({ words: ['A sentence.', 'Another.'] });
    const summary = alice.latest();
    const brief = alice.read(summary);
    expect(brief).toContain(ONCE);
    expect(brief).not.toContain('&amp;amp;');
    expect(brief).not.toContain('&amp;lt;');
    expect(brief).not.toContain('<https://');

    const copied = await alice.expectCall(
      () => alice.click(ACTION.copy, summary),
      'chat.postMessage',
    );
    expect(String(copied.args.text)).toContain(ONCE);

    await alice.expectCall(() => alice.click(ACTION.shareOpen, summary), 'views.open');
    await alice.expectCall(
      () => h.emu.submitView({ user: ALICE, values: { 'share.channel': 'C0ENGLEADS' } }),
      'views.update',
    );
    const shared = JSON.stringify(h.emu.messages('C0ENGLEADS').at(-1)?.blocks);
    expect(shared).toContain(ONCE);
    expect(shared).not.toContain('&amp;amp;');
    // Nothing the bot sent anywhere, in any call, is escaped twice or carries Slack's link token.
    for (const call of h.emu.calls) {
      const sent = JSON.stringify(call.args);
      expect(sent, call.method).not.toMatch(/&amp;(amp|lt|gt);/);
      expect(sent, call.method).not.toContain('<https://example.com>');
    }
  });

  it('words typed in the modal arrive raw and are escaped once', async () => {
    await reachTextStep();
    await alice.writeInModal(TYPED);
    await alice.finish({ words: ['A sentence.'] });
    const brief = alice.read(alice.latest());
    expect(brief).toContain(ONCE);
    expect(brief).not.toContain('&amp;amp;');
  });

  it('a slash command with escaped text is understood ("start" after an ampersand is not)', async () => {
    const res = await h.emu.sendCommand({ user: ALICE, text: 'R&D' });
    expect(JSON.stringify(res.body)).toContain('R&amp;D');
    expect(JSON.stringify(res.body)).not.toContain('&amp;amp;');
  });
});
