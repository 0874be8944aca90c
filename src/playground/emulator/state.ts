/**
 * The emulated workspace: users, conversations, messages, views, issued triggers and response
 * URLs, and the log of Web API calls. Plain data plus small mutation helpers; every mutation emits
 * a `change` event so a page can follow along.
 */

import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { assignIds, carryOverState, initialState } from './blocks.ts';
import { dmChannelIdFor, makeChannel, TRIGGER_TTL_MS } from './defaults.ts';
import { manifestBotScopes, manifestMessagesTab } from './scopes.ts';
import type {
  ApiCall,
  BlockJson,
  ChangeEvent,
  EmulatedChannel,
  EmulatedUser,
  EmulatorSnapshot,
  JsonObject,
  ResponseUrlRecord,
  StoredMessage,
  StoredView,
  TriggerRecord,
} from './types.ts';

export interface WorkspaceIdentity {
  teamId: string;
  teamDomain: string;
  teamName: string;
  botUserId: string;
  botId: string;
  appId: string;
}

export class EmulatorState extends EventEmitter {
  readonly users = new Map<string, EmulatedUser>();
  readonly channels = new Map<string, EmulatedChannel>();
  readonly messages = new Map<string, StoredMessage[]>();
  /** Open modal stack per user, root first. */
  readonly modals = new Map<string, StoredView[]>();
  /** Published App Home per user. */
  readonly homes = new Map<string, StoredView>();
  readonly calls: ApiCall[] = [];
  readonly triggers = new Map<string, TriggerRecord>();
  readonly responseUrls = new Map<string, ResponseUrlRecord>();
  /** Set after app_uninstalled / tokens_revoked; Web API calls then fail with token_revoked. */
  tokenRevoked = false;
  /** The bot token's scopes (scopes.ts): manifest.json's unless the options say otherwise. */
  botScopes: ReadonlySet<string> = new Set(manifestBotScopes());
  /** The app's Messages tab (manifest.json's); off, DMs from the bot fail messages_tab_disabled. */
  messagesTab = manifestMessagesTab();

  private lastTsMicros = 0;
  private viewSeq = 0;
  private readonly initialUsers: EmulatedUser[];
  private readonly initialChannels: EmulatedChannel[];

  constructor(
    readonly identity: WorkspaceIdentity,
    users: EmulatedUser[],
    channels: EmulatedChannel[],
    readonly now: () => number,
  ) {
    super();
    this.initialUsers = structuredClone(users);
    this.initialChannels = structuredClone(channels);
    this.loadDirectory();
  }

  private loadDirectory(): void {
    this.users.clear();
    this.channels.clear();
    const { botUserId } = this.identity;
    this.users.set(botUserId, {
      id: botUserId,
      name: 'career-path',
      real_name: 'Career Path',
      tz: 'Europe/London',
      tz_label: 'Greenwich Mean Time',
      tz_offset: 0,
      is_bot: true,
    });
    for (const user of structuredClone(this.initialUsers)) this.users.set(user.id, user);
    for (const channel of structuredClone(this.initialChannels))
      this.channels.set(channel.id, channel);
  }

  /** Forget everything that happened; keep the configured users and channels. */
  reset(): void {
    this.loadDirectory();
    this.messages.clear();
    this.modals.clear();
    this.homes.clear();
    this.calls.length = 0;
    this.triggers.clear();
    this.responseUrls.clear();
    this.tokenRevoked = false;
    this.changed({ kind: 'reset' });
  }

  changed(event: ChangeEvent): void {
    this.emit('change', event);
  }

  // --- ids -------------------------------------------------------------------------------------

