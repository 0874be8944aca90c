/**
 * Payload builders for what Slack sends to an app, following Slack's reference pages:
 * - slash commands: https://docs.slack.dev/interactivity/implementing-slash-commands
 * - block_actions: https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 * - view_submission / view_closed: https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload
 * - Events API envelope: https://docs.slack.dev/apis/events-api/#callback-field
 *
 * Every builder takes overrides and fills the rest with playground defaults, so tests can build a
 * valid payload in one line and the emulator builds its deliveries with the same code.
 */
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_APP_ID,
  DEFAULT_BOT_USER_ID,
  DEFAULT_COMMAND,
  DEFAULT_TEAM_DOMAIN,
  DEFAULT_TEAM_ID,
} from './defaults.ts';
import type { BlockJson, JsonObject, StateValues } from './types.ts';

/** Slack still sends the deprecated verification token; Bolt ignores it. */
export const VERIFICATION_TOKEN = 'playground-verification-token';

const DEFAULT_USER = { id: 'U0ALICE', name: 'alice' };
const DEFAULT_CHANNEL = { id: 'C0GENERAL', name: 'general' };

/** A trigger id in Slack's format: `<epoch>.<team number>.<hex>`. */
export function makeTriggerId(nowMs: number = Date.now()): string {
  return `${Math.floor(nowMs / 1000)}.1000000001.${randomBytes(16).toString('hex')}`;
}

