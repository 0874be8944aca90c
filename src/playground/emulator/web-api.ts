/**
 * Web API methods the bot calls, with Slack's argument validation and error strings
 * (https://docs.slack.dev/reference/methods). Each handler gets parsed arguments and returns the
 * JSON Slack would answer; authentication, faults and call recording happen in the emulator.
 */
import { assignIds, carryOverState, initialState, validateBlocks, validateView } from './blocks.ts';
import { dmChannelIdFor, LIMITS } from './defaults.ts';
import { CHAT_WRITE_PUBLIC, dmProblem } from './scopes.ts';
import type { EmulatorState } from './state.ts';
import type { BlockJson, EmulatedChannel, EmulatedUser, JsonObject, StoredView } from './types.ts';

export type ApiHandler = (args: JsonObject, state: EmulatorState) => JsonObject;

const fail = (error: string, messages?: string[]): JsonObject =>
  messages && messages.length > 0
    ? { ok: false, error, response_metadata: { messages } }
    : { ok: false, error };

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** A conversation the bot may post into, or the Slack error explaining why not. */
function postableChannel(
  state: EmulatorState,
  ref: unknown,
  joinless = false,
): { channel: EmulatedChannel } | { error: string } {
  const id = str(ref);
  if (!id) return { error: 'channel_not_found' };
  const channel = state.resolveChannel(id);
  if (!channel) return { error: 'channel_not_found' };
  if (channel.is_im) {
    const problem = dmProblem(
      channel.user ? state.users.get(channel.user) : undefined,
      state.messagesTab,
    );
    if (problem) return { error: problem };
  }
  const isMember = channel.members.includes(state.identity.botUserId);
  if (channel.is_private && !channel.is_im && !isMember) return { error: 'channel_not_found' };
  if (channel.is_archived) return { error: 'is_archived' };
  // chat:write.public lets chat.postMessage into any public channel without joining it
  // (https://api.slack.com/scopes/chat:write.public); private ones still need an /invite.
  const publicWrite = joinless && !channel.is_private && state.botScopes.has(CHAT_WRITE_PUBLIC);
  if (!isMember && !publicWrite) return { error: 'not_in_channel' };
  return { channel };
}

/** Validated message content, or the Slack error. `blocks` stays undefined when not sent. */
export function messageContent(
  args: JsonObject,
  requireContent: boolean,
): { text?: string; blocks?: BlockJson[] } | JsonObject {
  let blocks: BlockJson[] | undefined;
  if (args.blocks !== undefined && args.blocks !== '') {
    if (typeof args.blocks === 'string') return fail('invalid_blocks_format');
    const errors = validateBlocks(args.blocks, LIMITS.messageBlocks);
    if (errors.length > 0) return fail('invalid_blocks', errors);
    blocks = assignIds(args.blocks as BlockJson[]);
  }
  const text = typeof args.text === 'string' ? args.text : undefined;
  const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
  if (requireContent && !text && (!blocks || blocks.length === 0) && !hasAttachments) {
    return fail('no_text');
  }
  if (text !== undefined && text.length > LIMITS.textLength) return fail('msg_too_long');
  return { ...(text !== undefined ? { text } : {}), ...(blocks ? { blocks } : {}) };
}

export const isFailure = (value: object): value is JsonObject => (value as JsonObject).ok === false;

function channelJson(channel: EmulatedChannel, botUserId: string): JsonObject {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_im && !channel.is_private,
    is_group: false,
    is_im: channel.is_im,
    is_mpim: false,
    is_private: channel.is_private,
    is_archived: channel.is_archived,
    is_general: channel.name === 'general',
    is_member: channel.members.includes(botUserId),
    created: channel.created,
    ...(channel.is_im ? { user: channel.user, is_open: true } : {}),
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    num_members: channel.members.length,
  };
}

export function userJson(user: EmulatedUser, teamId: string): JsonObject {
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    deleted: false,
    real_name: user.real_name,
    tz: user.tz,
    tz_label: user.tz_label,
    tz_offset: user.tz_offset,
    is_bot: user.is_bot,
    is_admin: false,
    is_owner: false,
    is_app_user: false,
    profile: {
      real_name: user.real_name,
      real_name_normalized: user.real_name,
      display_name: user.name,
      display_name_normalized: user.name,
      team: teamId,
    },
  };
}

const authTest: ApiHandler = (_args, state) => {
  const { identity } = state;
  return {
    ok: true,
    url: `https://${identity.teamDomain}.slack.com/`,
    team: identity.teamName,
    user: state.users.get(identity.botUserId)?.name ?? 'bot',
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    app_id: identity.appId,
    is_enterprise_install: false,
  };
};

