import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/action-ids.ts';
import type { UserState } from '../../src/store/index.ts';
import { DmDriver, isReplacement } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { encodeForm, slashCommandPayload } from '../support/payloads.ts';

const TEAM = 'T0PLAYGND';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';

let h: Harness;
let alice: DmDriver;
let bob: DmDriver;
beforeEach(async () => {
  h = await startHarness();
  alice = new DmDriver(h.emu, ALICE);
  bob = new DmDriver(h.emu, BOB);
});
afterEach(async () => {
  await h.close();
});

const stateOf = (userId: string) => h.deps.store.get({ teamId: TEAM, userId });
/** Calls that would change what anyone sees, other than an ephemeral "out of date" notice. */
const CHANGING = ['chat.update', 'chat.postMessage', 'views.open', 'views.update', 'views.push'];

/** Runs a forged interaction and checks that no one's state and no visible message changed. */
async function expectNoChange(forge: () => Promise<{ status: number }>) {
  await h.idle(); // let the last legitimate reply finish saving
  const before = { alice: await stateOf(ALICE), bob: await stateOf(BOB) };
  const from = h.emu.calls.length;
  const res = await forge();
  expect(res.status).toBe(200);
  await h.idle();
  const after = { alice: await stateOf(ALICE), bob: await stateOf(BOB) };
  expect(after).toEqual(before);
  const changing = h.emu.calls
    .slice(from)
    .filter((c) => CHANGING.includes(c.method) || isReplacement(c));
  expect(changing.map((c) => c.method)).toEqual([]);
}