/** Slack-style message ts: seconds with a 6-digit fraction. */
export function makeTs(nowMs: number = Date.now(), seq = 0): string {
  return `${Math.floor(nowMs / 1000)}.${String(seq % 1_000_000).padStart(6, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Slash command (application/x-www-form-urlencoded body)
// ---------------------------------------------------------------------------------------------

export interface SlashCommandPayload {
  token: string;
  team_id: string;
  team_domain: string;
  enterprise_id?: string;
  enterprise_name?: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: 'true' | 'false';
  response_url: string;
  trigger_id: string;
  [extra: string]: string | undefined;
}

export function slashCommandPayload(
  overrides: Partial<SlashCommandPayload> = {},
): SlashCommandPayload {
  return {
    token: VERIFICATION_TOKEN,
    team_id: DEFAULT_TEAM_ID,
    team_domain: DEFAULT_TEAM_DOMAIN,
    channel_id: DEFAULT_CHANNEL.id,
    channel_name: DEFAULT_CHANNEL.name,
    user_id: DEFAULT_USER.id,
    user_name: DEFAULT_USER.name,
    command: DEFAULT_COMMAND,
    text: '',
    api_app_id: DEFAULT_APP_ID,
    is_enterprise_install: 'false',
    response_url: `https://hooks.slack.com/commands/${DEFAULT_TEAM_ID}/1/${randomBytes(12).toString('hex')}`,
    trigger_id: makeTriggerId(),
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Interactivity payloads (form field `payload` = JSON)
// ---------------------------------------------------------------------------------------------

export interface InteractionUser {
  id: string;
  username: string;
  name: string;
  team_id: string;
}

export function interactionUser(id = DEFAULT_USER.id, name = DEFAULT_USER.name): InteractionUser {
  return { id, username: name, name, team_id: DEFAULT_TEAM_ID };
}

export type MessageContainer = {
  type: 'message';
  message_ts: string;
  channel_id: string;
  is_ephemeral: boolean;
  thread_ts?: string;
};
export type ViewContainer = { type: 'view'; view_id: string };

export interface BlockActionsPayload {
  type: 'block_actions';
  user: InteractionUser;
  api_app_id: string;
  token: string;
  container: MessageContainer | ViewContainer;
  trigger_id: string;
  team: { id: string; domain: string } | null;
  enterprise: { id: string; name: string } | null;
  is_enterprise_install: boolean;
  channel?: { id: string; name: string };
  message?: JsonObject;
  view?: JsonObject;
  state: { values: StateValues };
  response_url?: string;
  actions: JsonObject[];
  [extra: string]: unknown;
}

export function blockActionsPayload(
  overrides: Partial<BlockActionsPayload> = {},
): BlockActionsPayload {
  const messageTs = '1700000000.000100';
  return {
    type: 'block_actions',
    user: interactionUser(),
    api_app_id: DEFAULT_APP_ID,
    token: VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: DEFAULT_CHANNEL.id,
      is_ephemeral: false,
    },
    trigger_id: makeTriggerId(),
    team: { id: DEFAULT_TEAM_ID, domain: DEFAULT_TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    channel: { ...DEFAULT_CHANNEL },
    message: {
      type: 'message',
      user: DEFAULT_BOT_USER_ID,
      text: 'Pick one',
      ts: messageTs,
      blocks: [],
    },
    state: { values: {} },
    response_url: `https://hooks.slack.com/actions/${DEFAULT_TEAM_ID}/1/${randomBytes(12).toString('hex')}`,
    actions: [
      {
        action_id: 'button',
        block_id: 'block',
        text: { type: 'plain_text', text: 'Button', emoji: true },
        value: 'clicked',
        type: 'button',
        action_ts: '1700000001.000200',
      },
    ],
    ...overrides,
  };
}

/** The `view` object Slack includes in view payloads (ViewOutput). */
export function viewOutput(overrides: JsonObject = {}): JsonObject {
  return {
    id: 'V0000000001',
    team_id: DEFAULT_TEAM_ID,
    type: 'modal',
    blocks: [] as BlockJson[],
    private_metadata: '',
    callback_id: 'modal',
    state: { values: {} },
    hash: '1700000000.abcdefgh',
    title: { type: 'plain_text', text: 'Modal', emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    previous_view_id: null,
    root_view_id: 'V0000000001',
    app_id: DEFAULT_APP_ID,
    external_id: '',
    app_installed_team_id: DEFAULT_TEAM_ID,
    bot_id: 'B0BOT',
    ...overrides,
  };
}

export interface ViewSubmissionPayload {
  type: 'view_submission';
  team: { id: string; domain: string } | null;
  user: InteractionUser;
  api_app_id: string;
  token: string;
  trigger_id: string;
  view: JsonObject;
  response_urls: JsonObject[];
  is_enterprise_install: boolean;
  enterprise: { id: string; name: string } | null;
  [extra: string]: unknown;
}

export function viewSubmissionPayload(
  overrides: Partial<ViewSubmissionPayload> = {},
): ViewSubmissionPayload {
  return {
    type: 'view_submission',
    team: { id: DEFAULT_TEAM_ID, domain: DEFAULT_TEAM_DOMAIN },
    user: interactionUser(),
    api_app_id: DEFAULT_APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: makeTriggerId(),
    view: viewOutput(),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
    ...overrides,
  };
}

export interface ViewClosedPayload {
  type: 'view_closed';
  team: { id: string; domain: string } | null;
  user: InteractionUser;
  api_app_id: string;
  token: string;
  view: JsonObject;
  is_cleared: boolean;
  is_enterprise_install: boolean;
  enterprise: { id: string; name: string } | null;
  [extra: string]: unknown;
}

export function viewClosedPayload(overrides: Partial<ViewClosedPayload> = {}): ViewClosedPayload {
  return {
    type: 'view_closed',
    team: { id: DEFAULT_TEAM_ID, domain: DEFAULT_TEAM_DOMAIN },
    user: interactionUser(),
    api_app_id: DEFAULT_APP_ID,
    token: VERIFICATION_TOKEN,
    view: viewOutput({ notify_on_close: true }),
    is_cleared: false,
    is_enterprise_install: false,
    enterprise: null,
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Events API (application/json body)
// ---------------------------------------------------------------------------------------------

export interface EventCallbackEnvelope {
  token: string;
  team_id: string;
  api_app_id: string;
  event: JsonObject & { type: string };
  type: 'event_callback';
  event_id: string;
  event_time: number;
  authorizations: JsonObject[];
  is_ext_shared_channel: boolean;
  event_context: string;
  [extra: string]: unknown;
}

export function makeEventId(): string {
  return `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
}

export function eventCallback(
  event: JsonObject & { type: string },
  overrides: Partial<EventCallbackEnvelope> = {},
): EventCallbackEnvelope {
  const teamId = overrides.team_id ?? DEFAULT_TEAM_ID;
  const eventTs = typeof event.event_ts === 'string' ? event.event_ts : makeTs();
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    api_app_id: DEFAULT_APP_ID,
    event,
    type: 'event_callback',
    event_id: makeEventId(),
    event_time: Math.floor(Number(eventTs)),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: DEFAULT_BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(12).toString('base64url')}`,
    ...overrides,
  };
}

/** A `message` event in a DM with the app (`message.im`). */
export function messageImEvent(overrides: JsonObject = {}): JsonObject & { type: 'message' } {
  const ts = typeof overrides.ts === 'string' ? overrides.ts : makeTs();
  const text = typeof overrides.text === 'string' ? overrides.text : 'hello';
  return {
    type: 'message',
    channel: 'D0ALICE',
    user: DEFAULT_USER.id,
    text,
    ts,
    event_ts: ts,
    channel_type: 'im',
    team: DEFAULT_TEAM_ID,
    client_msg_id: randomBytes(16).toString('hex'),
    blocks: [
      {
        type: 'rich_text',
        block_id: randomBytes(3).toString('hex'),
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
      },
    ],
    ...overrides,
  };
}

export function appHomeOpenedEvent(
  overrides: JsonObject = {},
): JsonObject & { type: 'app_home_opened' } {
  return {
    type: 'app_home_opened',
    user: DEFAULT_USER.id,
    channel: 'D0ALICE',
    tab: 'home',
    event_ts: makeTs(),
    ...overrides,
  };
}

export function appUninstalledEvent(
  overrides: JsonObject = {},
): JsonObject & { type: 'app_uninstalled' } {
  return { type: 'app_uninstalled', event_ts: makeTs(), ...overrides };
}

export function tokensRevokedEvent(
  overrides: JsonObject = {},
): JsonObject & { type: 'tokens_revoked' } {
  return {
    type: 'tokens_revoked',
    tokens: { oauth: [], bot: [DEFAULT_BOT_USER_ID] },
    event_ts: makeTs(),
    ...overrides,
  };
}

export function urlVerificationPayload(challenge = randomBytes(16).toString('hex')): JsonObject {
  return { token: VERIFICATION_TOKEN, challenge, type: 'url_verification' };
}

// ---------------------------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------------------------

/** application/x-www-form-urlencoded body for a flat record (slash commands). */
export function encodeForm(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) params.append(key, value);
  }
  return params.toString();
}

/** application/x-www-form-urlencoded body with the JSON `payload` field (interactivity). */
export function encodeInteraction(payload: object): string {
  return encodeForm({ payload: JSON.stringify(payload) });
}
