/**
 * What one pretend person can see in the playground, built from the emulator's state: their
 * conversations (with other people's ephemeral messages and deleted messages left out), their open
 * modal and their App Home. The page renders only this, so switching person switches state.
 */
import { dmChannelIdFor } from './emulator/defaults.ts';
import type { EmulatorState } from './emulator/state.ts';
import type { BlockJson, JsonObject, StateValues, StoredView } from './emulator/types.ts';

export interface ViewUser {
  id: string;
  name: string;
  realName: string;
  isBot: boolean;
  /** Their Slack time zone: Slack shows each person times in their own. */
  tz: string;
}

export interface ViewChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isMember: boolean;
  botIsMember: boolean;
  members: string[];
}

export interface ViewMessage {
  ts: string;
  /** Human author, or the bot user id for app messages. */
  author: string;
  fromApp: boolean;
  text: string;
  blocks?: BlockJson[];
  state: StateValues;
  ephemeral: boolean;
  edited?: string;
  threadTs?: string;
}

export interface ViewConversation {
  id: string;
  kind: 'app' | 'channel';
  /** `eng-leads`, or the app's name for the DM. */
  name: string;
  messages: ViewMessage[];
}

export interface ViewModal {
  id: string;
  title?: JsonObject;
  submit?: JsonObject;
  close?: JsonObject;
  blocks: BlockJson[];
  state: StateValues;
  errors?: Record<string, string>;
  hash: string;
  /** How many views are stacked below this one. */
  depth: number;
}

export interface UserView {
  /** Increases on every change in the workspace; the page drops answers older than what it shows. */
  version: number;
  me: string;
  team: { id: string; name: string };
  app: { userId: string; name: string };
  users: ViewUser[];
  /** Every live channel, for mentions and the conversations picker. */
  channels: ViewChannel[];
  /** What the sidebar lists for this person: the app's DM first, then their channels. */
  conversations: ViewConversation[];
  modal: ViewModal | null;
  home: { id: string; blocks: BlockJson[]; state: StateValues; hash: string } | null;
}

export const APP_DISPLAY_NAME = 'Career Path';

export function buildUserView(state: EmulatorState, userId: string, version: number): UserView {
  const { identity } = state;
  const users: ViewUser[] = [...state.users.values()].map((u) => ({
    id: u.id,
    name: u.name,
    realName: u.id === identity.botUserId ? APP_DISPLAY_NAME : u.real_name,
    isBot: u.is_bot,
    tz: u.tz,
  }));
  const live = [...state.channels.values()].filter((c) => !c.is_im && !c.is_archived);
  const channels: ViewChannel[] = live.map((c) => ({
    id: c.id,
    name: c.name,
    isPrivate: c.is_private,
    isMember: c.members.includes(userId),
    botIsMember: c.members.includes(identity.botUserId),
    members: [...c.members],
  }));
  const messagesIn = (channel: string): ViewMessage[] =>
    state.visibleMessages(channel, userId).map((m) => {
      const fromApp = m.bot_id !== undefined;
      return {
        ts: m.ts,
        author: fromApp ? identity.botUserId : (m.user ?? ''),
        fromApp,
        text: m.text,
        ...(m.blocks ? { blocks: m.blocks } : {}),
        state: m.state,
        ephemeral: m.ephemeralFor !== undefined,
        ...(m.edited ? { edited: m.edited } : {}),
        ...(m.thread_ts && m.thread_ts !== m.ts ? { threadTs: m.thread_ts } : {}),
      };
    });
  const dm = dmChannelIdFor(userId);
  const conversations: ViewConversation[] = [
    { id: dm, kind: 'app', name: APP_DISPLAY_NAME, messages: messagesIn(dm) },
    ...channels
      .filter((c) => c.isMember)
      .map((c) => ({
        id: c.id,
        kind: 'channel' as const,
        name: c.name,
        messages: messagesIn(c.id),
      })),
  ];
  const stack = state.modals.get(userId) ?? [];
  const top = stack.at(-1);
  const home = state.homes.get(userId);
  return structuredClone({
    version,
    me: userId,
    team: { id: identity.teamId, name: identity.teamName },
    app: { userId: identity.botUserId, name: APP_DISPLAY_NAME },
    users,
    channels,
    conversations,
    modal: top ? modalView(top, stack.length - 1) : null,
    home: home
      ? { id: home.id, blocks: home.blocks, state: home.state.values, hash: home.hash }
      : null,
  });
}

function modalView(view: StoredView, depth: number): ViewModal {
  return {
    id: view.id,
    ...(view.title ? { title: view.title } : {}),
    ...(view.submit ? { submit: view.submit } : {}),
    ...(view.close ? { close: view.close } : {}),
    blocks: view.blocks,
    state: view.state.values,
    ...(view.errors ? { errors: view.errors } : {}),
    hash: view.hash,
    depth,
  };
}