/** What every message the bot posts carries: author, content, thread and element state. */
function botMessage(state: EmulatorState, channel: string, content: unknown, args: JsonObject) {
  const { text = '', blocks } = content as { text?: string; blocks?: BlockJson[] };
  return {
    channel,
    ts: state.nextTs(),
    bot_id: state.identity.botId,
    app_id: state.identity.appId,
    text,
    ...(blocks ? { blocks } : {}),
    ...(str(args.thread_ts) ? { thread_ts: str(args.thread_ts) } : {}),
    state: initialState(blocks ?? []),
  };
}

const postMessage: ApiHandler = (args, state) => {
  const target = postableChannel(state, args.channel, true);
  if ('error' in target) return fail(target.error);
  const content = messageContent(args, true);
  if (isFailure(content)) return content;
  const message = state.addMessage({
    ...botMessage(state, target.channel.id, content, args),
    ...(typeof args.metadata === 'object' && args.metadata !== null
      ? { metadata: args.metadata as JsonObject }
      : {}),
    source: 'chat.postMessage',
  });
  return {
    ok: true,
    channel: message.channel,
    ts: message.ts,
    message: state.messageJson(message),
  };
};

const postEphemeral: ApiHandler = (args, state) => {
  const target = postableChannel(state, args.channel);
  if ('error' in target) return fail(target.error);
  const userId = str(args.user);
  if (!userId || !state.users.has(userId)) return fail('user_not_found');
  if (!target.channel.members.includes(userId)) return fail('user_not_in_channel');
  const content = messageContent(args, true);
  if (isFailure(content)) return content;
  const message = state.addMessage({
    ...botMessage(state, target.channel.id, content, args),
    ephemeralFor: userId,
    source: 'chat.postEphemeral',
  });
  return { ok: true, message_ts: message.ts };
};

/** The bot's own, visible message at channel/ts, or the Slack error. */
function ownMessage(state: EmulatorState, args: JsonObject, cantError: string) {
  const channelId = str(args.channel);
  const channel = channelId ? state.resolveChannel(channelId) : undefined;
  if (!channel) return { error: 'channel_not_found' };
  const ts = str(args.ts);
  const message = ts ? state.findMessage(channel.id, ts) : undefined;
  if (!message || message.deleted || message.ephemeralFor) return { error: 'message_not_found' };
  if (message.bot_id !== state.identity.botId) return { error: cantError };
  return { message };
}

const chatUpdate: ApiHandler = (args, state) => {
  const found = ownMessage(state, args, 'cant_update_message');
  if ('error' in found) return fail(found.error as string);
  const content = messageContent(args, true);
  if (isFailure(content)) return content;
  const { text, blocks } = content as { text?: string; blocks?: BlockJson[] };
  const message = found.message;
  if (text !== undefined) message.text = text;
  if (blocks !== undefined) {
    if (blocks.length === 0) delete message.blocks;
    else message.blocks = blocks;
    message.state = carryOverState(message.state, blocks);
  }
  message.edited = state.nextTs();
  state.changed({ kind: 'message', ref: message.channel });
  return {
    ok: true,
    channel: message.channel,
    ts: message.ts,
    text: message.text,
    message: state.messageJson(message),
  };
};

const chatDelete: ApiHandler = (args, state) => {
  const found = ownMessage(state, args, 'cant_delete_message');
  if ('error' in found) return fail(found.error as string);
  found.message.deleted = true;
  state.changed({ kind: 'message', ref: found.message.channel });
  return { ok: true, channel: found.message.channel, ts: found.message.ts };
};

const conversationsOpen: ApiHandler = (args, state) => {
  const channelArg = str(args.channel);
  if (channelArg) {
    const channel = state.resolveChannel(channelArg);
    if (!channel) return fail('channel_not_found');
    return { ok: true, channel: { id: channel.id } };
  }
  const users = (Array.isArray(args.users) ? args.users.join(',') : (str(args.users) ?? ''))
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.length > 1) return fail('not_supported_by_emulator');
  const userId = users[0] as string;
  if (!state.users.has(userId)) return fail('user_not_found');
  const problem = dmProblem(state.users.get(userId), state.messagesTab);
  if (problem) return fail(problem);
  const existed = state.channels.has(dmChannelIdFor(userId));
  const channel = state.ensureDm(userId);
  return {
    ok: true,
    ...(existed ? { no_op: true, already_open: true } : {}),
    channel:
      args.return_im === true || args.return_im === 'true'
        ? channelJson(channel, state.identity.botUserId)
        : { id: channel.id },
  };
};

const conversationsInfo: ApiHandler = (args, state) => {
  const id = str(args.channel);
  const channel = id ? state.resolveChannel(id) : undefined;
  if (!channel) return fail('channel_not_found');
  const isMember = channel.members.includes(state.identity.botUserId);
  if (channel.is_private && !isMember) return fail('channel_not_found');
  return { ok: true, channel: channelJson(channel, state.identity.botUserId) };
};

