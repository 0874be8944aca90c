/**
 * SlackEmulator plays Slack for the bot over real HTTP on loopback. This class is the facade that
 * tests, the playground and the benchmark hold: it owns the workspace state and wires the parts,
 * each in its own file, and every public method below hands straight to one of them:
 * - `web-api-server.ts`: the HTTP server for the Web API (`POST {url}/api/<method>`), the
 *   response_urls it hands out, `GET /state` and the Socket Mode upgrade;
 * - `delivery.ts`: slash commands, interactions and Events API callbacks to the bot's Bolt
 *   endpoint, signed over HTTP or (with `transport: 'socket'`) as Socket Mode envelopes;
 * - `user-actions.ts`, `view-actions.ts`: what a person in Slack does (commands, clicks, selects,
 *   DMs, Home; submitting and closing modals), applying the bot's ack the way Slack does;
 * - `app-events.ts`: the events nobody triggers (app_uninstalled, tokens_revoked, ...);
 * - `state.ts`, `waiting.ts`, `faults.ts`: the workspace (read through the methods below), waiting
 *   for it to change, and the failures tests inject; `options.ts`: the options and their defaults.
 * State is plain JSON (see `snapshot()`), and every change emits `change`.
 */
import type { ActionContext } from './action-context.ts';
import { AppEvents } from './app-events.ts';
import { Delivery, type DeliveryTweaks, type RawDelivery, type Transport } from './delivery.ts';
import { FaultInjector, type FaultOptions } from './faults.ts';
import { distributed, type OAuthServer } from './oauth.ts';
import { type SlackEmulatorOptions, workspaceState } from './options.ts';
import { SocketModeServer } from './socket-mode.ts';
import type { EmulatorState } from './state.ts';
import type {
  ApiCall,
  ChangeEvent,
  DeliveryResult,
  EmulatedChannel,
  EmulatorSnapshot,
  Fault,
  JsonObject,
  LateAck,
  StoredMessage,
  StoredView,
} from './types.ts';
import {
  type ChannelMessageInput,
  type ClickInput,
  type CommandInput,
  type DmInput,
  type SelectInput,
  UserActions,
} from './user-actions.ts';
import { type CloseInput, type SubmitInput, ViewActions } from './view-actions.ts';
import { waitForCall, waitForState } from './waiting.ts';
import { type ExtraRoute, WebApiServer } from './web-api-server.ts';
import type { Workspaces } from './workspaces.ts';

export type { DeliveryTweaks, RawDelivery, Transport } from './delivery.ts';
export type { SlackEmulatorOptions } from './options.ts';
export type {
  ChannelMessageInput,
  ClickInput,
  CommandInput,
  DmInput,
  InteractionTarget,
  SelectInput,
} from './user-actions.ts';
export type { CloseInput, SubmitInput } from './view-actions.ts';
export type { ExtraRoute } from './web-api-server.ts';

export class SlackEmulator {
  readonly state: EmulatorState;
  /** Set when the emulator was given `oauth`: its workspaces, orgs and installations' tokens. */
  readonly workspaces: Workspaces | undefined;
  readonly oauth: OAuthServer | undefined;

  private readonly socketMode: SocketModeServer;
  private readonly faults = new FaultInjector();
  private readonly server: WebApiServer;
  private readonly delivery: Delivery;
  private readonly userActions: UserActions;
  private readonly viewActions: ViewActions;
  private readonly appEvents: AppEvents;

