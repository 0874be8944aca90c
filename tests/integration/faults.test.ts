import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const TEAM = 'T0PLAYGND';
const ALICE = 'U0ALICE';
/** The client's interactive policy: one try plus two retries. */
const ATTEMPTS = 3;

/** What the user must be told for each failure: the gist of the next step. */
const TOLD: Record<string, RegExp> = {
  not_in_channel: /\/invite @career-path/,
  channel_not_found: /can't see/,
  is_archived: /archived/,
  restricted_action: /doesn't let me post/,
  msg_too_long: /too long for Slack/,
  invalid_blocks: /too long for Slack/,
  account_inactive: /inactive/,
  messages_tab_disabled: /Messages tab/,
  token_revoked: /reinstall/,
  ratelimited: /slow down/,
  internal_error: /Try again in a moment/,
  network: /Try again in a moment/,
};
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'network']);

let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  h = await startHarness();
  alice = new DmDriver(h.emu, ALICE);
});
afterEach(async () => {
  await h.close();
});

const stateOf = () => h.deps.store.get({ teamId: TEAM, userId: ALICE });
/** A transient fault must outlast every retry to reach the user; any other fails at once. */
const failFor = (method: string, fault: string) =>
  h.emu.failNext(method, fault as Fault, { times: TRANSIENT.has(fault) ? ATTEMPTS : 1 });

/** Runs an interaction and waits (long enough for every retry) for a call that matches. */
async function callAfter(action: () => Promise<unknown>, method: string, ok?: boolean) {
  const from = h.emu.calls.length;
  await action();
  return h.emu.waitForCall(method, (c) => ok === undefined || c.ok === ok, 10_000, from);
}
const clickFirstAnswer = () => alice.click(alice.answerButtons()[0]?.action_id as string);
/**
 * A click's message is replaced through its response_url first; chat.update is the fallback.
 * Failing that first try puts the click on the chat.update path these tests are about.
 */
const refuseReplace = () => h.emu.failNext('response_url', 'internal_error');

async function start() {
  await alice.expectCall(
    () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
    'chat.postMessage',
  );
  await h.idle();
}

/** What Slack showed only to Alice most recently (response_url or ephemeral). */
function lastNoticeToAlice(): string {
  const notices = [...h.emu.messages('C0GENERAL'), ...h.emu.dm(ALICE)].filter(
    (m) => m.ephemeralFor === ALICE,
  );
  return JSON.stringify(notices.at(-1) ?? {});
}

describe('a click whose reply fails: the user is told, the answer is kept', () => {
  it.each(['internal_error', 'network', 'ratelimited', 'msg_too_long', 'token_revoked'])(
    'the response_url, then chat.update fails with %s',
    async (fault) => {
      await start();
      const firstChoice = alice.answerButtons()[0]?.value?.split(':')[3];
      refuseReplace();
      failFor('chat.update', fault);
      await callAfter(clickFirstAnswer, 'response_url', true);
      expect(lastNoticeToAlice()).toMatch(TOLD[fault] as RegExp);
      const saved = (await stateOf())?.session;
      expect(saved?.status).toBe('active');
      expect(Object.values(saved?.choices ?? {})).toContain(firstChoice);
      // Carrying on later picks up at step 2 with the answer still there.
      await alice.expectCall(
        () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
        'chat.postMessage',
      );
      expect(alice.read()).toContain('Step 2 of 10');
      expect((await stateOf())?.session?.id).toBe(saved?.id);
    },
  );
});

describe('a reset that cannot be shown does not wipe the brief', () => {
  it('Start over on the summary, with the response_url and chat.update failing: told, and the brief is still there', async () => {
    await start();
    await alice.finish();
    await h.idle();
    const before = await stateOf();
    refuseReplace();
    h.emu.failNext('chat.update', 'msg_too_long');
    await callAfter(() => alice.click(ACTION.restart), 'response_url', true);
    await h.idle();
    expect(lastNoticeToAlice()).toMatch(TOLD.msg_too_long as RegExp);
    expect((await stateOf())?.session).toEqual(before?.session);
  });

  it('/career-path reset whose post fails keeps the old answers', async () => {
    await start();
    await alice.choose(0);
    await h.idle();
    const before = await stateOf();
    failFor('chat.postMessage', 'internal_error');
    await callAfter(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'reset' }),
      'response_url',
    );
    expect(lastNoticeToAlice()).toMatch(TOLD.internal_error as RegExp);
    expect((await stateOf())?.session).toEqual(before?.session);
  });
});

describe('Slack asking us to slow down (429 + Retry-After)', () => {
  it('is honoured: the retry waits Retry-After, and the user sees the next step, no error', async () => {
    await start();
    refuseReplace();
    h.emu.failNext('chat.update', 'ratelimited');
    await callAfter(clickFirstAnswer, 'chat.update', true);
    const updates = h.emu.callsTo('chat.update');
    expect(updates.map((c) => c.status)).toEqual([429, 200]);
    const [limited, retried] = updates;
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(alice.read()).toContain('Step 2 of 10');
    expect(h.emu.callsTo('response_url').filter((c) => c.ok)).toHaveLength(0);
  });

  it('gives up after the interactive policy’s retries (not half an hour) and says so', async () => {
    await start();
    refuseReplace();
    h.emu.failNext('chat.update', 'ratelimited', { times: 10 });
    await callAfter(clickFirstAnswer, 'response_url', true);
    expect(h.emu.callsTo('chat.update')).toHaveLength(ATTEMPTS);
    expect(lastNoticeToAlice()).toMatch(TOLD.ratelimited as RegExp);
    h.emu.clearFaults();
  });

  it.each(['internal_error', 'network'])(
    'a single %s is retried without the user noticing',
    async (fault) => {
      await start();
      refuseReplace();
      h.emu.failNext('chat.update', fault as Fault);
      await callAfter(clickFirstAnswer, 'chat.update', true);
      expect(alice.read()).toContain('Step 2 of 10');
      expect(h.emu.callsTo('response_url').filter((c) => c.ok)).toHaveLength(0);
    },
  );
});

