/**
 * What a person in Slack does, outside modals: type a slash command, click a button, pick or type
 * a value (in a message, a modal or the Home tab), write to the bot in their DM, write in a
 * channel, open the app's Home tab. Each builds the payload Slack would send (`payloads.ts`),
 * updates the state Slack would update (element values, the stored DM), delivers it
 * (`delivery.ts`) and applies the bot's ack where Slack does (a command's ack body becomes the
 * reply). Submitting and closing modals: `view-actions.ts`.
 */
import {
  type ActionContext,
  payloadTeam,
  payloadUser,
  requireTopModal,
  requireUser,
} from './action-context.ts';
import { eventEnvelope } from './app-events.ts';
import {
  actionPayload,
  dispatchesActions,
  type FoundElement,
  findElement,
  setStateValue,
  type UserInputValue,
  valueForElement,
} from './blocks.ts';
import { DEFAULT_COMMAND } from './defaults.ts';
import type { DeliveryTweaks } from './delivery.ts';
import {
  appHomeOpenedEvent,
  blockActionsPayload,
  messageImEvent,
  slashCommandPayload,
} from './payloads.ts';
import { escapeAsSlack, messageTextAsSlack } from './slack-text.ts';

/** The user id Slack's own messages come from. */
export const SLACKBOT_USER = 'USLACKBOT';

import type { DeliveryResult, JsonObject, StoredMessage, StoredView } from './types.ts';
import { isFailure, messageContent } from './web-api.ts';

export interface CommandInput extends DeliveryTweaks {
  user: string;
  /** Channel id, `#name`, or a DM id. Defaults to C0GENERAL. */
  channel?: string;
  text?: string;
  command?: string;
}

/** Where an interaction happens: a message (by ts) or a view (modal or App Home). */
export interface InteractionTarget {
  user: string;
  /** ts of the message holding the element. */
  messageTs?: string;
  /** Narrows the message lookup; otherwise every conversation is searched. */
  channel?: string;
  /** The modal or App Home view holding the element. */
  viewId?: string;
  actionId: string;
  blockId?: string;
}

export interface ClickInput extends InteractionTarget, DeliveryTweaks {
  /** Overrides the button's value (normally taken from the button). */
  value?: string;
}

export interface SelectInput extends InteractionTarget, DeliveryTweaks {
  /**
   * What the user picks: an option value (or list of values) for selects, radios, checkboxes and
   * overflow menus; a user / conversation id for *_select pickers; a date; or typed text.
   */
  value?: UserInputValue;
  /** Same as `value` for option-based elements, Slack-shaped (`{ value }` or `{ text, value }`). */
  selectedOption?: { value: string; text?: unknown };
}

export interface DmInput extends DeliveryTweaks {
  user: string;
  text: string;
  threadTs?: string;
  /** A file attached: Slack sends `subtype: file_share` with the typed text and a `files` list. */
  file?: { name: string };
}

export interface ChannelMessageInput {
  user: string;
  /** Channel id or `#name`. */
  channel: string;
  text: string;
}

/** The element a user acts on, and what holds it. */
type Located =
  | { kind: 'message'; message: StoredMessage; found: FoundElement }
  | { kind: 'view'; view: StoredView; found: FoundElement };

export class UserActions {
  constructor(private readonly ctx: ActionContext) {}

  /** A slash command typed by `user` in `channel`. An ack body becomes the reply, like in Slack. */
  async sendCommand(input: CommandInput): Promise<DeliveryResult> {
    const { state } = this.ctx;
    const user = requireUser(state, input.user);
    const channel = state.resolveChannel(input.channel ?? 'C0GENERAL');
    if (!channel) throw new Error(`Unknown channel ${input.channel}`);
    const trigger_id = state.issueTrigger(user.id);
    const response_url = state.issueResponseUrl(this.ctx.baseUrl(), {
      user: user.id,
      channel: channel.id,
    });
    const { identity } = state;
    const payload = slashCommandPayload({
      team_id: identity.teamId,
      team_domain: identity.teamDomain,
      channel_id: channel.id,
      channel_name: channel.is_im ? 'directmessage' : channel.name,
      user_id: user.id,
      user_name: user.name,
      command: input.command ?? DEFAULT_COMMAND,
      text: escapeAsSlack(input.text ?? ''),
      api_app_id: identity.appId,
      response_url,
      trigger_id,
    });
    const result = await this.ctx.delivery.deliverPayload(payload, 'form', input);
    if (result.late) this.tellCommandTimedOut(payload.command, channel.id, user.id);
    else if (result.status === 200) this.applyMessageAck(result.body, channel.id, user.id);
    return { ...result, trigger_id, response_url };
  }

