import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/load-content.ts';
import { makeChannel } from '../../src/playground/emulator/defaults.ts';
import type { StoredMessage } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const TEAM = 'T0PLAYGND';

/** What a reader sees in a message: its text and every text in its blocks, no ids or values. */
function visibleText(message: StoredMessage | undefined): string {
  const seen: string[] = [message?.text ?? ''];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') seen.push(value);
        else walk(value);
      }
    }
  };
  walk(message?.blocks ?? []);
  return seen.join('\n');
}

let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  h = await startHarness();
  alice = new DmDriver(h.emu, ALICE);
});
afterEach(async () => {
  await h.close();
});

describe('a whole exchange through the real Bolt app', () => {
  it('starts privately from a channel, walks every step and ends in a brief with their words', async () => {
    const post = await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: '' }),
      'chat.postMessage',
    );
    // Posted to her user id: Slack puts it in her DM with the app and answers with the DM.
    expect(post.response?.channel).toMatch(/^D/);
    // In #general only Alice sees a pointer; nothing is posted for others.
    const general = h.emu.messages('C0GENERAL');
    expect(general.filter((m) => !m.ephemeralFor)).toHaveLength(0);
    expect(general.some((m) => m.ephemeralFor === ALICE && /DM/.test(m.text))).toBe(true);

    expect(alice.read()).toContain('Step 1 of 10');
    await alice.finish({
      words: [
        'I could not stop thinking about the cache stampede.',
        'I want you to know I enjoy mentoring.',
      ],
    });
    const brief = alice.read();
    expect(brief).toContain('Your brief for the next 1:1');
    expect(brief).toContain('I could not stop thinking about the cache stampede.');
    expect(brief).toContain('I want you to know I enjoy mentoring.');
    const session = (await h.deps.store.get({ teamId: TEAM, userId: ALICE }))?.session;
    expect(session?.status).toBe('complete');
  });

  it('a click replaces its own message through the click’s response_url, with no Web API call', async () => {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    const step1 = alice.latest();
    const from = h.emu.calls.length;
    const replaced = await alice.choose(0);
    await h.idle();
    expect(replaced).toMatchObject({ method: 'response_url', ok: true });
    expect(h.emu.calls.slice(from).map((c) => c.method)).toEqual(['response_url']);
    // The same message now shows step 2: nothing new was posted in the DM.
    expect(alice.latest().ts).toBe(step1.ts);
    expect(alice.read()).toContain('Step 2 of 10');
    // The first contact opened the DM once (first-contact.test.ts); the click needed nothing more.
    expect(h.emu.callsTo('conversations.open')).toHaveLength(1);
  });

  it('Back returns to the previous step with the answer kept', async () => {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    await alice.choose(1);
    expect(alice.read()).toContain('Step 2 of 10');
    await alice.expectUpdate(() => alice.click(ACTION.back));
    expect(alice.read()).toContain('Step 1 of 10');
    // The earlier answer is highlighted so the user sees what they chose.
    expect(alice.answerButtons()[1]).toMatchObject({ style: 'primary' });
  });
});

describe('the DM path and resuming', () => {
  it('a message in the DM starts the exchange; `start` later resumes at the same step', async () => {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    expect(alice.read()).toContain('Step 1 of 10');
    await alice.choose(0);
    await alice.choose(0);
    await alice.expectUpdate(() => alice.click(ACTION.pause));
    expect(alice.read()).toContain('Paused');
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'start' }),
      'chat.postMessage',
    );
    expect(alice.read()).toContain('Step 3 of 10');
  });

  it('anything else typed in the DM gets a short, friendly pointer instead of an error', async () => {
    await alice.expectCall(
      () => h.emu.sendDm({ user: ALICE, text: 'what is this?' }),
      'chat.postMessage',
    );
    expect(alice.read()).toMatch(/Type `start` to begin/);
  });

  it('help and unknown subcommands answer only the user, straight away, with the commands', async () => {
    const help = await h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'help' });
    expect(help.status).toBe(200);
    expect(JSON.stringify(help.body)).toContain('`reset`');
    const unknown = await h.emu.sendCommand({
      user: ALICE,
      channel: 'C0GENERAL',
      text: 'promote me',
    });
    expect(JSON.stringify(unknown.body)).toContain("I don't know `promote me`");
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('`summary` before the end says there is no brief yet, and posts nothing in the channel', async () => {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'summary' }),
      'response_url',
    );
    const seen = h.emu.messages('C0GENERAL');
    expect(seen.every((m) => m.ephemeralFor === ALICE)).toBe(true);
    expect(seen.some((m) => /no brief yet/i.test(m.text))).toBe(true);
  });
});

