import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/action-ids.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const alice_ = { teamId: 'T0PLAYGND', userId: ALICE };

let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  h = await startHarness();
  alice = new DmDriver(h.emu, ALICE);
});
afterEach(async () => {
  await h.close();
});

const live = () =>
  h.emu
    .dm(ALICE)
    .filter((m) => m.bot_id && !m.deleted && !m.ephemeralFor)
    .filter((m) =>
      (m.blocks ?? []).some((b) =>
        ['answer', 'nav', 'summary-actions'].includes(String(b.block_id)),
      ),
    );

describe('ways out', () => {
  it('"Change an answer" can be called off: Keep my answer returns to the brief with nothing changed', async () => {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    await alice.finish({ pick: () => 1 });
    const before = (await h.deps.store.get(alice_))?.session;
    const brief = alice.latest();
    const edit = alice.element(ACTION.edit);
    const firstStep = (edit.options ?? [])[0]?.value as string;
    await alice.expectUpdate(() =>
      h.emu.selectOption({
        user: ALICE,
        messageTs: brief.ts,
        actionId: ACTION.edit,
        value: firstStep,
      }),
    );
    expect(alice.read()).toContain('Changing one answer');
    expect(alice.read()).toContain('Keep my answer');
    await alice.expectUpdate(() => alice.click(ACTION.keep));
    expect(alice.isSummary()).toBe(true);
    const after = (await h.deps.store.get(alice_))?.session;
    expect(after?.choices).toEqual(before?.choices);
    expect(after?.texts).toEqual(before?.texts);
    expect(after?.status).toBe('complete');
    expect(after?.completedAt).toBe(before?.completedAt);
  });

  it('`reset` typed in the DM asks first; Keep my answers changes nothing, Start over begins again', async () => {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    await alice.choose(0);
    await alice.choose(0);
    const answered = (await h.deps.store.get(alice_))?.session?.choices;
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'reset' }), 'chat.postMessage');
    expect(alice.read()).toContain('Start over?');
    expect((await h.deps.store.get(alice_))?.session?.choices).toEqual(answered);

    await alice.expectUpdate(() => alice.click(ACTION.resume));
    await h.slack.idle();
    expect(alice.read()).toContain('Step 3 of');
    expect((await h.deps.store.get(alice_))?.session?.choices).toEqual(answered);
    expect(live()).toHaveLength(1);

    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'reset' }), 'chat.postMessage');
    await alice.expectUpdate(() => alice.click(ACTION.restart));
    await h.slack.idle();
    expect(alice.read()).toContain('Step 1 of');
    expect((await h.deps.store.get(alice_))?.session?.choices).toEqual({});
    expect(live()).toHaveLength(1);
  });
});
