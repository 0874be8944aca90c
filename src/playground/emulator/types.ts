/**
 * Shared types for the Slack emulator. Everything stored in emulator state is plain JSON so the
 * playground page can render a snapshot and receive change events without any conversion.
 */

/** A JSON object as Slack sends and receives it. Block Kit content is kept loosely typed on purpose. */
export type JsonObject = Record<string, unknown>;

/** A Block Kit block (or element) as JSON. */
export type BlockJson = JsonObject & { type: string; block_id?: string };

export interface EmulatedUser {
  id: string;
  /** Slack handle, e.g. `alice`. */
  name: string;
  real_name: string;
  /** IANA zone, e.g. `Europe/London`. */
  tz: string;
  tz_label: string;
  /** Seconds east of UTC. */
  tz_offset: number;
  is_bot: boolean;
}

export interface EmulatedChannel {
  id: string;
  /** Without the leading `#`. For DMs this is the other user's id, as Slack does. */
  name: string;
  is_private: boolean;
  is_archived: boolean;
  is_im: boolean;
  /** For DMs: the human on the other side. */
  user?: string;
  /** User ids (including the bot user id when the bot is a member). */
  members: string[];
  created: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  /** Human author (user messages). */
  user?: string;
  /** Bot author (messages posted with the bot token, response_url or an ack body). */
  bot_id?: string;
  app_id?: string;
  text: string;
  blocks?: BlockJson[];
  thread_ts?: string;
  /** Set when only this user can see the message (chat.postEphemeral, ephemeral responses). */
  ephemeralFor?: string;
  /** How the message got here (`slack`: Slack's own words, e.g. a command's operation_timeout). */
  source: 'chat.postMessage' | 'chat.postEphemeral' | 'response_url' | 'ack' | 'user' | 'slack';
  metadata?: JsonObject;
  /** `ts` of the last edit (chat.update or replace_original). */
  edited?: string;
  deleted?: boolean;
  /** Values of stateful elements in the message, keyed block_id → action_id (Slack `state.values`). */
  state: StateValues;
}

/** Slack `state.values`: block_id → action_id → element state. */
export type StateValues = Record<string, Record<string, JsonObject>>;

export interface StoredView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  /** The user this view is open/published for. */
  user: string;
  title?: JsonObject;
  submit?: JsonObject;
  close?: JsonObject;
  blocks: BlockJson[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  hash: string;
  notify_on_close: boolean;
  clear_on_close: boolean;
  previous_view_id: string | null;
  root_view_id: string;
  app_id: string;
  bot_id: string;
  state: { values: StateValues };
  /** Errors from the last `response_action: 'errors'` ack, block_id → message. */
  errors?: Record<string, string>;
}

export interface ApiCall {
  /** Sequence number, 0-based, in arrival order. */
  seq: number;
  method: string;
  /** Parsed arguments (JSON-encoded form fields such as `blocks` and `view` are decoded). Token removed. */
  args: JsonObject;
  /** Emulator clock, ms. */
  at: number;
  ok: boolean;
  error?: string;
  /** HTTP status the emulator answered with (0 when the socket was destroyed). */
  status: number;
  response?: JsonObject;
  /** The workspace (or org, for an org-wide install) whose installation's token made the call. */
  team?: string;
}

export interface TriggerRecord {
  id: string;
  user: string;
  issuedAt: number;
  used: boolean;
}

export interface ResponseUrlRecord {
  id: string;
  user: string;
  channel: string;
  /** The message the interaction came from (block_actions on a message). */
  messageTs?: string;
  issuedAt: number;
  uses: number;
}

/** What a delivery to the bot returned. */
export interface DeliveryResult {
  status: number;
  /** Parsed JSON when the bot answered JSON, otherwise the raw text ('' when empty). */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** The payload that was sent (parsed), handy for assertions. */
  sent: JsonObject;
  trigger_id?: string;
  response_url?: string;
  /** Problems Slack would have with the bot's ack body (e.g. an invalid view in response_action). */
  ackProblems?: string[];
  /** Wall-clock milliseconds from sending the delivery to the bot's ack (or giving up). */
  ackMs?: number;
  /**
   * The ack came after Slack's deadline (3 s), or never: Slack counts that as a failure, ignores
   * the ack's body, tells the user (a command's `operation_timeout`) and retries an event.
   */
  late?: true;
  /** For a late Events API delivery: Slack's first retry (`x-slack-retry-reason: http_timeout`). */
  retry?: DeliveryResult;
}

/** A delivery the bot acked after Slack's deadline, as `emu.lateAcks` lists it. */
export interface LateAck {
  /** `slash_command`, `block_actions`, `view_submission`, `event_callback/<event type>`, … */
  what: string;
  ackMs: number;
}

/** A fault injected with `failNext`. Any other string is returned as `{ok:false,error}` with HTTP 200. */
export type Fault = 'ratelimited' | 'internal_error' | 'network' | 'stall' | (string & {});

export type ChangeKind = 'call' | 'message' | 'view' | 'home' | 'reset' | 'delivery';

export interface ChangeEvent {
  kind: ChangeKind;
  /** Channel id, view id or method, depending on the kind. */
  ref?: string;
  user?: string;
}

export interface EmulatorSnapshot {
  team: { id: string; domain: string; name: string };
  bot: { userId: string; botId: string; appId: string };
  users: EmulatedUser[];
  channels: EmulatedChannel[];
  messages: Record<string, StoredMessage[]>;
  modals: Record<string, StoredView[]>;
  homes: Record<string, StoredView>;
  calls: ApiCall[];
}