describe('a click whose response_url is refused', () => {
  it.each(['internal_error', 'network', 'expired_url'])(
    '%s: chat.update replaces the message instead, and the user is told nothing',
    async (fault) => {
      await start();
      const notice = lastNoticeToAlice();
      h.emu.failNext('response_url', fault as Fault);
      await callAfter(clickFirstAnswer, 'chat.update', true);
      await h.idle();
      expect(alice.read()).toContain('Step 2 of 10');
      expect(h.emu.callsTo('response_url').filter((c) => c.ok)).toHaveLength(0);
      expect(lastNoticeToAlice()).toBe(notice);
    },
  );
});

describe('opening or posting to the DM fails', () => {
  it.each(['messages_tab_disabled', 'token_revoked', 'internal_error'])(
    'the first post to a new user’s DM fails with %s: told in the channel, nothing saved',
    async (fault) => {
      failFor('chat.postMessage', fault);
      await alice.expectCall(
        () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'start' }),
        'response_url',
      );
      expect(lastNoticeToAlice()).toMatch(TOLD[fault] as RegExp);
      expect(await stateOf()).toBeUndefined();
    },
  );

  it('chat.postMessage to the DM fails with messages_tab_disabled: told, and nothing half-done', async () => {
    await start();
    await alice.choose(0);
    await h.idle();
    const before = await stateOf();
    h.emu.failNext('chat.postMessage', 'messages_tab_disabled');
    await callAfter(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'start' }),
      'response_url',
    );
    expect(lastNoticeToAlice()).toMatch(TOLD.messages_tab_disabled as RegExp);
    expect(await stateOf()).toEqual(before);
    await start();
    expect(alice.read()).toContain('Step 2 of 10');
  });

  it('a revoked token: every command is answered with the way out, nothing changes', async () => {
    await start();
    await alice.choose(0);
    await h.idle();
    const before = await stateOf();
    h.emu.state.tokenRevoked = true;
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'reset' }),
      'response_url',
    );
    expect(lastNoticeToAlice()).toMatch(TOLD.token_revoked as RegExp);
    expect(await stateOf()).toEqual(before);
  });

  it('a DM reply whose answer cannot be posted keeps the words and says so in the DM', async () => {
    await start();
    for (let i = 0; i < 20 && !alice.isTextStep(); i += 1) await alice.choose(0);
    await h.idle();
    h.emu.failNext('chat.postMessage', 'internal_error', { times: ATTEMPTS });
    await h.emu.sendDm({ user: ALICE, text: 'my words survive' });
    await h.emu.waitForCall('chat.postMessage', (c) => c.ok, 8_000, h.emu.calls.length);
    expect(JSON.stringify(h.emu.dm(ALICE).at(-1))).toMatch(TOLD.internal_error as RegExp);
    expect(JSON.stringify((await stateOf())?.session?.texts)).toContain('my words survive');
  });

  it('Write a sentence whose modal cannot open is told, not silent', async () => {
    await start();
    for (let i = 0; i < 20 && !alice.isTextStep(); i += 1) await alice.choose(0);
    h.emu.failNext('views.open', 'internal_error', { times: ATTEMPTS });
    await alice.expectCall(() => alice.click(ACTION.textOpen), 'response_url');
    expect(lastNoticeToAlice()).toMatch(TOLD.internal_error as RegExp);
  });
});

describe('sharing fails: the modal says what to do, the brief is untouched', () => {
  const cases: [string, Record<string, string>][] = [
    ['not_in_channel', { 'share.channel': 'C0ENGLEADS' }],
    ['channel_not_found', { 'share.channel': 'C0ENGLEADS' }],
    ['is_archived', { 'share.channel': 'C0ENGLEADS' }],
    ['restricted_action', { 'share.channel': 'C0ENGLEADS' }],
    ['msg_too_long', { 'share.channel': 'C0ENGLEADS' }],
    ['invalid_blocks', { 'share.channel': 'C0ENGLEADS' }],
    ['account_inactive', { 'share.person': 'U0MANAGER' }],
    ['internal_error', { 'share.person': 'U0MANAGER' }],
    ['network', { 'share.channel': 'C0ENGLEADS' }],
  ];
  it.each(cases)('chat.postMessage fails with %s', async (fault, values) => {
    await start();
    await alice.finish();
    await h.idle();
    const before = await stateOf();
    // On a loaded machine the views.open can come after the trigger's 3 s (expired_trigger_id,
    // as in Slack, and no modal): the user clicks Share again, as they would.
    for (let i = 0; i < 3 && !h.emu.topModal(ALICE); i += 1)
      await alice.expectCall(() => alice.click(ACTION.shareOpen), 'views.open');
    failFor('chat.postMessage', fault);
    const sharedBefore = h.emu.messages('C0ENGLEADS').length;
    await alice.expectCall(() => h.emu.submitView({ user: ALICE, values }), 'views.update');
    expect(JSON.stringify(h.emu.topModal(ALICE)?.blocks)).toMatch(TOLD[fault] as RegExp);
    expect(await stateOf()).toEqual(before);
    expect(h.emu.messages('C0ENGLEADS')).toHaveLength(sharedBefore);
  });
});