  /** A message ts from the emulator clock, strictly increasing. */
  nextTs(): string {
    const micros = Math.max(this.now() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  nextViewId(): string {
    this.viewSeq += 1;
    return `V${this.viewSeq.toString(36).toUpperCase().padStart(10, '0')}`;
  }

  newHash(): string {
    return `${Math.floor(this.now() / 1000)}.${randomBytes(6).toString('base64url')}`;
  }

  // --- triggers and response urls --------------------------------------------------------------

  issueTrigger(user: string): string {
    const id = `${Math.floor(this.now() / 1000)}.1000000001.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { id, user, issuedAt: this.now(), used: false });
    return id;
  }

  /** Exchanges a trigger for a view, returning the Slack error when it cannot be used. */
  consumeTrigger(id: unknown): TriggerRecord | { error: string } {
    if (typeof id !== 'string' || id === '') return { error: 'invalid_arguments' };
    const trigger = this.triggers.get(id);
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (trigger.used) return { error: 'exchanged_trigger_id' };
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { error: 'expired_trigger_id' };
    trigger.used = true;
    return trigger;
  }

  issueResponseUrl(
    baseUrl: string,
    target: { user: string; channel: string; messageTs?: string },
  ): string {
    const id = randomBytes(12).toString('hex');
    this.responseUrls.set(id, { id, ...target, issuedAt: this.now(), uses: 0 });
    return `${baseUrl}/response/${id}`;
  }

  // --- directory ---------------------------------------------------------------------------------

  /** The DM between the bot and this user, created on first use. */
  ensureDm(userId: string): EmulatedChannel {
    const id = dmChannelIdFor(userId);
    let channel = this.channels.get(id);
    if (!channel) {
      channel = makeChannel({
        id,
        name: userId,
        is_private: true,
        is_im: true,
        user: userId,
        members: [userId, this.identity.botUserId],
      });
      this.channels.set(id, channel);
    }
    return channel;
  }

  /** Resolves a `channel` argument: conversation id, `#name`, or a user id (→ the bot's DM with them). */
  resolveChannel(ref: string): EmulatedChannel | undefined {
    const direct = this.channels.get(ref);
    if (direct) return direct;
    if (/^[UW]/.test(ref) && this.users.has(ref)) return this.ensureDm(ref);
    if (ref.startsWith('D')) {
      const user = [...this.users.keys()].find((u) => dmChannelIdFor(u) === ref);
      if (user) return this.ensureDm(user);
      return undefined;
    }
    const name = ref.replace(/^#/, '');
    return [...this.channels.values()].find((c) => !c.is_im && c.name === name);
  }

  // --- messages ----------------------------------------------------------------------------------

  addMessage(message: StoredMessage): StoredMessage {
    const list = this.messages.get(message.channel) ?? [];
    list.push(message);
    this.messages.set(message.channel, list);
    this.changed({
      kind: 'message',
      ref: message.channel,
      user: message.ephemeralFor ?? message.user,
    });
    return message;
  }

  /**
   * Stores a message the app sent outside the Web API (a response_url post or an ack body):
   * ephemeral for `user` unless `inChannel`.
   */
  postAsApp(
    channel: string,
    user: string,
    inChannel: boolean,
    source: StoredMessage['source'],
    content: { text: string; blocks?: JsonObject[]; thread_ts?: string },
  ): StoredMessage {
    const blocks = content.blocks as StoredMessage['blocks'];
    return this.addMessage({
      channel,
      ts: this.nextTs(),
      bot_id: this.identity.botId,
      app_id: this.identity.appId,
      text: content.text,
      ...(blocks ? { blocks } : {}),
      ...(content.thread_ts ? { thread_ts: content.thread_ts } : {}),
      ...(inChannel ? {} : { ephemeralFor: user }),
      source,
      state: initialState(blocks ?? []),
    });
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  /** Finds a message by ts in any conversation. */
  findMessageAnywhere(ts: string): StoredMessage | undefined {
    for (const list of this.messages.values()) {
      const found = list.find((m) => m.ts === ts);
      if (found) return found;
    }
    return undefined;
  }

  /** Messages as this user would see them (ephemeral messages for others hidden, deleted hidden). */
  visibleMessages(channel: string, user?: string): StoredMessage[] {
    return (this.messages.get(channel) ?? []).filter(
      (m) => !m.deleted && (m.ephemeralFor === undefined || m.ephemeralFor === user),
    );
  }

  /** The message as Slack returns it from the API and in block_actions payloads. */
  messageJson(message: StoredMessage): JsonObject {
    const { identity } = this;
    return {
      type: 'message',
      ...(message.bot_id
        ? {
            subtype: 'bot_message',
            user: identity.botUserId,
            bot_id: message.bot_id,
            app_id: message.app_id ?? identity.appId,
          }
        : { user: message.user }),
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ts: message.ts,
      team: identity.teamId,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      ...(message.metadata ? { metadata: message.metadata } : {}),
      ...(message.edited ? { edited: { user: identity.botUserId, ts: message.edited } } : {}),
    };
  }

  // --- views -------------------------------------------------------------------------------------

  /** Builds a stored view from the view JSON a bot sent. */
  createView(
    user: string,
    view: JsonObject,
    links: { id?: string; previousViewId?: string | null; rootViewId?: string },
  ): StoredView {
    const id = links.id ?? this.nextViewId();
    const blocks = assignIds((view.blocks as BlockJson[] | undefined) ?? []);
    const { identity } = this;
    const stored: StoredView = {
      id,
      team_id: identity.teamId,
      type: view.type === 'home' ? 'home' : 'modal',
      user,
      blocks,
      private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
      callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
      external_id: typeof view.external_id === 'string' ? view.external_id : '',
      hash: this.newHash(),
      notify_on_close: view.notify_on_close === true,
      clear_on_close: view.clear_on_close === true,
      previous_view_id: links.previousViewId ?? null,
      root_view_id: links.rootViewId ?? id,
      app_id: identity.appId,
      bot_id: identity.botId,
      state: { values: initialState(blocks) },
    };
    for (const field of ['title', 'submit', 'close'] as const) {
      const value = view[field];
      if (typeof value === 'object' && value !== null) stored[field] = value as JsonObject;
    }
    return stored;
  }

  /** Replaces a view's content in place (same id), keeping input state where ids still match. */
  replaceView(existing: StoredView, view: JsonObject): StoredView {
    const next = this.createView(existing.user, view, {
      id: existing.id,
      previousViewId: existing.previous_view_id,
      rootViewId: existing.root_view_id,
    });
    next.state = { values: carryOverState(existing.state.values, next.blocks) };
    if (view.external_id === undefined) next.external_id = existing.external_id;
    Object.assign(existing, next);
    delete existing.errors;
    if (next.title === undefined) delete existing.title;
    if (next.submit === undefined) delete existing.submit;
    if (next.close === undefined) delete existing.close;
    return existing;
  }

  findView(viewId: string): StoredView | undefined {
    return this.findViewWhere((v) => v.id === viewId);
  }

  findViewByExternalId(externalId: string): StoredView | undefined {
    return this.findViewWhere((v) => v.external_id === externalId);
  }

  /** The first open modal (any user's stack), then Home tab, that matches. */
  private findViewWhere(match: (view: StoredView) => boolean): StoredView | undefined {
    for (const stack of this.modals.values()) {
      const found = stack.find(match);
      if (found) return found;
    }
    for (const home of this.homes.values()) if (match(home)) return home;
    return undefined;
  }

  /** The top (visible) modal view for this user, if a modal is open. */
  topModal(user: string): StoredView | undefined {
    const stack = this.modals.get(user);
    return stack?.[stack.length - 1];
  }

  /** The view as Slack returns it from the API and sends it in payloads (ViewOutput). */
  viewJson(view: StoredView): JsonObject {
    return {
      id: view.id,
      team_id: view.team_id,
      type: view.type,
      blocks: view.blocks,
      private_metadata: view.private_metadata,
      callback_id: view.callback_id,
      state: view.state,
      hash: view.hash,
      title: view.title ?? null,
      clear_on_close: view.clear_on_close,
      notify_on_close: view.notify_on_close,
      close: view.close ?? null,
      submit: view.submit ?? null,
      previous_view_id: view.previous_view_id,
      root_view_id: view.root_view_id,
      app_id: view.app_id,
      external_id: view.external_id,
      app_installed_team_id: view.team_id,
      bot_id: view.bot_id,
    };
  }

  snapshot(): EmulatorSnapshot {
    const { identity } = this;
    return structuredClone({
      team: { id: identity.teamId, domain: identity.teamDomain, name: identity.teamName },
      bot: { userId: identity.botUserId, botId: identity.botId, appId: identity.appId },
      users: [...this.users.values()],
      channels: [...this.channels.values()],
      messages: Object.fromEntries(this.messages),
      modals: Object.fromEntries(this.modals),
      homes: Object.fromEntries(this.homes),
      calls: this.calls,
    });
  }
}
