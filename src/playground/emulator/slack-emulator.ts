/**
 * SlackEmulator plays Slack for the bot over real HTTP on loopback:
 * - it serves the Web API (`POST {url}/api/<method>`) and the response_urls it hands out;
 * - it delivers signed slash commands, interactions and Events API callbacks to the bot's
 *   Bolt endpoint (or, with `transport: 'socket'`, over Socket Mode, see `socket-mode.ts`) and
 *   applies the bot's ack the way Slack does.
 * State is plain JSON (see `snapshot()`), and every change emits `change`.
 */
import {
  type Agent,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  actionPayload,
  dispatchesActions,
  type FoundElement,
  findElement,
  initialState,
  setStateValue,
  type UserInputValue,
  validateView,
  valueForElement,
} from './blocks.ts';
import {
  type ChannelInput,
  DEFAULT_APP_ID,
  DEFAULT_BOT_ID,
  DEFAULT_BOT_USER_ID,
  DEFAULT_COMMAND,
  DEFAULT_TEAM_DOMAIN,
  DEFAULT_TEAM_ID,
  defaultChannels,
  defaultUsers,
  LIMITS,
  makeChannel,
  makeUser,
  RESPONSE_URL_MAX_USES,
  RESPONSE_URL_TTL_MS,
  type UserInput,
} from './defaults.ts';
import { parseApiArgs, parseResponseBody, post, readBody, sendJson } from './http.ts';
import {
  appHomeOpenedEvent,
  appUninstalledEvent,
  blockActionsPayload,
  type EventCallbackEnvelope,
  encodeForm,
  encodeInteraction,
  eventCallback,
  interactionUser,
  messageImEvent,
  slashCommandPayload,
  tokensRevokedEvent,
  urlVerificationPayload,
  viewClosedPayload,
  viewSubmissionPayload,
} from './payloads.ts';
import { signRequest } from './signing.ts';
import { appTokenProblem, type EnvelopeType, SocketModeServer } from './socket-mode.ts';
import { EmulatorState } from './state.ts';
import type {
  ApiCall,
  ChangeEvent,
  DeliveryResult,
  EmulatedChannel,
  EmulatorSnapshot,
  Fault,
  JsonObject,
  StateValues,
  StoredMessage,
  StoredView,
} from './types.ts';
import { isFailure, messageContent, WEB_API_METHODS } from './web-api.ts';

export interface SlackEmulatorOptions {
  signingSecret: string;
  /** The bot token Web API calls must carry (Authorization: Bearer, or the `token` field). */
  botToken: string;
  teamId?: string;
  teamDomain?: string;
  teamName?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** Humans in the workspace. Defaults: U0ALICE, U0BOB, U0MANAGER. */
  users?: UserInput[];
  /** Channels. Defaults: C0GENERAL, C0ENGLEADS (bot member), C0RANDOM (not), C0OLD (archived). */
  channels?: ChannelInput[];
  /** Emulator clock in ms (ts, trigger expiry, request timestamps). Defaults to Date.now. */
  now?: () => number;
  /**
   * Clock for request signatures only; defaults to `now`. Slack signs with its real clock, and
   * Bolt refuses timestamps more than five minutes old, so the playground (whose `now` can run
   * days ahead) signs with the wall clock.
   */
  signingNow?: () => number;
  /** Delay before answering each Web API / response_url call. */
  latencyMs?: number;
  /** Where deliveries go, e.g. `http://127.0.0.1:3000/slack/events`. */
  botUrl?: string;
  /**
   * Keep only the newest this-many calls in `calls` (seq keeps counting), so a long benchmark does
   * not hold every call it made. Default: keep all.
   */
  maxCalls?: number;
  /**
   * HTTP agent for deliveries to the bot. Default: none, a fresh connection each, so nothing
   * lingers between tests; the benchmark passes a keep-alive agent.
   */
  deliveryAgent?: Agent;
  /**
   * How deliveries reach the bot: signed HTTP POSTs to `botUrl` (default), or Socket Mode
   * envelopes over the WebSocket the bot opened with `apps.connections.open`.
   */
  transport?: Transport;
  /** The app-level token `apps.connections.open` accepts. Default: any `xapp-` token. */
  appToken?: string;
}

export type Transport = 'http' | 'socket';

/** Per-delivery escape hatches so tests can forge odd or bad requests. */
export interface DeliveryTweaks {
  /** Merged over the top level of the payload before it is encoded and signed. */
  overrides?: JsonObject;
  /** Added to / replacing the HTTP headers after signing; `undefined` removes a header. */
  headers?: Record<string, string | undefined>;
}

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