async function startBoth() {
  for (const d of [alice, bob]) {
    await d.expectCall(
      () => h.emu.sendCommand({ user: d.user, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
  }
}

describe('a click carrying someone else’s session changes nothing', () => {
  it('Bob’s button with Alice’s session id in its value: stale for Bob, Alice untouched', async () => {
    await startBoth();
    const aliceValue = alice.answerButtons()[0]?.value as string;
    const bobButton = bob.answerButtons()[0]?.action_id as string;
    expect(aliceValue.split(':')[0]).not.toBe(bob.answerButtons()[0]?.value?.split(':')[0]);
    await expectNoChange(() =>
      h.emu.clickButton({
        user: BOB,
        messageTs: bob.latest().ts,
        actionId: bobButton,
        value: aliceValue,
      }),
    );
    // Bob is told, privately, that the button was out of date.
    const notice = h.emu.callsTo('response_url').at(-1);
    expect(JSON.stringify(notice?.args)).toMatch(/out of date|ended|moved on/i);
  });

  it('a click that claims to be from Alice but comes with Bob’s user id acts on Bob only', async () => {
    await startBoth();
    await expectNoChange(() =>
      h.emu.clickButton({
        user: BOB,
        messageTs: bob.latest().ts,
        actionId: bob.answerButtons()[0]?.action_id as string,
        value: alice.answerButtons()[0]?.value as string,
        overrides: { message: { ts: alice.latest().ts, text: '', blocks: [] } },
      }),
    );
  });
});

describe('values and action ids that are not ours change nothing', () => {
  const forgedValues = [
    'not-a-ref',
    '',
    'a:b',
    'x'.repeat(5000),
    'SESSION:step:1:opt:extra',
    '../../etc:passwd:1',
    'abc:def:-1',
    'abc:def:1e9999',
    '{"session":"abc"}',
  ];
  it('button values that are not ours (sent together)', async () => {
    await startBoth();
    const button = alice.answerButtons()[0]?.action_id as string;
    const ts = alice.latest().ts;
    await expectNoChange(async () => {
      const all = await Promise.all(
        forgedValues.map((value) =>
          h.emu.clickButton({
            user: ALICE,
            messageTs: ts,
            actionId: button,
            value: value.slice(0, 2000),
          }),
        ),
      );
      return { status: Math.max(...all.map((r) => r.status)) };
    });
  });

  it('unknown action ids (sent together) are answered quickly and change nothing', async () => {
    await startBoth();
    const button = alice.answerButtons()[0];
    const ts = alice.latest().ts;
    await expectNoChange(async () => {
      const all = await Promise.all(
        ['career.evil', 'career.answer.x', 'career.answers', 'share.channel', ''].map((actionId) =>
          h.emu.clickButton({
            user: ALICE,
            messageTs: ts,
            actionId: button?.action_id as string,
            overrides: {
              actions: [
                {
                  type: 'button',
                  action_id: actionId,
                  block_id: 'answer',
                  value: button?.value,
                  text: { type: 'plain_text', text: 'x' },
                  action_ts: '1700000001.000200',
                },
              ],
            },
          }),
        ),
      );
      return { status: Math.max(...all.map((r) => r.status)) };
    });
  });

  it('a block_actions with no actions at all, or a non-button element, changes nothing', async () => {
    await startBoth();
    const ts = alice.latest().ts;
    const actionId = alice.answerButtons()[0]?.action_id as string;
    await expectNoChange(() =>
      h.emu.clickButton({ user: ALICE, messageTs: ts, actionId, overrides: { actions: [] } }),
    );
    await expectNoChange(() =>
      h.emu.clickButton({
        user: ALICE,
        messageTs: ts,
        actionId,
        overrides: {
          actions: [{ type: 'datepicker', action_id: actionId, selected_date: '2020-01-01' }],
        },
      }),
    );
  });
});

/** Walks Alice to her first free-text step and opens its modal. */
async function openTextModal() {
  await alice.expectCall(
    () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
    'chat.postMessage',
  );
  for (let i = 0; i < 20 && !alice.isTextStep(); i += 1) await alice.choose(0);
  await alice.expectCall(() => alice.click(ACTION.textOpen), 'views.open');
  const modal = h.emu.topModal(ALICE);
  if (!modal) throw new Error('no modal');
  return { modal, meta: JSON.parse(modal.private_metadata) as Record<string, unknown> };
}

describe('a modal’s private_metadata is checked against the submitting user', () => {
  const forgeries: [string, (meta: Record<string, unknown>, bobSession: string) => string][] = [
    ['not JSON', () => '{nope'],
    ['empty', () => ''],
    ['a JSON array', () => '[]'],
    ['an extra field', (m) => JSON.stringify({ ...m, admin: true })],
    ['another session (Bob’s)', (m, bob) => JSON.stringify({ ...m, session: bob })],
    ['an old revision', (m) => JSON.stringify({ ...m, rev: Number(m.rev) - 1 })],
    ['a different step', (m) => JSON.stringify({ ...m, step: 'five-years' })],
    [
      'another channel to update (a bot message in #general)',
      (m) => JSON.stringify({ ...m, channel: 'C0GENERAL' }),
    ],
    ['a huge value', (m) => JSON.stringify({ ...m, session: 'a'.repeat(2900) })],
  ];
  it.each(forgeries)('text modal with metadata: %s', async (_, forge) => {
    await bob.expectCall(
      () => h.emu.sendCommand({ user: BOB, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    const bobSession = (await stateOf(BOB))?.session?.id as string;
    const { modal, meta } = await openTextModal();
    modal.private_metadata = forge(meta, bobSession);
    await expectNoChange(() =>
      h.emu.submitView({ user: ALICE, values: { 'words.input': 'forged <!channel> words' } }),
    );
    const state = (await stateOf(ALICE)) as UserState;
    expect(JSON.stringify(state)).not.toContain('forged');
  });

  it('the unforged modal still works (the control case)', async () => {
    await openTextModal();
    await alice.expectUpdate(() =>
      h.emu.submitView({ user: ALICE, values: { 'words.input': 'my real words' } }),
    );
    expect(JSON.stringify(await stateOf(ALICE))).toContain('my real words');
  });

  it('Bob submitting a modal that carries Alice’s metadata changes neither of them', async () => {
    await bob.expectCall(
      () => h.emu.sendCommand({ user: BOB, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    const { meta } = await openTextModal();
    await h.emu.closeView({ user: ALICE });
    // Bob opens his own text modal, then submits it carrying Alice's metadata.
    for (let i = 0; i < 20 && !bob.isTextStep(); i += 1) await bob.choose(0);
    await bob.expectCall(() => bob.click(ACTION.textOpen), 'views.open');
    const bobModal = h.emu.topModal(BOB);
    if (!bobModal) throw new Error('no modal for Bob');
    bobModal.private_metadata = JSON.stringify(meta);
    await expectNoChange(() =>
      h.emu.submitView({ user: BOB, values: { 'words.input': 'forged by bob' } }),
    );
  });

  it('a share modal with foreign metadata posts nothing anywhere', async () => {
    await bob.expectCall(
      () => h.emu.sendCommand({ user: BOB, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    await bob.finish();
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    await alice.finish();
    await alice.expectCall(() => alice.click(ACTION.shareOpen), 'views.open');
    const modal = h.emu.topModal(ALICE);
    if (!modal) throw new Error('no share modal');
    const bobSession = await stateOf(BOB);
    modal.private_metadata = JSON.stringify({
      session: bobSession?.session?.id,
      step: 'summary',
      rev: bobSession?.session?.rev,
    });
    const before = h.emu.callsTo('chat.postMessage').length;
    await expectNoChange(() =>
      h.emu.submitView({ user: ALICE, values: { 'share.channel': 'C0ENGLEADS' } }),
    );
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(before);
    expect(h.emu.messages('C0ENGLEADS')).toHaveLength(0);
  });
});

describe('a signed command that names no user', () => {
  it('posts nothing and saves nothing (there is no DM to post to)', async () => {
    await expectNoChange(() =>
      h.emu.deliverRaw({
        body: encodeForm(
          slashCommandPayload({
            text: '',
            user_id: '',
            channel_id: 'C0GENERAL',
            response_url: `${h.emu.apiUrl.replace(/\/api\/$/, '')}/response/00`,
            trigger_id: '1.2.3',
          }),
        ),
        contentType: 'application/x-www-form-urlencoded',
      }),
    );
    expect(await h.deps.store.get({ teamId: TEAM, userId: '' })).toBeUndefined();
    expect(h.emu.calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });
});