  constructor(options: SlackEmulatorOptions) {
    const now = options.now ?? Date.now;
    this.state = workspaceState(options, now);
    this.socketMode = new SocketModeServer(this.state.identity.appId);
    ({ workspaces: this.workspaces, oauth: this.oauth } = distributed(options, this.state, now));
    this.server = new WebApiServer({
      ...(this.workspaces && this.oauth
        ? { workspaces: { workspaces: this.workspaces, oauth: this.oauth } }
        : {}),
      state: this.state,
      socketMode: this.socketMode,
      faults: this.faults,
      botToken: options.botToken,
      appToken: options.appToken,
      now,
      maxCalls: options.maxCalls ?? Number.POSITIVE_INFINITY,
      latencyMs: options.latencyMs ?? 0,
    });
    this.delivery = new Delivery({
      state: this.state,
      socketMode: this.socketMode,
      signingSecret: options.signingSecret,
      signingNow: options.signingNow ?? now,
      agent: options.deliveryAgent,
      botUrl: options.botUrl,
      transport: options.transport ?? 'http',
      ...(options.ackDeadlineMs !== undefined ? { ackDeadlineMs: options.ackDeadlineMs } : {}),
    });
    const context: ActionContext = {
      state: this.state,
      delivery: this.delivery,
      baseUrl: () => this.server.url,
      now,
    };
    this.userActions = new UserActions(context);
    this.viewActions = new ViewActions(context);
    this.appEvents = new AppEvents(context);
    const oauth = this.oauth;
    if (oauth) this.server.use((req, res, url) => oauth.route(req, res, url));
  }

  // --- Lifecycle ---------------------------------------------------------------------------------