export interface SubmitInput extends DeliveryTweaks {
  user: string;
  /** Defaults to the user's top modal. */
  viewId?: string;
  /** Values to set before submitting, keyed by action_id (same forms as `SelectInput.value`). */
  values?: Record<string, UserInputValue>;
  /** Replaces `view.state.values` wholesale (for forged submissions). */
  stateValues?: StateValues;
}

export interface CloseInput extends DeliveryTweaks {
  user: string;
  viewId?: string;
}

export interface DmInput extends DeliveryTweaks {
  user: string;
  text: string;
  threadTs?: string;
}

export interface ChannelMessageInput {
  user: string;
  /** Channel id or `#name`. */
  channel: string;
  text: string;
}

/**
 * An extra HTTP route served on the emulator's port before its own (the playground page uses
 * this). Return true when it answered the request; the body has not been read yet.
 */
export type ExtraRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

export interface RawDelivery {
  body: string;
  contentType?: string;
  headers?: Record<string, string | undefined>;
  /** Sign the body with the emulator's secret (default true). */
  sign?: boolean;
}

type ServedFault = { fault: Fault; remaining: number };

const RESPONSE_URL_METHOD = 'response_url';

export class SlackEmulator {
  readonly state: EmulatorState;
  latencyMs: number;

  private readonly signingSecret: string;
  private readonly botToken: string;
  private readonly now: () => number;
  private readonly signingNow: () => number;
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private botUrl: string | undefined;
  private readonly faults = new Map<string, ServedFault[]>();
  private readonly routes: ExtraRoute[] = [];
  private readonly maxCalls: number;
  private readonly deliveryAgent: Agent | undefined;
  private callSeq = 0;
  private transport: Transport;
  private readonly appToken: string | undefined;
  private readonly socketMode: SocketModeServer;

  constructor(options: SlackEmulatorOptions) {
    this.transport = options.transport ?? 'http';
    this.appToken = options.appToken;
    this.maxCalls = options.maxCalls ?? Number.POSITIVE_INFINITY;
    this.deliveryAgent = options.deliveryAgent;
    this.signingSecret = options.signingSecret;
    this.botToken = options.botToken;
    this.now = options.now ?? Date.now;
    this.signingNow = options.signingNow ?? this.now;
    this.latencyMs = options.latencyMs ?? 0;
    this.botUrl = options.botUrl;
    const botUserId = options.botUserId ?? DEFAULT_BOT_USER_ID;
    const users = (options.users ?? defaultUsers()).map(makeUser);
    const channels =
      options.channels?.map(makeChannel) ??
      defaultChannels(
        botUserId,
        users.map((u) => u.id),
      );
    this.state = new EmulatorState(
      {
        teamId: options.teamId ?? DEFAULT_TEAM_ID,
        teamDomain: options.teamDomain ?? DEFAULT_TEAM_DOMAIN,
        teamName: options.teamName ?? 'Playground',
        botUserId,
        botId: options.botId ?? DEFAULT_BOT_ID,
        appId: options.appId ?? DEFAULT_APP_ID,
      },
      users,
      channels,
      this.now,
    );
    this.socketMode = new SocketModeServer(this.state.identity.appId);
  }

  // ===========================================================================================
  // Lifecycle
  // ===========================================================================================

