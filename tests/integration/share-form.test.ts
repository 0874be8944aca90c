import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeChannel } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';

let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  h = await startHarness();
  alice = new DmDriver(h.emu, ALICE);
  await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
  await alice.finish();
  await alice.expectCall(() => alice.click(ACTION.shareOpen), 'views.open');
});
afterEach(async () => {
  await h.close();
});

const modal = () => h.emu.topModal(ALICE);
const modalText = () => JSON.stringify(modal()?.blocks ?? []);
/** What each picker shows now (Slack's state), by action id. */
function shown(): { channel?: string; person?: string } {
  const out: { channel?: string; person?: string } = {};
  for (const actions of Object.values(modal()?.state.values ?? {})) {
    const c = actions['share.channel'] as { selected_conversation?: string } | undefined;
    const p = actions['share.person'] as { selected_user?: string } | undefined;
    if (c?.selected_conversation) out.channel = c.selected_conversation;
    if (p?.selected_user) out.person = p.selected_user;
  }
  return out;
}
const pick = (actionId: string, value: string | string[]) =>
  alice.expectCall(() => h.emu.selectInView({ user: ALICE, actionId, value }), 'views.update');

describe('the share dialog', () => {
  it('picking a person after a channel switches to the person: never stuck on "not both"', async () => {
    await pick('share.channel', 'C0ENGLEADS');
    expect(modalText()).toContain('It will go to <#C0ENGLEADS>');
    await pick('share.person', 'U0MANAGER');
    expect(shown()).toEqual({ person: 'U0MANAGER' });
    expect(modalText()).toContain('It will go to <@U0MANAGER>');
    const sent = await alice.expectCall(
      () => h.emu.submitView({ user: ALICE }),
      'chat.postMessage',
    );
    expect(sent.args.channel).toBe('U0MANAGER');
  });

  it('says before Share that the bot is not in a private channel, and refuses to post there', async () => {
    h.emu.state.channels.set(
      'G0SECRET',
      makeChannel({ id: 'G0SECRET', name: 'secret', is_private: true, members: [ALICE] }),
    );
    await pick('share.channel', 'G0SECRET');
    expect(modalText()).toContain("I can't see that channel");
    expect(modalText()).toContain('/invite @career-path');
    const refused = await h.emu.submitView({ user: ALICE });
    expect(JSON.stringify(refused.body)).toContain('/invite @career-path');
    expect(h.emu.callsTo('chat.postMessage').filter((c) => c.args.channel === 'G0SECRET')).toEqual(
      [],
    );
  });

  it('a public channel the bot has not joined is fine: it says where the brief goes', async () => {
    await pick('share.channel', 'C0RANDOM');
    expect(modalText()).toContain('It will go to <#C0RANDOM>');
  });

  it('picking a channel after a person switches to the channel', async () => {
    await pick('share.person', 'U0MANAGER');
    await pick('share.channel', 'C0ENGLEADS');
    expect(shown()).toEqual({ channel: 'C0ENGLEADS' });
    expect(modalText()).toContain('It will go to <#C0ENGLEADS>');
    const sent = await alice.expectCall(
      () => h.emu.submitView({ user: ALICE }),
      'chat.postMessage',
    );
    expect(sent.args.channel).toBe('C0ENGLEADS');
  });

  it('says before Share that an archived channel cannot take the brief', async () => {
    await pick('share.channel', 'C0OLD');
    expect(modalText()).toContain('<#C0OLD> is archived, so nothing can be posted there');
    expect(modalText()).not.toContain('It will go to');
  });

  it('a private channel the bot is in says where the brief goes, and the brief goes there', async () => {
    h.emu.state.channels.set(
      'G0TEAM',
      makeChannel({
        id: 'G0TEAM',
        name: 'team',
        is_private: true,
        members: [ALICE, h.emu.state.identity.botUserId],
      }),
    );
    await pick('share.channel', 'G0TEAM');
    expect(modalText()).toContain('It will go to <#G0TEAM>');
    const sent = await alice.expectCall(
      () => h.emu.submitView({ user: ALICE }),
      'chat.postMessage',
    );
    expect(sent.args.channel).toBe('G0TEAM');
  });

  it('when Slack cannot say whether the bot may post, the form does not block: Share decides', async () => {
    h.emu.failNext('conversations.info', 'internal_error', { times: 5 });
    await pick('share.channel', 'C0ENGLEADS');
    expect(modalText()).toContain('It will go to <#C0ENGLEADS>');
    expect(modalText()).not.toContain(':warning:');
  });

  it('ticking a section keeps the person picked and the note on where it goes', async () => {
    await pick('share.person', 'U0MANAGER');
    await pick(ACTION.shareSections, ['ask', 'role']);
    expect(shown()).toEqual({ person: 'U0MANAGER' });
    expect(modalText()).toContain('It will go to <@U0MANAGER>');
  });

  it('ticking a section with a channel picked still says what the bot can do there', async () => {
    await pick('share.channel', 'C0OLD');
    await pick(ACTION.shareSections, ['ask']);
    expect(shown()).toEqual({ channel: 'C0OLD' });
    expect(modalText()).toContain('<#C0OLD> is archived');
  });

  it('picking yourself is undone with a word, and Clear my pick empties the form', async () => {
    await pick('share.person', ALICE);
    expect(shown()).toEqual({});
    expect(modalText()).toContain('That is you');
    await pick('share.channel', 'C0ENGLEADS');
    expect(shown()).toEqual({ channel: 'C0ENGLEADS' });
    await alice.expectCall(
      () =>
        h.emu.clickButton({
          user: ALICE,
          viewId: modal()?.id as string,
          actionId: ACTION.shareClear,
        }),
      'views.update',
    );
    expect(shown()).toEqual({});
    const none = await h.emu.submitView({ user: ALICE });
    expect(JSON.stringify(none.body)).toContain('Pick where to share');
    expect(h.emu.messages('C0ENGLEADS').filter((m) => m.bot_id)).toHaveLength(0);
  });

  it('a forged submission to yourself is refused', async () => {
    const self = await h.emu.submitView({ user: ALICE, values: { 'share.person': ALICE } });
    expect(JSON.stringify(self.body)).toContain('That is you');
  });
});