  /** Base URL, e.g. `http://127.0.0.1:53211`. The bot's slackApiUrl is `${url}/api/`. */
  get url(): string {
    return this.server.url;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** Delay before answering each Web API / response_url call. */
  get latencyMs(): number {
    return this.server.latencyMs;
  }

  set latencyMs(ms: number) {
    this.server.latencyMs = ms;
  }

  /** Listens on `host` (loopback by default: nothing here is meant for the network). */
  start(port = 0, host = '127.0.0.1'): Promise<string> {
    return this.server.start(port, host);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Serves an extra route on the emulator's port, tried before the emulator's own routes. */
  use(route: ExtraRoute): this {
    this.server.use(route);
    return this;
  }

  /** Where deliveries go, e.g. `http://127.0.0.1:3000/slack/events`. */
  setBotUrl(url: string): void {
    this.delivery.botUrl = url;
  }

  /** Switches how deliveries reach the bot (see `SlackEmulatorOptions.transport`). */
  setTransport(transport: Transport): void {
    this.delivery.transport = transport;
  }

  /** Open Socket Mode connections. */
  get socketConnections(): number {
    return this.socketMode.connections;
  }

  /** Sends Socket Mode's `disconnect` to every connection: the bot should reconnect. */
  requestSocketReconnect(reason = 'refresh_requested'): void {
    this.socketMode.disconnectAll(reason);
  }

  /** Forget messages, views, calls, triggers, faults and late acks; keep users and channels. */
  reset(): void {
    this.faults.clear();
    this.delivery.lateAcks.length = 0;
    this.server.resetCallSeq();
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

  // --- Reading state -----------------------------------------------------------------------------

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
    return waitForCall(this.state, method, predicate, timeoutMs, fromSeq);
  }

  /** Resolves with the first truthy result of `check`, re-evaluated on every state change. */
  waitFor<T>(
    check: () => T | undefined | null | false,
    timeoutMs = 2_000,
    describe: () => string = () => `Timed out after ${timeoutMs} ms`,
  ): Promise<T> {
    return waitForState(this.state, check, timeoutMs, describe);
  }

  // --- Fault injection (faults.ts) ---------------------------------------------------------------

  /**
   * The next `times` calls to `method` (or `'*'` for any, `'response_url'` for response URLs) fail:
   * 'ratelimited' → 429 + Retry-After (`retryAfter` seconds, default 1, at most 60);
   * 'internal_error' → 500; 'network' → socket destroyed; 'stall' → the connection is held open
   * and never answered; any other string → HTTP 200 `{ok:false,error}`.
   */
  failNext(method: string, fault: Fault, options: FaultOptions = {}): void {
    this.faults.failNext(method, fault, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // --- Delivery to the bot (delivery.ts) ---------------------------------------------------------

  /** How long the bot has to ack a delivery (default 3000 ms, Slack's). */
  get ackDeadlineMs(): number {
    return this.delivery.ackDeadlineMs;
  }

  set ackDeadlineMs(ms: number) {
    this.delivery.ackDeadlineMs = ms;
  }

  /** Deliveries the bot acked after Slack's 3 s (or never), oldest first; each failed in Slack. */
  get lateAcks(): readonly LateAck[] {
    return this.delivery.lateAcks;
  }

  /** POSTs a body to the bot, signed like Slack signs it, and returns the bot's answer. */
  deliverRaw(delivery: RawDelivery): Promise<Omit<DeliveryResult, 'sent'>> {
    return this.delivery.deliverRaw(delivery);
  }

  // --- User actions (user-actions.ts, view-actions.ts) -------------------------------------------

  /** A slash command typed by `user` in `channel`. An ack body becomes the reply, like in Slack. */
  sendCommand(input: CommandInput): Promise<DeliveryResult> {
    return this.userActions.sendCommand(input);
  }

  /** The user clicks a button in a message (`messageTs`) or a view (`viewId`). */
  clickButton(input: ClickInput): Promise<DeliveryResult> {
    return this.userActions.clickButton(input);
  }

  /**
   * The user picks/types a value in a select, checkbox group, picker or input, in a message or a
   * view. State is updated like Slack does; block_actions is sent when Slack would send it (always
   * outside input blocks, inside input blocks only with dispatch_action). Returns undefined when
   * nothing was sent.
   */
  selectOption(input: SelectInput): Promise<DeliveryResult | undefined> {
    return this.userActions.selectOption(input);
  }

  /** `selectOption` inside a view; `viewId` defaults to the user's top modal. */
  selectInView(
    input: Omit<SelectInput, 'messageTs' | 'channel'>,
  ): Promise<DeliveryResult | undefined> {
    return this.userActions.selectInView(input);
  }

  /** The user presses the modal's submit button. The bot's ack drives the modal stack. */
  submitView(input: SubmitInput): Promise<DeliveryResult> {
    return this.viewActions.submitView(input);
  }

  /**
   * The user closes the modal (X / Cancel). The stack is updated; view_closed is only delivered
   * when the view asked for notify_on_close (otherwise resolves undefined).
   */
  closeView(input: CloseInput): Promise<DeliveryResult | undefined> {
    return this.viewActions.closeView(input);
  }

  /** The user writes to the bot in their DM (message.im); the message is stored as theirs. */
  sendDm(input: DmInput): Promise<DeliveryResult> {
    return this.userActions.sendDm(input);
  }

  /**
   * A person writes in a channel. The message is stored and shown; nothing is delivered, because
   * the app does not subscribe to channel messages (only message.im, see `sendDm`).
   */
  postUserMessage(input: ChannelMessageInput): StoredMessage {
    return this.userActions.postUserMessage(input);
  }

  /** The user opens the app's Home tab (app_home_opened, with the published view if any). */
  openAppHome(
    input: { user: string; tab?: 'home' | 'messages' } & DeliveryTweaks,
  ): Promise<DeliveryResult> {
    return this.userActions.openAppHome(input);
  }

  // --- Events nobody triggers (app-events.ts) ----------------------------------------------------

  /** Delivers any Events API event wrapped in an event_callback envelope. */
  sendEvent(
    event: JsonObject & { type: string },
    tweaks: DeliveryTweaks = {},
  ): Promise<DeliveryResult> {
    return this.appEvents.sendEvent(event, tweaks);
  }

  /** app_uninstalled; afterwards the bot token is revoked (Web API → token_revoked). */
  sendAppUninstalled(tweaks: DeliveryTweaks = {}): Promise<DeliveryResult> {
    return this.appEvents.sendAppUninstalled(tweaks);
  }

  /** tokens_revoked for the bot token; afterwards Web API calls fail with token_revoked. */
  sendTokensRevoked(tweaks: DeliveryTweaks = {}): Promise<DeliveryResult> {
    return this.appEvents.sendTokensRevoked(tweaks);
  }

  /** The user changes their Slack time zone: users.info follows, user_change is delivered. */
  changeTimeZone(
    input: { user: string; tz: string; tzOffsetSeconds?: number } & DeliveryTweaks,
  ): Promise<DeliveryResult> {
    return this.appEvents.changeTimeZone(input);
  }

  /** Slack's Request URL check; the bot must echo the challenge. */
  sendUrlVerification(challenge?: string): Promise<DeliveryResult> {
    return this.appEvents.sendUrlVerification(challenge);
  }
}
