import { describe, expect, it } from 'vitest';
import {
  defaultChannels,
  defaultUsers,
  EmulatorState,
} from '../../src/playground/emulator/index.ts';
import type { StoredMessage } from '../../src/playground/emulator/types.ts';
import { buildUserView } from '../../src/playground/user-view.ts';

function workspace() {
  const users = defaultUsers();
  const state = new EmulatorState(
    {
      teamId: 'T0PLAYGND',
      teamDomain: 'playground',
      teamName: 'Playground',
      botUserId: 'U0BOT',
      botId: 'B0BOT',
      appId: 'A0CAREER',
    },
    users,
    defaultChannels(
      'U0BOT',
      users.map((u) => u.id),
    ),
    () => 1_800_000_000_000,
  );
  const add = (message: Partial<StoredMessage> & { channel: string; text: string }) =>
    state.addMessage({ ts: state.nextTs(), source: 'chat.postMessage', state: {}, ...message });
  return { state, add };
}

describe('what one person sees in the playground', () => {
  it('hides deleted messages and other people’s ephemeral notices; marks edits and app messages', () => {
    const { state, add } = workspace();
    add({ channel: 'C0ENGLEADS', text: 'from the app', bot_id: 'B0BOT', edited: '1.000002' });
    add({ channel: 'C0ENGLEADS', text: 'gone', bot_id: 'B0BOT', deleted: true });
    add({ channel: 'C0ENGLEADS', text: 'for Bob only', bot_id: 'B0BOT', ephemeralFor: 'U0BOB' });
    add({
      channel: 'C0ENGLEADS',
      text: 'for Alice only',
      bot_id: 'B0BOT',
      ephemeralFor: 'U0ALICE',
    });
    add({ channel: 'C0ENGLEADS', text: 'hello', user: 'U0BOB', source: 'user' });
    const alice = buildUserView(state, 'U0ALICE', 7);
    expect(alice.version).toBe(7);
    const engLeads = alice.conversations.find((c) => c.id === 'C0ENGLEADS');
    expect(engLeads?.messages).toMatchObject([
      {
        text: 'from the app',
        author: 'U0BOT',
        fromApp: true,
        ephemeral: false,
        edited: '1.000002',
      },
      { text: 'for Alice only', ephemeral: true },
      { text: 'hello', author: 'U0BOB', fromApp: false },
    ]);
  });

  it('lists their own DM with the app first, then live channels they are in', () => {
    const { state, add } = workspace();
    add({ channel: 'D0BOB', text: 'Bob’s step 1', bot_id: 'B0BOT' });
    const alice = buildUserView(state, 'U0ALICE', 0);
    expect(alice.conversations.map((c) => c.id)).toEqual([
      'D0ALICE',
      'C0GENERAL',
      'C0ENGLEADS',
      'C0RANDOM',
    ]);
    expect(alice.conversations[0]).toMatchObject({
      kind: 'app',
      name: 'Career Path',
      messages: [],
    });
    expect(alice.channels.find((c) => c.id === 'C0RANDOM')).toMatchObject({ botIsMember: false });
    expect(alice.channels.map((c) => c.id)).not.toContain('C0OLD');
    const bob = buildUserView(state, 'U0BOB', 0);
    expect(bob.conversations[0]?.messages.map((m) => m.text)).toEqual(['Bob’s step 1']);
  });

  it('shows only their own modal (the top of their stack) and their own App Home', () => {
    const { state } = workspace();
    const root = state.createView(
      'U0ALICE',
      { type: 'modal', title: { type: 'plain_text', text: 'One' } },
      {},
    );
    const pushed = state.createView(
      'U0ALICE',
      { type: 'modal', title: { type: 'plain_text', text: 'Two' }, blocks: [] },
      { previousViewId: root.id, rootViewId: root.id },
    );
    state.modals.set('U0ALICE', [root, pushed]);
    state.homes.set('U0BOB', state.createView('U0BOB', { type: 'home', blocks: [] }, {}));
    const alice = buildUserView(state, 'U0ALICE', 0);
    expect(alice.modal).toMatchObject({ id: pushed.id, title: { text: 'Two' }, depth: 1 });
    expect(alice.home).toBeNull();
    const bob = buildUserView(state, 'U0BOB', 0);
    expect(bob.modal).toBeNull();
    expect(bob.home).not.toBeNull();
  });
});