const conversationsHistory: ApiHandler = (args, state) => {
  const id = str(args.channel);
  const channel = id ? state.resolveChannel(id) : undefined;
  if (!channel) return fail('channel_not_found');
  if (!channel.members.includes(state.identity.botUserId)) return fail('not_in_channel');
  const limit = Number(args.limit ?? 100) || 100;
  const messages = state
    .visibleMessages(channel.id)
    .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
    .reverse()
    .slice(0, limit)
    .map((m) => state.messageJson(m));
  return { ok: true, messages, has_more: false };
};

const usersInfo: ApiHandler = (args, state) => {
  const id = str(args.user);
  const user = id ? state.users.get(id) : undefined;
  if (!user) return fail('user_not_found');
  return { ok: true, user: userJson(user, state.identity.teamId) };
};

function checkView(view: unknown, expected?: 'modal' | 'home'): JsonObject | undefined {
  if (view === undefined || view === '')
    return fail('invalid_arguments', ['[ERROR] missing required field: view']);
  if (typeof view === 'string')
    return fail('invalid_arguments', ['[ERROR] view must be a JSON object']);
  const errors = validateView(view, expected);
  return errors.length > 0 ? fail('invalid_arguments', errors) : undefined;
}

function duplicateExternalId(state: EmulatorState, view: JsonObject, self?: StoredView): boolean {
  const externalId = str(view.external_id);
  if (!externalId) return false;
  const other = state.findViewByExternalId(externalId);
  return other !== undefined && other !== self;
}

/** views.open starts a new modal stack; views.push adds a modal to the open one. */
function openModal(push: boolean): ApiHandler {
  return (args, state) => {
    const invalid = checkView(args.view, 'modal');
    if (invalid) return invalid;
    const view = args.view as JsonObject;
    if (duplicateExternalId(state, view)) return fail('duplicate_external_id');
    const trigger = state.consumeTrigger(args.trigger_id ?? args.interactivity_pointer);
    if ('error' in trigger) return fail(trigger.error);
    const stack = push ? (state.modals.get(trigger.user) ?? []) : [];
    if (stack.length >= LIMITS.modalStack) return fail('push_limit_reached');
    const top = stack[stack.length - 1];
    const stored = state.createView(
      trigger.user,
      view,
      push
        ? { previousViewId: top?.id ?? null, ...(stack[0] ? { rootViewId: stack[0].id } : {}) }
        : {},
    );
    state.modals.set(trigger.user, [...stack, stored]);
    state.changed({ kind: 'view', ref: stored.id, user: trigger.user });
    return { ok: true, view: state.viewJson(stored) };
  };
}

const viewsOpen = openModal(false);
const viewsPush = openModal(true);

const viewsUpdate: ApiHandler = (args, state) => {
  const viewId = str(args.view_id);
  const externalId = str(args.external_id);
  if (!viewId && !externalId) {
    return fail('invalid_arguments', ['[ERROR] either view_id or external_id is required']);
  }
  const existing = viewId
    ? state.findView(viewId)
    : state.findViewByExternalId(externalId as string);
  if (!existing) return fail('not_found');
  const invalid = checkView(args.view, existing.type);
  if (invalid) return invalid;
  const hash = str(args.hash);
  if (hash && hash !== existing.hash) return fail('hash_conflict');
  const view = args.view as JsonObject;
  if (duplicateExternalId(state, view, existing)) return fail('duplicate_external_id');
  state.replaceView(existing, view);
  state.changed({
    kind: existing.type === 'home' ? 'home' : 'view',
    ref: existing.id,
    user: existing.user,
  });
  return { ok: true, view: state.viewJson(existing) };
};

const viewsPublish: ApiHandler = (args, state) => {
  const userId = str(args.user_id);
  if (!userId || !state.users.has(userId)) return fail('user_not_found');
  const invalid = checkView(args.view, 'home');
  if (invalid) return invalid;
  const view = args.view as JsonObject;
  const existing = state.homes.get(userId);
  const hash = str(args.hash);
  if (hash && existing && hash !== existing.hash) return fail('hash_conflict');
  const stored = existing ? state.replaceView(existing, view) : state.createView(userId, view, {});
  state.homes.set(userId, stored);
  state.changed({ kind: 'home', ref: stored.id, user: userId });
  return { ok: true, view: state.viewJson(stored) };
};

export const WEB_API_METHODS: Readonly<Record<string, ApiHandler>> = {
  'auth.test': authTest,
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': chatUpdate,
  'chat.delete': chatDelete,
  'conversations.open': conversationsOpen,
  'conversations.info': conversationsInfo,
  'conversations.history': conversationsHistory,
  'users.info': usersInfo,
  'views.open': viewsOpen,
  'views.push': viewsPush,
  'views.update': viewsUpdate,
  'views.publish': viewsPublish,
};
