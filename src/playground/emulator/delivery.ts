/**
 * Delivery to the bot: everything Slack sends *out* to the app. A payload (slash command form,
 * interaction, or Events API JSON) goes either as a signed HTTP POST to the bot's Request URL, or,
 * with the `socket` transport, as a Socket Mode envelope over the connection the bot opened
 * (`socket-mode.ts`). Either way the caller gets back the bot's ack as a `DeliveryResult`, which the
 * user actions then apply the way Slack does. `deliverRaw` posts any body, signed or not, for
 * tests that forge requests.
 *
 * Slack gives the bot 3 s to ack (`ackDeadlineMs`). A later ack is a failure: the result says
 * `late: true`, the ack is listed in `lateAcks`, the user actions ignore its body and show Slack's
 * failure instead, and an Events API delivery gets Slack's first retry at once (retry 1,
 * `http_timeout`; Slack's later retries, a minute and five minutes on, are not sent). Otherwise
 * nothing retries: a test that wants Slack's retry sends the same payload again with the
 * `x-slack-retry-*` headers (which become `retry_attempt` / `retry_reason` over a socket).
 */
import type { Agent } from 'node:http';
import { parseResponseBody, post } from './http.ts';
import { encodeForm, encodeInteraction } from './payloads.ts';
import { signRequest } from './signing.ts';
import type { EnvelopeType, SocketModeServer } from './socket-mode.ts';
import type { EmulatorState } from './state.ts';
import type { DeliveryResult, JsonObject, LateAck } from './types.ts';

/** Slack's deadline for an ack: https://docs.slack.dev/interactivity/handling-user-interaction */
export const SLACK_ACK_DEADLINE_MS = 3_000;

export type Transport = 'http' | 'socket';

/** How a payload is encoded: a slash command form, an interaction (`payload=`), or JSON. */
export type Encoding = 'form' | 'interaction' | 'json';

/** Per-delivery escape hatches so tests can forge odd or bad requests. */
export interface DeliveryTweaks {
  /** Merged over the top level of the payload before it is encoded and signed. */
  overrides?: JsonObject;
  /** Added to / replacing the HTTP headers after signing; `undefined` removes a header. */
  headers?: Record<string, string | undefined>;
}

export interface RawDelivery {
  body: string;
  contentType?: string;
  headers?: Record<string, string | undefined>;
  /** Sign the body with the emulator's secret (default true). */
  sign?: boolean;
}

export interface DeliveryOptions {
  state: EmulatorState;
  socketMode: SocketModeServer;
  signingSecret: string;
  /** Clock for request signatures (Bolt refuses timestamps more than five minutes old). */
  signingNow: () => number;
  /** HTTP agent for POSTs to the bot; undefined: a fresh connection each. */
  agent: Agent | undefined;
  botUrl: string | undefined;
  transport: Transport;
  /** Default `SLACK_ACK_DEADLINE_MS`. */
  ackDeadlineMs?: number;
}

export class Delivery {
  /** Where HTTP deliveries go, e.g. `http://127.0.0.1:3000/slack/events`. */
  botUrl: string | undefined;
  transport: Transport;
  /** Every delivery the bot acked after the deadline (or never acked), oldest first. */
  readonly lateAcks: LateAck[] = [];

  /** How long the bot has to ack, wall clock (Slack: 3 s). */
  ackDeadlineMs: number;
  private readonly state: EmulatorState;
  private readonly socketMode: SocketModeServer;
  private readonly signingSecret: string;
  private readonly signingNow: () => number;
  private readonly agent: Agent | undefined;

  constructor(options: DeliveryOptions) {
    this.state = options.state;
    this.socketMode = options.socketMode;
    this.signingSecret = options.signingSecret;
    this.signingNow = options.signingNow;
    this.agent = options.agent;
    this.botUrl = options.botUrl;
    this.transport = options.transport;
    this.ackDeadlineMs = options.ackDeadlineMs ?? SLACK_ACK_DEADLINE_MS;
  }

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
    const result = await post(this.botUrl, delivery.body, headers, undefined, this.agent);
    this.state.changed({ kind: 'delivery' });
    return { status: result.status, body: parseResponseBody(result), headers: result.headers };
  }

  /** Sends a payload over the current transport; `sent` is the payload after `overrides`. */
  async deliverPayload(
    payload: object,
    encoding: Encoding,
    tweaks: DeliveryTweaks,
  ): Promise<DeliveryResult> {
    const started = performance.now();
    const result = await this.deliverOnce(payload, encoding, tweaks);
    const ackMs = Math.round(performance.now() - started);
    if (ackMs <= this.ackDeadlineMs && result.status !== 0) return { ...result, ackMs };
    this.lateAcks.push({ what: deliveryKind(result.sent, encoding), ackMs });
    this.state.changed({ kind: 'delivery' });
    const late = { ...result, ackMs, late: true as const };
    const isRetry = tweaks.headers?.['x-slack-retry-num'] !== undefined;
    if (result.sent.type !== 'event_callback' || isRetry) return late;
    const retry = await this.deliverPayload(payload, encoding, {
      ...tweaks,
      headers: {
        ...tweaks.headers,
        'x-slack-retry-num': '1',
        'x-slack-retry-reason': 'http_timeout',
      },
    });
    return { ...late, retry };
  }

  private async deliverOnce(
    payload: object,
    encoding: Encoding,
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
    encoding: Encoding,
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
}

/** What a delivery was, for `lateAcks`: the command, interaction or event type. */
function deliveryKind(sent: JsonObject, encoding: Encoding): string {
  if (encoding === 'form') return 'slash_command';
  const event = sent.event as JsonObject | undefined;
  const type = String(sent.type ?? 'unknown');
  return typeof event?.type === 'string' ? `${type}/${event.type}` : type;
}