describe('reset', () => {
  it('`/career-path reset` clears the answers, says so, and begins again at step 1', async () => {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    await alice.choose(0);
    await alice.choose(0);
    const before = (await h.deps.store.get({ teamId: TEAM, userId: ALICE }))?.session;
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'reset' }),
      'chat.postMessage',
    );
    await h.emu.waitFor(() => alice.read().includes('Step 1 of 10'));
    const after = (await h.deps.store.get({ teamId: TEAM, userId: ALICE }))?.session;
    expect(after?.id).not.toEqual(before?.id);
    expect(after?.choices).toEqual({});
    expect(h.emu.dm(ALICE).some((m) => m.text.includes('Cleared'))).toBe(true);
  });
});

describe('stale clicks', () => {
  it('a button from an old message changes nothing and tells only that user, with a way back', async () => {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    const first = alice.latest();
    await alice.choose(0, first);
    // Start over in a fresh message: the first message's buttons now belong to a finished run.
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'reset' }),
      'chat.postMessage',
    );
    const before = await h.deps.store.get({ teamId: TEAM, userId: ALICE });
    // The old message was updated in place to step 2; its buttons carry the old run's id.
    const stale = alice.answerButtons(first)[2]?.action_id as string;
    await alice.expectCall(() => alice.click(stale, first), 'response_url');
    const after = await h.deps.store.get({ teamId: TEAM, userId: ALICE });
    expect(after?.session).toEqual(before?.session);
    const notice = h.emu
      .dm(ALICE)
      .filter((m) => m.ephemeralFor === ALICE)
      .at(-1);
    expect(notice?.text).toMatch(/out of date/);
    expect(JSON.stringify(notice?.blocks)).toContain(ACTION.resume);

    // "Take me there" on that notice (ephemeral: Slack cannot edit it) posts where they are now,
    // as a new message, and leaves the out-of-date one as it was.
    if (!notice) throw new Error('no notice');
    const oldBlocks = JSON.stringify(h.emu.findMessage(first.ts)?.blocks);
    const current = alice.latest();
    const posted = await alice.expectCall(
      () => alice.click(ACTION.resume, notice),
      'chat.postMessage',
    );
    expect(posted.ok).toBe(true);
    expect(alice.latest().ts).not.toBe(current.ts);
    expect(alice.read()).toEqual(alice.read(current));
    expect(JSON.stringify(h.emu.findMessage(first.ts)?.blocks)).toEqual(oldBlocks);
    expect(await h.deps.store.get({ teamId: TEAM, userId: ALICE })).toMatchObject({
      session: { id: before?.session?.id },
    });
  });
});

