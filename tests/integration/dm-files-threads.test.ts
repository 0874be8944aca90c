import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

/** What the bot posted in the DM after `send`, as one string. */
async function answerTo(send: () => Promise<unknown>): Promise<string> {
  const call = await alice.expectCall(send, 'chat.postMessage');
  return `${String(call.args.text)} ${JSON.stringify(call.args.blocks ?? [])}`;
}

describe('a DM with a file or in a thread is read like any DM', () => {
  it('"help" with a file attached (subtype file_share) gets the same answer as without', async () => {
    const plain = await answerTo(() => h.emu.sendDm({ user: ALICE, text: 'help' }));
    const withFile = await answerTo(() =>
      h.emu.sendDm({ user: ALICE, text: 'help', file: { name: 'notes.txt' } }),
    );
    expect(withFile.replace(/"block_id":"[^"]*"/g, '')).toBe(
      plain.replace(/"block_id":"[^"]*"/g, ''),
    );
  });

  it('a reply in a thread of the DM starts the exchange like a top-level "start"', async () => {
    const first = await answerTo(() => h.emu.sendDm({ user: ALICE, text: 'help' }));
    expect(first).toContain('start');
    const parent = alice.latest();
    const threaded = await answerTo(() =>
      h.emu.sendDm({ user: ALICE, text: 'start', threadTs: parent.ts }),
    );
    expect(threaded).toMatch(/1 of|Step 1|step 1/i);
  });

  it('edits, bot messages and joins still get no answer', async () => {
    await alice.expectCall(() => h.emu.sendCommand({ user: ALICE }), 'chat.postMessage');
    const before = h.emu.calls.length;
    const dm = h.emu.dm(ALICE)[0]?.channel ?? 'D0ALICE';
    for (const event of [
      { subtype: 'message_changed', message: { text: 'help', user: ALICE } },
      { subtype: 'channel_join', user: ALICE, text: 'joined' },
      { bot_id: 'B0OTHER', user: ALICE, text: 'help' },
    ]) {
      const res = await h.emu.sendEvent({
        type: 'message',
        channel: dm,
        channel_type: 'im',
        ts: `${Date.now() / 1000}`,
        ...event,
      });
      expect(res.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(h.emu.calls.slice(before).map((c) => c.method)).toEqual([]);
  });
});
