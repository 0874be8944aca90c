import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHARE_SECTIONS } from '../../src/engine/index.ts';
import { makeChannel, type StoredMessage } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import type { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { shareBrief, walkPersona } from '../support/persona.ts';

const ALICE = 'U0ALICE';
const MORGAN = 'U0MANAGER';
const BOB = 'U0BOB';
const TEAM = 'T0PLAYGND';
const WITHOUT_RETHINKING = DEFAULT_SHARE_SECTIONS.filter((s) => s !== 'misconceptions');

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Every string a person would read in a stored message. */
function readOf(m: StoredMessage | undefined): string {
  const found = m && h.emu.findMessage(m.ts);
  return `${found?.text ?? ''}\n${JSON.stringify(found?.blocks ?? [])}`;
}

/** The bot's messages in a user's DM that everyone in it sees (not ephemeral). */
function posted(user: string): StoredMessage[] {
  return h.emu.dm(user).filter((m) => m.bot_id && !m.ephemeralFor && !m.deleted);
}

/** Alice, the persona, shares her brief with Morgan leaving "What I'm rethinking" out. */
async function aliceSharesWithMorgan(): Promise<{ alice: DmDriver; received: StoredMessage }> {
  const alice = await walkPersona(h.emu, ALICE);
  await shareBrief(alice, { 'share.person': MORGAN, 'career.share.sections': WITHOUT_RETHINKING });
  const received = posted(MORGAN).at(-1);
  if (!received) throw new Error('Morgan received nothing');
  return { alice, received };
}

async function clickIn(user: string, message: StoredMessage, actionId: string, value?: string) {
  return h.emu.clickButton({
    user,
    messageTs: message.ts,
    actionId,
    ...(value !== undefined ? { value } : {}),
  });
}

async function homeOf(user: string) {
  const from = h.emu.calls.length;
  await h.emu.openAppHome({ user });
  await h.emu.waitForCall('views.publish', undefined, 3_000, from);
  const home = h.emu.home(user);
  if (!home) throw new Error(`no Home for ${user}`);
  return home;
}

describe('a shared brief, as the person it was sent to reads and answers it', () => {
  it('is dated and situation-first, and leaves out every sentence of a section left out', async () => {
    const { alice, received } = await aliceSharesWithMorgan();
    const privateBrief = alice.read(alice.latest());
    // The persona has something to rethink, so leaving it out is a real test.
    expect(privateBrief).toContain("What I'm rethinking");
    const session = (await h.deps.store.get({ teamId: TEAM, userId: ALICE }))?.session;
    if (!session) throw new Error('no session');
    const summary = h.deps.engine.summary(session);
    expect(summary.misconceptions.length).toBeGreaterThan(0);

    const text = readOf(received);
    expect(text).not.toContain("What I'm rethinking");
    for (const m of summary.misconceptions) {
      expect(privateBrief).toContain(JSON.stringify(m.belief).slice(1, 40));
      expect(text).not.toContain(JSON.stringify(m.belief).slice(1, 40));
      expect(text).not.toContain(JSON.stringify(m.counterpoint).slice(1, 40));
    }
    // Dated with Slack's date token, and a plain fallback.
    expect(text).toMatch(/<!date\^\d+\^[^|]+\|[^>]+>/);
    // Where she stands comes before anything else in the body: her constraint at the top.
    const blocks = (h.emu.findMessage(received.ts)?.blocks ?? []) as { text?: { text: string } }[];
    const body = blocks.map((b) => b.text?.text ?? '').filter(Boolean);
    expect(body[0]).toContain('Staff or EM');
    expect(body[1]).toMatch(/^\*Where I stand:\* Only the management track is a real role/);
    expect(body[1]).toContain('*My lean:* Leaning Staff Engineer (a strong lean)');
    expect(body[2]).toContain('What I want you to understand');
    // Her voice, and a way to answer.
    expect(text).toMatch(/\bmy\b|\bI\b/i);
    expect(text).toContain(ACTION.briefTalk);
    expect(text).toContain(ACTION.briefSuggest);
  });

  it('the share preview is the post, byte for byte (minus the answer buttons)', async () => {
    const alice = await walkPersona(h.emu, ALICE);
    await alice.expectCall(() => alice.click(ACTION.shareOpen), 'views.open');
    await h.emu.selectOption({
      user: ALICE,
      viewId: h.emu.topModal(ALICE)?.id,
      actionId: 'career.share.sections',
      value: WITHOUT_RETHINKING,
    });
    await h.emu.waitForCall('views.update', undefined, 3_000);
    const modal = h.emu.topModal(ALICE);
    const blocks = JSON.parse(JSON.stringify(modal?.blocks ?? [])) as { block_id?: string }[];
    const strip = (bs: { block_id?: string }[]) =>
      bs.map(({ block_id: _, ...rest }) => JSON.stringify(rest));
    await alice.expectCall(
      () => h.emu.submitView({ user: ALICE, values: { 'share.person': MORGAN } }),
      'views.update',
    );
    const post = (h.emu.findMessage(posted(MORGAN).at(-1)?.ts ?? '')?.blocks ?? []) as {
      block_id?: string;
      type: string;
    }[];
    const body = strip(post.slice(0, -2));
    const preview = strip(blocks);
    const start = preview.indexOf(body[0] as string);
    expect(start).toBeGreaterThan(0);
    expect(preview.slice(start, start + body.length)).toEqual(body);
  });

  it('"Let’s talk" reaches the sharer’s DM and nobody else; the manager is told where they pressed', async () => {
    const { received } = await aliceSharesWithMorgan();
    const aliceBefore = posted(ALICE).length;
    const callsBefore = h.emu.calls.length;
    await clickIn(MORGAN, received, ACTION.briefTalk);
    await h.emu.waitFor(() => posted(ALICE).length > aliceBefore, 3_000);
    const answer = readOf(posted(ALICE).at(-1));
    expect(answer).toContain(`<@${MORGAN}> would like to talk about your brief`);
    // Nothing new anyone else can see: Morgan's DM holds only his own ephemeral note, no channel.
    await h.emu.waitFor(() => h.emu.dm(MORGAN).some((m) => m.ephemeralFor === MORGAN), 3_000);
    expect(posted(MORGAN)).toHaveLength(1);
    expect(readOf(h.emu.dm(MORGAN).find((m) => m.ephemeralFor === MORGAN))).toContain('Sent.');
    const posts = h.emu.calls.filter(
      (c) => c.seq >= callsBefore && c.method === 'chat.postMessage',
    );
    expect(posts.map((c) => c.args.channel)).toEqual([h.emu.dm(ALICE)[0]?.channel]);
    for (const channel of ['C0GENERAL', 'C0ENGLEADS']) {
      expect(h.emu.messages(channel).filter((m) => !m.ephemeralFor)).toHaveLength(0);
    }
    expect(posted(BOB)).toHaveLength(0);
  });

  it('"Suggest what to try first" sends the note, escaped once, to the sharer only', async () => {
    const { received } = await aliceSharesWithMorgan();
    const aliceBefore = posted(ALICE).length;
    const from = h.emu.calls.length;
    await clickIn(MORGAN, received, ACTION.briefSuggest);
    await h.emu.waitForCall('views.open', undefined, 3_000, from);
    const note = 'Start with the <@U0BOB> design doc & a second review <!channel>';
    await h.emu.submitView({ user: MORGAN, values: { 'suggest.input': note } });
    await h.emu.waitFor(() => posted(ALICE).length > aliceBefore, 3_000);
    const answer = readOf(posted(ALICE).at(-1));
    expect(answer).toContain('suggested what to try first');
    expect(answer).toContain('&lt;@U0BOB&gt; design doc &amp; a second review &lt;!channel&gt;');
    expect(answer).not.toContain('&amp;amp;');
    expect(answer).not.toContain('<@U0BOB>');
    expect(JSON.stringify(h.emu.topModal(MORGAN)?.blocks)).toContain('Sent');
    expect(posted(MORGAN)).toHaveLength(1);
    // The note is the manager's words: it never reaches the logs (above trace, which is the Web
    // API client's own wire dump, as in privacy.test.ts).
    const leaked = h
      .logs()
      .split('\n')
      .filter((l) => l.includes('second review') && !l.startsWith('{"level":10,'));
    expect(leaked.map((l) => l.slice(0, 300))).toEqual([]);
    expect(posted(BOB)).toHaveLength(0);
  });

  it('pressed in a channel, the answer still goes to the sharer’s DM; the channel sees nothing', async () => {
    const alice = await walkPersona(h.emu, ALICE);
    await shareBrief(alice, { 'share.channel': 'C0ENGLEADS' });
    const inChannel = h.emu.messages('C0ENGLEADS').filter((m) => !m.ephemeralFor);
    const brief = inChannel[0];
    if (!brief) throw new Error('nothing in #eng-leads');
    const aliceBefore = posted(ALICE).length;
    await clickIn(BOB, brief, ACTION.briefTalk);
    await h.emu.waitFor(() => posted(ALICE).length > aliceBefore, 3_000);
    expect(readOf(posted(ALICE).at(-1))).toContain(`<@${BOB}> would like to talk`);
    await h.emu.waitFor(
      () => h.emu.messages('C0ENGLEADS').some((m) => m.ephemeralFor === BOB),
      3_000,
    );
    expect(h.emu.messages('C0ENGLEADS').filter((m) => !m.ephemeralFor)).toHaveLength(1);
    expect(h.emu.messages('C0ENGLEADS').filter((m) => m.ephemeralFor === ALICE)).toHaveLength(0);
  });

  it('a suggestion modal with forged metadata sends nothing', async () => {
    const { received } = await aliceSharesWithMorgan();
    const from = h.emu.calls.length;
    await clickIn(MORGAN, received, ACTION.briefSuggest);
    await h.emu.waitForCall('views.open', undefined, 3_000, from);
    const modal = h.emu.topModal(MORGAN);
    if (!modal) throw new Error('no suggestion modal');
    modal.private_metadata = JSON.stringify({ sharer: ALICE });
    const aliceBefore = posted(ALICE).length;
    const postsBefore = h.emu.callsTo('chat.postMessage').length;
    const res = await h.emu.submitView({
      user: MORGAN,
      values: { 'suggest.input': 'A forged note' },
    });
    expect(JSON.stringify(res.body)).toContain('no longer available');
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(postsBefore);
    expect(posted(ALICE)).toHaveLength(aliceBefore);
  });

  it('a forged or foreign ref changes nothing and is answered kindly', async () => {
    const { received } = await aliceSharesWithMorgan();
    const aliceBefore = posted(ALICE).length;
    const opensBefore = h.emu.callsTo('views.open').length;
    const at = /b:U0ALICE:(\d+)/.exec(readOf(received))?.[1];
    for (const value of [
      'b:U0ALICE:not-a-time',
      'abc:summary:1',
      `b:${ALICE}:${at}:T0ELSEWHR`,
      `b:${BOB}:${at}`,
      `b:${ALICE}:${at}:${TEAM}:extra`,
      '',
    ]) {
      await clickIn(MORGAN, received, ACTION.briefTalk, value);
    }
    await clickIn(MORGAN, received, ACTION.briefSuggest, 'b:nope');
    await h.emu.waitFor(
      () => h.emu.dm(MORGAN).filter((m) => m.ephemeralFor === MORGAN).length >= 7,
      3_000,
    );
    const told = h.emu.dm(MORGAN).filter((m) => m.ephemeralFor === MORGAN);
    for (const m of told) expect(readOf(m)).toContain('no longer available');
    expect(posted(ALICE)).toHaveLength(aliceBefore);
    expect(h.emu.callsTo('views.open')).toHaveLength(opensBefore);
  });

  it('a message from the recipient in the app DM says how to answer, not the intro', async () => {
    await aliceSharesWithMorgan();
    const before = posted(MORGAN).length;
    await h.emu.sendDm({ user: MORGAN, text: 'Thanks! How do I reply to this?' });
    await h.emu.waitFor(() => posted(MORGAN).length > before, 3_000);
    const reply = readOf(posted(MORGAN).at(-1));
    expect(reply).toContain('buttons under it');
    expect(reply).toContain(`<@${ALICE}>`);
    expect(reply).toContain('Home');
    // Someone nothing was shared with still gets the usual answer.
    await h.emu.sendDm({ user: BOB, text: 'Thanks! How do I reply to this?' });
    await h.emu.waitFor(() => posted(BOB).length > 0, 3_000);
    expect(readOf(posted(BOB).at(-1))).not.toContain('buttons under it');
  });

  it('the recipient’s Home lists it and opens it again, as shared', async () => {
    const { received } = await aliceSharesWithMorgan();
    const home = await homeOf(MORGAN);
    const listed = JSON.stringify(home.blocks);
    expect(listed).toContain('Briefs shared with you');
    expect(listed).toContain(`<@${ALICE}>`);
    const before = posted(MORGAN).length;
    await h.emu.clickButton({ user: MORGAN, viewId: home.id, actionId: ACTION.homeSharedBrief });
    await h.emu.waitFor(() => posted(MORGAN).length > before, 3_000);
    const again = h.emu.findMessage(posted(MORGAN).at(-1)?.ts ?? '');
    expect(JSON.stringify(again?.blocks)).toEqual(
      JSON.stringify(h.emu.findMessage(received.ts)?.blocks),
    );
    // A channel share lists nothing on anyone's Home.
    expect(JSON.stringify((await homeOf(BOB)).blocks)).not.toContain('Briefs shared with you');
  });

  it('the sharer’s Forget me makes the brief unopenable and unanswerable', async () => {
    const { alice, received } = await aliceSharesWithMorgan();
    const morganHome = await homeOf(MORGAN);
    const aliceHome = await homeOf(ALICE);
    await h.emu.clickButton({ user: ALICE, viewId: aliceHome.id, actionId: ACTION.homeForget });
    await h.emu.waitFor(
      async () => (await h.deps.store.get({ teamId: TEAM, userId: ALICE })) === undefined,
      3_000,
    );
    const aliceDm = posted(ALICE).length;
    // The Open button Morgan still has, and the buttons under the brief, reach nothing.
    await h.emu.clickButton({
      user: MORGAN,
      viewId: morganHome.id,
      actionId: ACTION.homeSharedBrief,
    });
    await clickIn(MORGAN, received, ACTION.briefTalk);
    await h.emu.waitFor(
      () => h.emu.dm(MORGAN).filter((m) => readOf(m).includes('no longer available')).length >= 2,
      3_000,
    );
    expect(posted(ALICE)).toHaveLength(aliceDm);
    expect(posted(MORGAN).filter((m) => readOf(m).includes('Staff or EM'))).toHaveLength(1);
    const listed = JSON.stringify((await homeOf(MORGAN)).blocks);
    expect(listed).toContain('no longer available');
    expect(listed).not.toContain(ACTION.homeSharedBrief);
    expect(alice.user).toBe(ALICE);
    expect(h.logs()).toMatch(/"user":"U0ALICE","reason":"at their request","msg":"forgot a user"/);
  });

  it('the recipient’s Forget me deletes their list, and leaves the sharer’s brief alone', async () => {
    await aliceSharesWithMorgan();
    const key = { teamId: TEAM, userId: MORGAN };
    expect((await h.deps.store.get(key))?.received).toHaveLength(1);
    const home = await homeOf(MORGAN);
    await h.emu.clickButton({ user: MORGAN, viewId: home.id, actionId: ACTION.homeForget });
    await h.emu.waitFor(async () => (await h.deps.store.get(key)) === undefined, 3_000);
    expect(JSON.stringify((await homeOf(MORGAN)).blocks)).not.toContain('Briefs shared with you');
    const alice = await h.deps.store.get({ teamId: TEAM, userId: ALICE });
    expect(alice?.session?.status).toBe('complete');
  });

  it('a brief shared into a channel keeps no record for anyone', async () => {
    // An id with a U and a W in it, as real channel ids can have: a channel all the same.
    h.emu.state.channels.set(
      'C0UWTEAM',
      makeChannel({
        id: 'C0UWTEAM',
        name: 'uw-team',
        members: [ALICE, MORGAN, h.emu.state.identity.botUserId],
      }),
    );
    const alice = await walkPersona(h.emu, ALICE);
    await shareBrief(alice, { 'share.channel': 'C0ENGLEADS' });
    await shareBrief(alice, { 'share.channel': 'C0UWTEAM' });
    expect(h.emu.messages('C0ENGLEADS').filter((m) => !m.ephemeralFor)).toHaveLength(1);
    expect(h.emu.messages('C0UWTEAM').filter((m) => !m.ephemeralFor)).toHaveLength(1);
    for (const userId of [MORGAN, BOB]) {
      expect(await h.deps.store.get({ teamId: TEAM, userId })).toBeUndefined();
    }
    expect(await h.deps.store.size()).toBe(1);
  });

  it('the "Done when" persona: what the manager receives', async () => {
    const { received } = await aliceSharesWithMorgan();
    const m = h.emu.findMessage(received.ts);
    const text = ((m?.blocks ?? []) as { text?: { text: string }; elements?: unknown[] }[])
      .map((b) => b.text?.text ?? (b.elements ? JSON.stringify(b.elements) : ''))
      .join('\n\n');
    if (process.env.PERSONA_OUT) writeFileSync(process.env.PERSONA_OUT, text);
    expect(text).toContain('Where I stand');
  });
});

describe('a shared brief after the sharer moves on', () => {
  /** Alice changes one answer on her brief (the edit menu's first option, then its first answer). */
  async function aliceChangesAnAnswer(alice: DmDriver) {
    const option = alice.element(ACTION.edit).options?.[0];
    if (!option) throw new Error('no answer to change');
    await alice.expectUpdate(() =>
      h.emu.selectOption({
        user: ALICE,
        messageTs: alice.latest().ts,
        actionId: ACTION.edit,
        value: option.value,
      }),
    );
    await alice.choose(1);
    if (!alice.isSummary()) throw new Error('not back at the brief');
  }

  async function morganTalks(received: StoredMessage): Promise<string> {
    const before = h.emu.dm(MORGAN).length;
    await clickIn(MORGAN, received, ACTION.briefTalk);
    await h.emu.waitFor(() => h.emu.dm(MORGAN).length > before, 3_000);
    return readOf(h.emu.dm(MORGAN).at(-1));
  }

  it('an answer changed since: "Let’s talk" still reaches the sharer', async () => {
    const { alice, received } = await aliceSharesWithMorgan();
    await aliceChangesAnAnswer(alice);
    const aliceBefore = posted(ALICE).length;
    expect(await morganTalks(received)).toContain('Sent.');
    await h.emu.waitFor(() => posted(ALICE).length > aliceBefore, 3_000);
    expect(readOf(posted(ALICE).at(-1))).toContain(`<@${MORGAN}> would like to talk`);
  });

  it('a changed answer and a fresh start since: the old brief can no longer be answered', async () => {
    const { alice, received } = await aliceSharesWithMorgan();
    await aliceChangesAnAnswer(alice);
    await alice.expectUpdate(() => alice.click(ACTION.restart));
    const aliceBefore = posted(ALICE).length;
    expect(await morganTalks(received)).toContain('no longer available');
    expect(posted(ALICE)).toHaveLength(aliceBefore);
  });

  it('opened again from Home, it is the brief as shared: later check-ins stay out', async () => {
    const alice = await walkPersona(h.emu, ALICE);
    const key = { teamId: TEAM, userId: ALICE };
    const checkin = (at: number, energy: string) => ({
      at,
      lean: 'staff' as const,
      src: 'c' as const,
      answers: { energy, lean: 'either' },
    });
    const seeded = await h.deps.store.get(key);
    if (!seeded) throw new Error('no state');
    // Two check-ins answered after the brief was written and before it was shared.
    const now = Date.now();
    await h.deps.store.set(key, {
      ...seeded,
      history: [...(seeded.history ?? []), checkin(now - 1, 'people'), checkin(now, 'people')],
    });
    await shareBrief(alice, {
      'share.person': MORGAN,
      'career.share.sections': [...DEFAULT_SHARE_SECTIONS, 'evidence'],
    });
    const received = posted(MORGAN).at(-1);
    if (!received) throw new Error('Morgan received nothing');
    expect(readOf(received)).toContain('2 of the last 2 check-ins');
    const later = await h.deps.store.get(key);
    if (!later) throw new Error('no state');
    await h.deps.store.set(key, {
      ...later,
      history: [...(later.history ?? []), checkin(Date.now() + 60_000, 'people')],
    });
    const home = await homeOf(MORGAN);
    const before = posted(MORGAN).length;
    await h.emu.clickButton({ user: MORGAN, viewId: home.id, actionId: ACTION.homeSharedBrief });
    await h.emu.waitFor(() => posted(MORGAN).length > before, 3_000);
    expect(JSON.stringify(h.emu.findMessage(posted(MORGAN).at(-1)?.ts ?? '')?.blocks)).toEqual(
      JSON.stringify(h.emu.findMessage(received.ts)?.blocks),
    );
  });
});

describe('weeks of check-ins reach every surface of the brief', () => {
  it('the shared post (when included), Copy as text and the brief in the DM show them', async () => {
    const alice = await walkPersona(h.emu, ALICE);
    const key = { teamId: TEAM, userId: ALICE };
    const state = await h.deps.store.get(key);
    if (!state) throw new Error('no state');
    const done = state.session?.completedAt ?? 0;
    const checkins = [1, 2, 3].map((i) => ({
      at: done + i * 1000,
      lean: 'staff' as const,
      src: 'c' as const,
      answers: { energy: 'people', lean: 'either' },
    }));
    await h.deps.store.set(key, { ...state, history: [...(state.history ?? []), ...checkins] });
    const shown = /check-ins: helping people and the team gave me energy/;

    await alice.expectCall(
      () => h.emu.sendDm({ user: ALICE, text: 'summary' }),
      'chat.postMessage',
    );
    expect(alice.read()).toMatch(shown);
    const summary = alice.latest();
    await alice.expectCall(() => alice.click(ACTION.copy, summary), 'chat.postMessage');
    expect(alice.read()).toMatch(shown);

    // Private unless ticked: the default share leaves it out, ticking it puts it in.
    await shareBrief(alice, { 'share.person': MORGAN }, summary);
    expect(readOf(posted(MORGAN).at(-1))).not.toMatch(shown);
    await shareBrief(
      alice,
      { 'share.person': MORGAN, 'career.share.sections': [...DEFAULT_SHARE_SECTIONS, 'evidence'] },
      summary,
    );
    expect(readOf(posted(MORGAN).at(-1))).toMatch(shown);
  });
});