  /** Base URL, e.g. `http://127.0.0.1:53211`. The bot's slackApiUrl is `${url}/api/`. */
  get url(): string {
    if (!this.baseUrl) throw new Error('SlackEmulator is not started; call start() first');
    return this.baseUrl;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** Listens on `host` (loopback by default: nothing here is meant for the network). */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.server) return this.url;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent)
          sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(error) });
        else res.destroy();
      });
    });
    server.on('upgrade', (req, socket, head) => {
      if (!this.socketMode.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    this.baseUrl = `http://${urlHost}:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.baseUrl = undefined;
    this.socketMode.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Serves an extra route on the emulator's port, tried before the emulator's own routes. */
  use(route: ExtraRoute): this {
    this.routes.push(route);
    return this;
  }

  /** Where deliveries go, e.g. `http://127.0.0.1:3000/slack/events`. */
  setBotUrl(url: string): void {
    this.botUrl = url;
  }

  /** Switches how deliveries reach the bot (see `SlackEmulatorOptions.transport`). */
  setTransport(transport: Transport): void {
    this.transport = transport;
  }

  /** Open Socket Mode connections. */
  get socketConnections(): number {
    return this.socketMode.connections;
  }

  /** Sends Socket Mode's `disconnect` to every connection: the bot should reconnect. */
  requestSocketReconnect(reason = 'refresh_requested'): void {
    this.socketMode.disconnectAll(reason);
  }

  /** Forget messages, views, calls, triggers and faults; keep users and channels. */
  reset(): void {
    this.faults.clear();
    this.callSeq = 0;
    this.state.reset();
  }

  on(event: 'change', listener: (change: ChangeEvent) => void): this {
    this.state.on(event, listener);
    return this;
  }

  off(event: 'change', listener: (change: ChangeEvent) => void): this {
    this.state.off(event, listener);
    return this;
  }

  // ===========================================================================================
  // Reading state
  // ===========================================================================================

  /** Every Web API (and response_url) call, in arrival order. */
  get calls(): readonly ApiCall[] {
    return this.state.calls;
  }

  callsTo(method: string): ApiCall[] {
    return this.state.calls.filter((c) => c.method === method);
  }

  /**
   * Messages in a conversation (id, `#name`, or a user id for the bot's DM with them). With `user`,
   * only what that user can see (others' ephemerals hidden); without, everything (deleted included).
   */
  messages(channel: string, options: { user?: string } = {}): StoredMessage[] {
    const resolved = this.state.resolveChannel(channel);
    if (!resolved) return [];
    if (options.user !== undefined) return this.state.visibleMessages(resolved.id, options.user);
    return [...(this.state.messages.get(resolved.id) ?? [])];
  }

  /** Messages in the bot's DM with this user. */
  dm(user: string): StoredMessage[] {
    return this.messages(this.state.ensureDm(user).id, { user });
  }

  findMessage(ts: string): StoredMessage | undefined {
    return this.state.findMessageAnywhere(ts);
  }

  /** The user's modal stack, root first (empty when no modal is open). */
  modalStack(user: string): StoredView[] {
    return [...(this.state.modals.get(user) ?? [])];
  }

  /** The modal view the user currently sees. */
  topModal(user: string): StoredView | undefined {
    return this.state.topModal(user);
  }

  home(user: string): StoredView | undefined {
    return this.state.homes.get(user);
  }

  channel(ref: string): EmulatedChannel | undefined {
    return this.state.resolveChannel(ref);
  }

  snapshot(): EmulatorSnapshot {
    return this.state.snapshot();
  }

  /** A fresh trigger_id for this user (as if they had just clicked something). */
  issueTriggerId(user: string): string {
    return this.state.issueTrigger(user);
  }

  /**
   * Resolves with the first call to `method` (at or after `fromSeq`) matching `predicate`, waiting
   * up to `timeoutMs`. Use `fromSeq: emu.calls.length` taken before an action to ignore older calls.
   */
  waitForCall(
    method: string,
    predicate: (call: ApiCall) => boolean = () => true,
    timeoutMs = 2_000,
    fromSeq = 0,
  ): Promise<ApiCall> {
    const match = () =>
      this.state.calls.find((c) => c.seq >= fromSeq && c.method === method && predicate(c));
    return this.waitFor(match, timeoutMs, () => {
      const seen = this.state.calls.map((c) => `${c.method}${c.ok ? '' : `(${c.error})`}`);
      return `Timed out after ${timeoutMs} ms waiting for ${method}; calls so far: [${seen.join(', ')}]`;
    });
  }

  /** Resolves with the first truthy result of `check`, re-evaluated on every state change. */
  waitFor<T>(
    check: () => T | undefined | null | false,
    timeoutMs = 2_000,
    describe: () => string = () => `Timed out after ${timeoutMs} ms`,
  ): Promise<T> {
    const immediate = check();
    if (immediate) return Promise.resolve(immediate);
    return new Promise<T>((resolve, reject) => {
      const onChange = () => {
        const value = check();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(describe()));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.state.off('change', onChange);
      };
      this.state.on('change', onChange);
    });
  }

  // ===========================================================================================
  // Fault injection
  // ===========================================================================================

  /**
   * The next `times` calls to `method` (or `'*'` for any, `'response_url'` for response URLs) fail:
   * 'ratelimited' → 429 + Retry-After: 1; 'internal_error' → 500; 'network' → socket destroyed;
   * any other string → HTTP 200 `{ok:false,error}`.
   */
  failNext(method: string, fault: Fault, options: { times?: number } = {}): void {
    const queue = this.faults.get(method) ?? [];
    queue.push({ fault, remaining: options.times ?? 1 });
    this.faults.set(method, queue);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  private takeFault(method: string): Fault | undefined {
    for (const key of [method, '*']) {
      const queue = this.faults.get(key);
      const head = queue?.[0];
      if (!queue || !head) continue;
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      return head.fault;
    }
    return undefined;
  }

  // ===========================================================================================
  // HTTP server: Web API and response_url
  // ===========================================================================================

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    for (const route of this.routes) if (await route(req, res, url)) return;
    const raw = await readBody(req);
    const apiMatch = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (apiMatch?.[1]) return this.handleApi(apiMatch[1], req, res, raw, url.searchParams);
    const responseMatch = /^\/response\/([0-9a-f]+)$/.exec(url.pathname);
    if (responseMatch?.[1] && req.method === 'POST') {
      return this.handleResponseUrl(responseMatch[1], req, res, raw);
    }
    if (url.pathname === '/state' && req.method === 'GET')
      return sendJson(res, 200, this.snapshot());
    sendJson(res, 404, { ok: false, error: 'not_found' });
  }

  private async delay(): Promise<void> {
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
  }

  private record(call: Omit<ApiCall, 'seq' | 'at'>): ApiCall {
    const recorded: ApiCall = { seq: this.callSeq, at: this.now(), ...call };
    this.callSeq += 1;
    const { calls } = this.state;
    calls.push(recorded);
    // Trim in batches: one splice per maxCalls calls instead of a shift on every call.
    if (calls.length >= 2 * this.maxCalls) calls.splice(0, calls.length - this.maxCalls);
    this.state.changed({ kind: 'call', ref: call.method });
    return recorded;
  }

  /** Applies an injected fault to the response; returns true when one was served. */
  private serveFault(
    method: string,
    args: JsonObject,
    res: ServerResponse,
    req: IncomingMessage,
  ): boolean {
    const fault = this.takeFault(method);
    if (fault === undefined) return false;
    if (fault === 'network') {
      this.record({ method, args, ok: false, error: 'network', status: 0 });
      req.socket.destroy();
      return true;
    }
    const body = { ok: false, error: fault };
    const status = faultStatus(method, fault);
    this.record({ method, args, ok: false, error: fault, status, response: body });
    sendJson(res, status, body, fault === 'ratelimited' ? { 'retry-after': '1' } : {});
    return true;
  }

  private async handleApi(
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
    query: URLSearchParams,
  ): Promise<void> {
    await this.delay();
    const parsed = parseApiArgs(raw, req.headers['content-type'], query);
    const { token: bodyToken, ...args } = parsed ?? {};
    const answer = (status: number, body: JsonObject) => {
      this.record({
        method,
        args,
        ok: body.ok === true,
        ...(body.ok === true ? {} : { error: String(body.error) }),
        status,
        response: body,
      });
      sendJson(res, status, body);
    };
    if (!parsed) {
      return answer(200, {
        ok: false,
        error: /json/i.test(req.headers['content-type'] ?? '')
          ? 'invalid_json'
          : 'invalid_form_data',
      });
    }
    if (method === 'apps.connections.open') {
      const problem = appTokenProblem(req.headers.authorization, this.appToken);
      if (problem) return answer(200, { ok: false, error: problem });
      if (this.serveFault(method, args, res, req)) return;
      return answer(200, { ok: true, url: this.socketMode.issueUrl(this.url) });
    }
    const handler = WEB_API_METHODS[method];
    if (!handler) return answer(200, { ok: false, error: 'unknown_method' });
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : bodyToken;
    if (typeof token !== 'string' || token === '')
      return answer(200, { ok: false, error: 'not_authed' });
    if (token !== this.botToken) return answer(200, { ok: false, error: 'invalid_auth' });
    if (this.state.tokenRevoked) return answer(200, { ok: false, error: 'token_revoked' });
    if (this.serveFault(method, args, res, req)) return;
    answer(200, handler(args, this.state));
  }

  private async handleResponseUrl(
    id: string,
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
  ): Promise<void> {
    await this.delay();
    let body: JsonObject = {};
    try {
      const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
      if (typeof parsed === 'object' && parsed !== null) body = parsed as JsonObject;
    } catch {
      body = Object.fromEntries(new URLSearchParams(raw));
    }
    const args = { ...body, response_url_id: id };
    const answer = (status: number, response: JsonObject) => {
      this.record({
        method: RESPONSE_URL_METHOD,
        args,
        ok: response.ok === true,
        ...(response.ok === true ? {} : { error: String(response.error) }),
        status,
        response,
      });
      sendJson(res, status, response);
    };
    const target = this.state.responseUrls.get(id);
    if (!target) return answer(404, { ok: false, error: 'no_such_url' });
    if (
      this.now() - target.issuedAt > RESPONSE_URL_TTL_MS ||
      target.uses >= RESPONSE_URL_MAX_USES
    ) {
      return answer(404, { ok: false, error: 'expired_url' });
    }
    if (this.serveFault(RESPONSE_URL_METHOD, args, res, req)) return;
    target.uses += 1;
    const original = target.messageTs
      ? this.state.findMessage(target.channel, target.messageTs)
      : undefined;
    if (body.delete_original === true || body.delete_original === 'true') {
      if (!original || original.deleted)
        return answer(404, { ok: false, error: 'message_not_found' });
      original.deleted = true;
      this.state.changed({ kind: 'message', ref: original.channel });
      return answer(200, { ok: true });
    }
    const content = messageContent(body, true);
    if (isFailure(content)) return answer(400, content);
    const { text, blocks } = content as { text?: string; blocks?: JsonObject[] };
    if (
      (body.replace_original === true || body.replace_original === 'true') &&
      original &&
      !original.deleted
    ) {
      original.text = text ?? '';
      if (blocks) original.blocks = blocks as StoredMessage['blocks'];
      else delete original.blocks;
      original.state = initialState(original.blocks ?? []);
      original.edited = this.state.nextTs();
      this.state.changed({ kind: 'message', ref: original.channel });
      return answer(200, { ok: true });
    }
    this.postAsApp(
      target.channel,
      target.user,
      body.response_type === 'in_channel',
      'response_url',
      {
        text: text ?? '',
        ...(blocks ? { blocks } : {}),
        ...(typeof body.thread_ts === 'string' ? { thread_ts: body.thread_ts } : {}),
      },
    );
    answer(200, { ok: true });
  }

  /** Stores a message the app sent outside the Web API (response_url or an ack body). */
  private postAsApp(
    channel: string,
    user: string,
    inChannel: boolean,
    source: StoredMessage['source'],
    content: { text: string; blocks?: JsonObject[]; thread_ts?: string },
  ): StoredMessage {
    const blocks = content.blocks as StoredMessage['blocks'];
    return this.state.addMessage({
      channel,
      ts: this.state.nextTs(),
      bot_id: this.state.identity.botId,
      app_id: this.state.identity.appId,
      text: content.text,
      ...(blocks ? { blocks } : {}),
      ...(content.thread_ts ? { thread_ts: content.thread_ts } : {}),
      ...(inChannel ? {} : { ephemeralFor: user }),
      source,
      state: initialState(blocks ?? []),
    });
  }

  // ===========================================================================================
  // Delivery to the bot
  // ===========================================================================================

  /** POSTs a body to the bot, signed like Slack signs it, and returns the bot's answer. */
  async deliverRaw(delivery: RawDelivery): Promise<Omit<DeliveryResult, 'sent'>> {
    if (!this.botUrl) throw new Error('SlackEmulator has no bot URL; call setBotUrl() first');
    const contentType = delivery.contentType ?? 'application/json';
    const timestamp = Math.floor(this.signingNow() / 1000);
    const headers: Record<string, string | undefined> = {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    if (delivery.sign !== false) {
      for (const [key, value] of Object.entries(
        signRequest(this.signingSecret, delivery.body, timestamp),
      )) {
        headers[key.toLowerCase()] = value;
      }
    }
    for (const [key, value] of Object.entries(delivery.headers ?? {}))
      headers[key.toLowerCase()] = value;
    const result = await post(this.botUrl, delivery.body, headers, undefined, this.deliveryAgent);
    this.state.changed({ kind: 'delivery' });
    return { status: result.status, body: parseResponseBody(result), headers: result.headers };
  }

  private async deliverPayload(
    payload: object,
    encoding: 'form' | 'interaction' | 'json',
    tweaks: DeliveryTweaks,
  ): Promise<DeliveryResult> {
    const sent = { ...(payload as JsonObject), ...(tweaks.overrides ?? {}) };
    if (this.transport === 'socket') return this.deliverOverSocket(sent, encoding, tweaks);
    const body =
      encoding === 'form'
        ? encodeForm(sent as Record<string, string>)
        : encoding === 'interaction'
          ? encodeInteraction(sent)
          : JSON.stringify(sent);
    const contentType =
      encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
    const result = await this.deliverRaw({
      body,
      contentType,
      ...(tweaks.headers ? { headers: tweaks.headers } : {}),
    });
    return { ...result, sent };
  }

  /**
   * The same delivery as a Socket Mode envelope. The ack's payload stands in for the HTTP ack body
   * (an empty one for an empty body), so acks are applied the same way; `headers` tweaks have no
   * socket equivalent except Slack's retry headers, which become retry_attempt / retry_reason.
   */
  private async deliverOverSocket(
    sent: JsonObject,
    encoding: 'form' | 'interaction' | 'json',
    tweaks: DeliveryTweaks,
  ): Promise<DeliveryResult> {
    const type: EnvelopeType =
      encoding === 'form'
        ? 'slash_commands'
        : encoding === 'interaction'
          ? 'interactive'
          : 'events_api';
    if (sent.type === 'url_verification') throw new Error('Socket Mode has no url_verification');
    const retryNum = tweaks.headers?.['x-slack-retry-num'];
    const retryReason = tweaks.headers?.['x-slack-retry-reason'];
    const ack = await this.socketMode.deliver(type, sent, {
      ...(retryNum !== undefined ? { retryAttempt: Number(retryNum) } : {}),
      ...(retryReason !== undefined ? { retryReason } : {}),
    });
    this.state.changed({ kind: 'delivery' });
    const empty =
      ack.payload === undefined ||
      (typeof ack.payload === 'object' &&
        ack.payload !== null &&
        Object.keys(ack.payload).length === 0);
    // No ack in time: Slack shows the user an error, as it does when an HTTP delivery times out.
    return { status: ack.acked ? 200 : 0, body: empty ? '' : ack.payload, headers: {}, sent };
  }

  private user(id: string) {
    const user = this.state.users.get(id);
    if (!user) throw new Error(`Unknown user ${id}`);
    return user;
  }

  private team() {
    return { id: this.state.identity.teamId, domain: this.state.identity.teamDomain };
  }

  private payloadUser(id: string) {
    return { ...interactionUser(id, this.user(id).name), team_id: this.state.identity.teamId };
  }

  /** A slash command typed by `user` in `channel`. An ack body becomes the reply, like in Slack. */
  async sendCommand(input: CommandInput): Promise<DeliveryResult> {
    const user = this.user(input.user);
    const channel = this.state.resolveChannel(input.channel ?? 'C0GENERAL');
    if (!channel) throw new Error(`Unknown channel ${input.channel}`);
    const trigger_id = this.state.issueTrigger(user.id);
    const response_url = this.state.issueResponseUrl(this.url, {
      user: user.id,
      channel: channel.id,
    });
    const { identity } = this.state;
    const payload = slashCommandPayload({
      team_id: identity.teamId,
      team_domain: identity.teamDomain,
      channel_id: channel.id,
      channel_name: channel.is_im ? 'directmessage' : channel.name,
      user_id: user.id,
      user_name: user.name,
      command: input.command ?? DEFAULT_COMMAND,
      text: input.text ?? '',
      api_app_id: identity.appId,
      response_url,
      trigger_id,
    });
    const result = await this.deliverPayload(payload, 'form', input);
    if (result.status === 200) this.applyMessageAck(result.body, channel.id, user.id);
    return { ...result, trigger_id, response_url };
  }

  /** A command ack with content is shown to the user (ephemeral unless response_type in_channel). */
  private applyMessageAck(body: unknown, channel: string, user: string): void {
    if (typeof body === 'string') {
      if (body.trim() !== '') this.postAsApp(channel, user, false, 'ack', { text: body });
      return;
    }
    if (typeof body !== 'object' || body === null) return;
    const ack = body as JsonObject;
    if (ack.text === undefined && ack.blocks === undefined) return;
    const content = messageContent(ack, false);
    if (isFailure(content)) return;
    const { text, blocks } = content as { text?: string; blocks?: JsonObject[] };
    this.postAsApp(channel, user, ack.response_type === 'in_channel', 'ack', {
      text: text ?? '',
      ...(blocks ? { blocks } : {}),
    });
  }

  private locate(
    target: InteractionTarget,
  ):
    | { kind: 'message'; message: StoredMessage; found: FoundElement }
    | { kind: 'view'; view: StoredView; found: FoundElement } {
    const describe = `action_id "${target.actionId}"${target.blockId ? ` in block "${target.blockId}"` : ''}`;
    if (target.viewId !== undefined) {
      const view = this.state.findView(target.viewId);
      if (!view || view.user !== target.user) {
        throw new Error(`View ${target.viewId} is not open for ${target.user}`);
      }
      const found = findElement(view.blocks, target.actionId, target.blockId);
      if (!found) throw new Error(`View ${view.id} has no element with ${describe}`);
      return { kind: 'view', view, found };
    }
    if (target.messageTs === undefined) throw new Error('Pass messageTs or viewId');
    const channel = target.channel ? this.state.resolveChannel(target.channel) : undefined;
    const message = channel
      ? this.state.findMessage(channel.id, target.messageTs)
      : this.state.findMessageAnywhere(target.messageTs);
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
    located: ReturnType<SlackEmulator['locate']>,
    input: UserInputValue | undefined,
    tweaks: DeliveryTweaks,
  ): Promise<DeliveryResult> {
    const trigger_id = this.state.issueTrigger(user);
    const action = actionPayload(located.found, this.state.nextTs(), input);
    const common = {
      user: this.payloadUser(user),
      api_app_id: this.state.identity.appId,
      trigger_id,
      team: this.team(),
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
        view: this.state.viewJson(view),
        state: view.state,
      });
      const result = await this.deliverPayload(payload, 'interaction', tweaks);
      return { ...result, trigger_id };
    }
    const { message } = located;
    const channel = this.state.channels.get(message.channel);
    const response_url = this.state.issueResponseUrl(this.url, {
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
      : { ...withoutMessage, message: this.state.messageJson(message) };
    const result = await this.deliverPayload(payload, 'interaction', tweaks);
    return { ...result, trigger_id, response_url };
  }

  /** The user clicks a button in a message (`messageTs`) or a view (`viewId`). */
  async clickButton(input: ClickInput): Promise<DeliveryResult> {
    this.user(input.user);
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
    this.user(input.user);
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
      this.state.changed(
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
    const viewId = input.viewId ?? this.requireTopModal(input.user).id;
    return this.selectOption({ ...input, viewId });
  }

  private requireTopModal(user: string): StoredView {
    const top = this.state.topModal(user);
    if (!top) throw new Error(`${user} has no open modal`);
    return top;
  }

  private modalFor(user: string, viewId?: string): StoredView {
    if (viewId === undefined) return this.requireTopModal(user);
    const view = this.state.modals.get(user)?.find((v) => v.id === viewId);
    if (!view) throw new Error(`View ${viewId} is not in ${user}'s modal stack`);
    return view;
  }

  /** Removes `view` (and any view above it) from the user's stack. */
  private popTo(user: string, view: StoredView): void {
    const stack = this.state.modals.get(user) ?? [];
    const index = stack.indexOf(view);
    const remaining = index >= 0 ? stack.slice(0, index) : stack;
    if (remaining.length === 0) this.state.modals.delete(user);
    else this.state.modals.set(user, remaining);
    this.state.changed({ kind: 'view', ref: view.id, user });
  }

  /** The user presses the modal's submit button. The bot's ack drives the modal stack. */
  async submitView(input: SubmitInput): Promise<DeliveryResult> {
    const view = this.modalFor(input.user, input.viewId);
    for (const [actionId, value] of Object.entries(input.values ?? {})) {
      const found = findElement(view.blocks, actionId);
      if (!found) throw new Error(`View ${view.id} has no element with action_id "${actionId}"`);
      setStateValue(view.state.values, found, valueForElement(found.element, value));
    }
    if (input.stateValues) view.state.values = structuredClone(input.stateValues);
    delete view.errors; // Slack clears previous errors when the user submits again
    const trigger_id = this.state.issueTrigger(input.user);
    const payload = viewSubmissionPayload({
      team: this.team(),
      user: this.payloadUser(input.user),
      api_app_id: this.state.identity.appId,
      trigger_id,
      view: this.state.viewJson(view),
      response_urls: [],
    });
    const result = await this.deliverPayload(payload, 'interaction', input);
    const ackProblems =
      result.status === 200 ? this.applyViewAck(input.user, view, result.body) : [];
    return { ...result, trigger_id, ...(ackProblems.length > 0 ? { ackProblems } : {}) };
  }

  /** Applies a view_submission ack like Slack: errors / update / push / clear, or close. */
  private applyViewAck(user: string, view: StoredView, body: unknown): string[] {
    const ack = typeof body === 'object' && body !== null ? (body as JsonObject) : {};
    switch (ack.response_action) {
      case 'errors': {
        const errors = (ack.errors ?? {}) as Record<string, string>;
        const inputBlocks = new Set(
          view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id),
        );
        const unknown = Object.keys(errors).filter((id) => !inputBlocks.has(id));
        view.errors = errors;
        this.state.changed({ kind: 'view', ref: view.id, user });
        return unknown.map(
          (id) => `[ERROR] errors refers to "${id}", which is not an input block in the view`,
        );
      }
      case 'update': {
        const problems = validateView(ack.view, 'modal');
        if (problems.length > 0) return problems;
        this.state.replaceView(view, ack.view as JsonObject);
        this.state.changed({ kind: 'view', ref: view.id, user });
        return [];
      }
      case 'push': {
        const problems = validateView(ack.view, 'modal');
        const stack = this.state.modals.get(user) ?? [];
        if (stack.length >= LIMITS.modalStack) problems.push('[ERROR] push_limit_reached');
        if (problems.length > 0) return problems;
        const root = stack[0] ?? view;
        const pushed = this.state.createView(user, ack.view as JsonObject, {
          previousViewId: view.id,
          rootViewId: root.id,
        });
        this.state.modals.set(user, [...stack, pushed]);
        this.state.changed({ kind: 'view', ref: pushed.id, user });
        return [];
      }
      case 'clear':
        this.state.modals.delete(user);
        this.state.changed({ kind: 'view', ref: view.id, user });
        return [];
      case undefined:
        this.popTo(user, view);
        return [];
      default:
        return [`[ERROR] unknown response_action "${String(ack.response_action)}"`];
    }
  }

  /**
   * The user closes the modal (X / Cancel). The stack is updated; view_closed is only delivered
   * when the view asked for notify_on_close (otherwise resolves undefined).
   */
  async closeView(input: CloseInput): Promise<DeliveryResult | undefined> {
    const view = this.modalFor(input.user, input.viewId);
    const isCleared = view.clear_on_close;
    const snapshot = this.state.viewJson(view);
    if (isCleared) {
      this.state.modals.delete(input.user);
      this.state.changed({ kind: 'view', ref: view.id, user: input.user });
    } else {
      this.popTo(input.user, view);
    }
    if (!view.notify_on_close) return undefined;
    const payload = viewClosedPayload({
      team: this.team(),
      user: this.payloadUser(input.user),
      api_app_id: this.state.identity.appId,
      view: snapshot,
      is_cleared: isCleared,
    });
    return this.deliverPayload(payload, 'interaction', input);
  }

  private envelope(
    event: JsonObject & { type: string },
    overrides: Partial<EventCallbackEnvelope> = {},
  ): EventCallbackEnvelope {
    const { identity } = this.state;
    return eventCallback(event, {
      team_id: identity.teamId,
      api_app_id: identity.appId,
      event_time: Math.floor(this.now() / 1000),
      authorizations: [
        {
          enterprise_id: null,
          team_id: identity.teamId,
          user_id: identity.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      ...overrides,
    });
  }

  /** Delivers any Events API event wrapped in an event_callback envelope. */
  async sendEvent(
    event: JsonObject & { type: string },
    tweaks: DeliveryTweaks = {},
  ): Promise<DeliveryResult> {
    const withTs = { event_ts: this.state.nextTs(), ...event };
    return this.deliverPayload(this.envelope(withTs), 'json', tweaks);
  }

  /** The user writes to the bot in their DM (message.im); the message is stored as theirs. */
  async sendDm(input: DmInput): Promise<DeliveryResult> {
    const user = this.user(input.user);
    const dm = this.state.ensureDm(user.id);
    const ts = this.state.nextTs();
    this.state.addMessage({
      channel: dm.id,
      ts,
      user: user.id,
      text: input.text,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      source: 'user',
      state: {},
    });
    const event = messageImEvent({
      channel: dm.id,
      user: user.id,
      text: input.text,
      ts,
      event_ts: ts,
      team: this.state.identity.teamId,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    });
    return this.deliverPayload(
      this.envelope(event as JsonObject & { type: string }),
      'json',
      input,
    );
  }

  /**
   * A person writes in a channel. The message is stored and shown; nothing is delivered, because
   * the app does not subscribe to channel messages (only message.im, see `sendDm`).
   */
  postUserMessage(input: ChannelMessageInput): StoredMessage {
    const user = this.user(input.user);
    const channel = this.state.resolveChannel(input.channel);
    if (!channel || channel.is_im) throw new Error(`Unknown channel ${input.channel}`);
    if (channel.is_archived) throw new Error(`Channel ${channel.id} is archived`);
    if (!channel.members.includes(user.id))
      throw new Error(`${user.id} is not a member of ${channel.id}`);
    return this.state.addMessage({
      channel: channel.id,
      ts: this.state.nextTs(),
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
    const user = this.user(input.user);
    const dm = this.state.ensureDm(user.id);
    const home = this.state.homes.get(user.id);
    const event = appHomeOpenedEvent({
      user: user.id,
      channel: dm.id,
      tab: input.tab ?? 'home',
      event_ts: this.state.nextTs(),
      ...(home ? { view: this.state.viewJson(home) } : {}),
    });
    return this.deliverPayload(
      this.envelope(event as JsonObject & { type: string }),
      'json',
      input,
    );
  }

  /** app_uninstalled; afterwards the bot token is revoked (Web API → token_revoked). */
  async sendAppUninstalled(tweaks: DeliveryTweaks = {}): Promise<DeliveryResult> {
    this.state.tokenRevoked = true;
    const event = appUninstalledEvent({ event_ts: this.state.nextTs() });
    return this.deliverPayload(
      this.envelope(event as JsonObject & { type: string }),
      'json',
      tweaks,
    );
  }

  /** tokens_revoked for the bot token; afterwards Web API calls fail with token_revoked. */
  async sendTokensRevoked(tweaks: DeliveryTweaks = {}): Promise<DeliveryResult> {
    this.state.tokenRevoked = true;
    const event = tokensRevokedEvent({
      tokens: { oauth: [], bot: [this.state.identity.botUserId] },
      event_ts: this.state.nextTs(),
    });
    return this.deliverPayload(
      this.envelope(event as JsonObject & { type: string }),
      'json',
      tweaks,
    );
  }

  /** Slack's Request URL check; the bot must echo the challenge. */
  async sendUrlVerification(challenge?: string): Promise<DeliveryResult> {
    return this.deliverPayload(urlVerificationPayload(challenge), 'json', {});
  }
}

/** The HTTP status an injected fault is served with. */
function faultStatus(method: string, fault: Fault): number {
  if (fault === 'ratelimited') return 429;
  if (fault === 'internal_error') return 500;
  // The Web API says no in its JSON; a response_url says no with its status, like this
  // emulator's own response_url refusals.
  if (method !== RESPONSE_URL_METHOD) return 200;
  return /^(expired|used)_url$/.test(fault) ? 404 : 400;
}