  /** The user clicks a button in a message (`messageTs`) or a view (`viewId`). */
  async clickButton(input: ClickInput): Promise<DeliveryResult> {
    requireUser(this.ctx.state, input.user);
    const located = this.locate(input);
    return this.sendBlockActions(input.user, located, input.value, input);
  }

  /**
   * The user picks/types a value in a select, checkbox group, picker or input, in a message or a
   * view. State is updated like Slack does; block_actions is sent when Slack would send it (always
   * outside input blocks, inside input blocks only with dispatch_action). Returns undefined when
   * nothing was sent.
   */
  async selectOption(input: SelectInput): Promise<DeliveryResult | undefined> {
    const { state } = this.ctx;
    requireUser(state, input.user);
    const located = this.locate(input);
    const choice: UserInputValue | undefined =
      input.value !== undefined
        ? input.value
        : input.selectedOption
          ? (input.selectedOption as JsonObject)
          : undefined;
    if (choice === undefined) throw new Error('Pass value or selectedOption');
    const { found } = located;
    if (found.element.type !== 'overflow') {
      const value = valueForElement(found.element, choice);
      const values = located.kind === 'view' ? located.view.state.values : located.message.state;
      setStateValue(values, found, value);
      state.changed(
        located.kind === 'view'
          ? {
              kind: located.view.type === 'home' ? 'home' : 'view',
              ref: located.view.id,
              user: input.user,
            }
          : { kind: 'message', ref: located.message.channel },
      );
    }
    if (!dispatchesActions(found)) return undefined;
    return this.sendBlockActions(input.user, located, choice, input);
  }

  /** `selectOption` inside a view; `viewId` defaults to the user's top modal. */
  async selectInView(
    input: Omit<SelectInput, 'messageTs' | 'channel'>,
  ): Promise<DeliveryResult | undefined> {
    const viewId = input.viewId ?? requireTopModal(this.ctx.state, input.user).id;
    return this.selectOption({ ...input, viewId });
  }