describe('the brief', () => {
  async function finishBrief() {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    await alice.finish({
      words: ['<!channel> my cache story & more', 'Please read this, <@U0BOB>.'],
    });
  }

  it('shares into a channel only on submit, without the sections left out', async () => {
    await finishBrief();
    const postsBefore = h.emu.callsTo('chat.postMessage').length;
    await alice.expectCall(() => alice.click(ACTION.shareOpen), 'views.open');
    expect(h.emu.callsTo('chat.postMessage')).toHaveLength(postsBefore);
    await alice.expectCall(
      () =>
        h.emu.submitView({
          user: ALICE,
          values: {
            'share.channel': 'C0ENGLEADS',
            'career.share.sections': ['reasons', 'talkingPoints', 'experiments'],
          },
        }),
      'views.update',
    );
    const shared = h.emu.messages('C0ENGLEADS').filter((m) => !m.ephemeralFor);
    expect(shared).toHaveLength(1);
    const posted = JSON.stringify(shared[0]?.blocks);
    expect(posted).toContain('What I want to talk about');
    expect(posted).not.toContain('In my own words');
    expect(posted).not.toContain('cache story');
    expect(JSON.stringify(h.emu.topModal(ALICE)?.blocks)).toContain('Shared');
  });

  it('escapes the user’s words so a shared brief never pings anyone', async () => {
    await finishBrief();
    await alice.expectCall(() => alice.click(ACTION.shareOpen), 'views.open');
    await alice.expectCall(
      () => h.emu.submitView({ user: ALICE, values: { 'share.person': 'U0MANAGER' } }),
      'views.update',
    );
    const post = h.emu.callsTo('chat.postMessage').at(-1);
    const body = JSON.stringify(post?.args);
    expect(body).not.toContain('<!channel>');
    expect(body).not.toContain('<@U0BOB>');
    expect(body).toContain('&lt;!channel&gt;');
  });

  it('a public channel the bot has not joined gets the brief (chat:write.public)', async () => {
    await finishBrief();
    await alice.expectCall(() => alice.click(ACTION.shareOpen), 'views.open');
    await alice.expectCall(
      () => h.emu.submitView({ user: ALICE, values: { 'share.channel': 'C0RANDOM' } }),
      'views.update',
    );
    expect(h.emu.messages('C0RANDOM').filter((m) => m.bot_id)).toHaveLength(1);
  });

  it('a private channel the bot is not in gets exact /invite instructions, and the brief is kept', async () => {
    h.emu.state.channels.set(
      'G0SECRET',
      makeChannel({ id: 'G0SECRET', name: 'secret', is_private: true, members: [ALICE] }),
    );
    await finishBrief();
    await alice.expectCall(() => alice.click(ACTION.shareOpen), 'views.open');
    // Checked before anything is posted: the form stays open and says what to do.
    const refused = await h.emu.submitView({
      user: ALICE,
      values: { 'share.channel': 'G0SECRET' },
    });
    expect(JSON.stringify(refused.body)).toContain('/invite @career-path');
    expect(h.emu.topModal(ALICE)?.callback_id).toBe('career.share.modal');
    expect(h.emu.messages('G0SECRET').filter((m) => m.bot_id)).toHaveLength(0);
    const session = (await h.deps.store.get({ teamId: TEAM, userId: ALICE }))?.session;
    expect(session?.status).toBe('complete');
  });

  it('asks for a place when none or both are picked, keeping the form open', async () => {
    await finishBrief();
    await alice.expectCall(() => alice.click(ACTION.shareOpen), 'views.open');
    const none = await h.emu.submitView({ user: ALICE, values: {} });
    expect(JSON.stringify(none.body)).toContain('Pick where to share');
    const both = await h.emu.submitView({
      user: ALICE,
      values: { 'share.channel': 'C0ENGLEADS', 'share.person': 'U0MANAGER' },
    });
    expect(JSON.stringify(both.body)).toContain('not both');
    expect(h.emu.messages('C0ENGLEADS').filter((m) => !m.ephemeralFor)).toHaveLength(0);
  });

  it('Change an answer revisits one step and returns to an updated brief', async () => {
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    await alice.finish({ pick: () => 0 });
    const before = visibleText(h.emu.findMessage(alice.latest().ts));
    const edit = alice.element(ACTION.edit);
    const fiveYears = edit.options?.find(
      (o) => o.text.text.length > 0 && o.value.endsWith(':five-years'),
    );
    expect(fiveYears).toBeDefined();
    await alice.expectUpdate(() =>
      h.emu.selectOption({
        user: ALICE,
        messageTs: alice.latest().ts,
        actionId: ACTION.edit,
        value: fiveYears?.value as string,
      }),
    );
    expect(alice.read()).toContain('Changing one answer');
    await alice.choose(1);
    expect(alice.isSummary()).toBe(true);
    const edited = visibleText(h.emu.findMessage(alice.latest().ts));
    expect(edited).not.toEqual(before);

    // The brief reads exactly as if she had picked that answer the first time round.
    const fiveYearsAt = loadContent().exchange.steps.findIndex((s) => s.id === 'five-years');
    expect(fiveYearsAt).toBeGreaterThan(0);
    const bob = new DmDriver(h.emu, BOB);
    await bob.expectCall(
      () => h.emu.sendCommand({ user: BOB, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    await bob.finish({ pick: (i) => (i === fiveYearsAt ? 1 : 0) });
    expect(edited).toEqual(visibleText(h.emu.findMessage(bob.latest().ts)));
  });

  it('Copy as text posts a paste-ready Markdown brief in the DM', async () => {
    await finishBrief();
    await alice.expectCall(() => alice.click(ACTION.copy), 'chat.postMessage');
    const copy = alice.latest();
    expect(copy.text).toContain('# Staff or EM: my brief for our 1:1');
    expect(copy.text).toContain('```');
  });
});