  /** The user writes to the bot in their DM (message.im); the message is stored as theirs. */
  async sendDm(input: DmInput): Promise<DeliveryResult> {
    const { state, now, delivery } = this.ctx;
    const user = requireUser(state, input.user);
    const dm = state.ensureDm(user.id);
    const ts = state.nextTs();
    const text = messageTextAsSlack(input.text);
    state.addMessage({
      channel: dm.id,
      ts,
      user: user.id,
      text,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      source: 'user',
      state: {},
    });
    const event = messageImEvent({
      channel: dm.id,
      user: user.id,
      text,
      ts,
      event_ts: ts,
      team: state.identity.teamId,
      // A message's rich_text blocks carry what was typed, unescaped; only `text` is escaped.
      blocks: [
        {
          type: 'rich_text',
          block_id: ts.replace('.', ''),
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: input.text }] }],
        },
      ],
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      ...(input.file ? fileShareFields(input.file.name, user.id) : {}),
    });
    const envelope = eventEnvelope(state, now, event as JsonObject & { type: string });
    return delivery.deliverPayload(envelope, 'json', input);
  }

  /**
   * A person writes in a channel. The message is stored and shown; nothing is delivered, because
   * the app does not subscribe to channel messages (only message.im, see `sendDm`).
   */
  postUserMessage(input: ChannelMessageInput): StoredMessage {
    const { state } = this.ctx;
    const user = requireUser(state, input.user);
    const channel = state.resolveChannel(input.channel);
    if (!channel || channel.is_im) throw new Error(`Unknown channel ${input.channel}`);
    if (channel.is_archived) throw new Error(`Channel ${channel.id} is archived`);
    if (!channel.members.includes(user.id))
      throw new Error(`${user.id} is not a member of ${channel.id}`);
    return state.addMessage({
      channel: channel.id,
      ts: state.nextTs(),
      user: user.id,
      text: input.text,
      source: 'user',
      state: {},
    });
  }

  /** The user opens the app's Home tab (app_home_opened, with the published view if any). */
  async openAppHome(
    input: { user: string; tab?: 'home' | 'messages' } & DeliveryTweaks,
  ): Promise<DeliveryResult> {
    const { state, now, delivery } = this.ctx;
    const user = requireUser(state, input.user);
    const dm = state.ensureDm(user.id);
    const home = state.homes.get(user.id);
    const event = appHomeOpenedEvent({
      user: user.id,
      channel: dm.id,
      tab: input.tab ?? 'home',
      event_ts: state.nextTs(),
      ...(home ? { view: state.viewJson(home) } : {}),
    });
    const envelope = eventEnvelope(state, now, event as JsonObject & { type: string });
    return delivery.deliverPayload(envelope, 'json', input);
  }

  /**
   * Slack's own line when a command is not acked within 3 s, shown only to the user who typed it
   * (from Slack, not the app; any late ack body is dropped).
   */
  private tellCommandTimedOut(command: string, channel: string, user: string): void {
    const { state } = this.ctx;
    state.addMessage({
      channel,
      ts: state.nextTs(),
      user: SLACKBOT_USER,
      text: `${command} failed with the error "operation_timeout"`,
      ephemeralFor: user,
      source: 'slack',
      state: {},
    });
  }

  /** A command ack with content is shown to the user (ephemeral unless response_type in_channel). */
  private applyMessageAck(body: unknown, channel: string, user: string): void {
    const { state } = this.ctx;
    if (typeof body === 'string') {
      if (body.trim() !== '') state.postAsApp(channel, user, false, 'ack', { text: body });
      return;
    }
    if (typeof body !== 'object' || body === null) return;
    const ack = body as JsonObject;
    if (ack.text === undefined && ack.blocks === undefined) return;
    const content = messageContent(ack, false);
    if (isFailure(content)) return;
    const { text, blocks } = content as { text?: string; blocks?: JsonObject[] };
    state.postAsApp(channel, user, ack.response_type === 'in_channel', 'ack', {
      text: text ?? '',
      ...(blocks ? { blocks } : {}),
    });
  }

  /** Finds the element the user acts on, failing loudly when the test names something absent. */
  private locate(target: InteractionTarget): Located {
    const { state } = this.ctx;
    const describe = `action_id "${target.actionId}"${target.blockId ? ` in block "${target.blockId}"` : ''}`;
    if (target.viewId !== undefined) {
      const view = state.findView(target.viewId);
      if (!view || view.user !== target.user) {
        throw new Error(`View ${target.viewId} is not open for ${target.user}`);
      }
      const found = findElement(view.blocks, target.actionId, target.blockId);
      if (!found) throw new Error(`View ${view.id} has no element with ${describe}`);
      return { kind: 'view', view, found };
    }
    if (target.messageTs === undefined) throw new Error('Pass messageTs or viewId');
    const channel = target.channel ? state.resolveChannel(target.channel) : undefined;
    const message = channel
      ? state.findMessage(channel.id, target.messageTs)
      : state.findMessageAnywhere(target.messageTs);
    if (!message || message.deleted) throw new Error(`No message with ts ${target.messageTs}`);
    if (message.ephemeralFor !== undefined && message.ephemeralFor !== target.user) {
      throw new Error(
        `Message ${message.ts} is ephemeral for ${message.ephemeralFor}, not ${target.user}`,
      );
    }
    const found = findElement(message.blocks ?? [], target.actionId, target.blockId);
    if (!found) throw new Error(`Message ${message.ts} has no element with ${describe}`);
    return { kind: 'message', message, found };
  }

  /** Sends block_actions for an element the user just used (after updating its state). */
  private async sendBlockActions(
    user: string,
    located: Located,
    input: UserInputValue | undefined,
    tweaks: DeliveryTweaks,
  ): Promise<DeliveryResult> {
    const { state, delivery } = this.ctx;
    const trigger_id = state.issueTrigger(user);
    const action = actionPayload(located.found, state.nextTs(), input);
    const common = {
      user: payloadUser(state, user),
      api_app_id: state.identity.appId,
      trigger_id,
      team: payloadTeam(state),
      actions: [action],
    };
    if (located.kind === 'view') {
      const { view } = located;
      const {
        channel: _c,
        message: _m,
        response_url: _r,
        ...payload
      } = blockActionsPayload({
        ...common,
        container: { type: 'view', view_id: view.id },
        view: state.viewJson(view),
        state: view.state,
      });
      const result = await delivery.deliverPayload(payload, 'interaction', tweaks);
      return { ...result, trigger_id };
    }
    const { message } = located;
    const channel = state.channels.get(message.channel);
    const response_url = state.issueResponseUrl(this.ctx.baseUrl(), {
      user,
      channel: message.channel,
      messageTs: message.ts,
    });
    const isEphemeral = message.ephemeralFor !== undefined;
    const { message: _m, ...withoutMessage } = blockActionsPayload({
      ...common,
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: isEphemeral,
        ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      },
      channel: {
        id: message.channel,
        name: channel?.is_im ? 'directmessage' : (channel?.name ?? ''),
      },
      state: { values: message.state },
      response_url,
    });
    // Slack leaves `message` out for ephemeral messages.
    const payload = isEphemeral
      ? withoutMessage
      : { ...withoutMessage, message: state.messageJson(message) };
    const result = await delivery.deliverPayload(payload, 'interaction', tweaks);
    return { ...result, trigger_id, response_url };
  }
}

/** What a message with a file adds (https://api.slack.com/events/message/file_share). */
function fileShareFields(name: string, user: string): JsonObject {
  const id = `F${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  return {
    subtype: 'file_share',
    upload: false,
    files: [{ id, name, title: name, mimetype: 'text/plain', filetype: 'text', user }],
  };
}
