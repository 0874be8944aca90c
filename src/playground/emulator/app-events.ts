/**
 * Events API deliveries no person triggers: any event a test wants to send, the app's lifecycle
 * (app_uninstalled, tokens_revoked: afterwards the Web API answers token_revoked) and Slack's
 * Request URL check (url_verification). Also the event_callback envelope every Events API event
 * travels in, which the user actions that become events (DMs, opening Home) use too.
 */
import type { ActionContext } from './action-context.ts';
import type { DeliveryTweaks } from './delivery.ts';
import {
  appUninstalledEvent,
  type EventCallbackEnvelope,
  eventCallback,
  tokensRevokedEvent,
  urlVerificationPayload,
} from './payloads.ts';
import type { EmulatorState } from './state.ts';
import type { DeliveryResult, JsonObject } from './types.ts';
import { userJson } from './web-api.ts';

/** Wraps an event in event_callback, authorized for the bot user, like Slack does. */
export function eventEnvelope(
  state: EmulatorState,
  now: () => number,
  event: JsonObject & { type: string },
): EventCallbackEnvelope {
  const { identity } = state;
  return eventCallback(event, {
    team_id: identity.teamId,
    api_app_id: identity.appId,
    event_time: Math.floor(now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: identity.teamId,
        user_id: identity.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
  });
}

export class AppEvents {
  constructor(private readonly ctx: ActionContext) {}

  /** Delivers an event in its envelope as Events API JSON. */
  private deliverEvent(event: object, tweaks: DeliveryTweaks): Promise<DeliveryResult> {
    const { state, now, delivery } = this.ctx;
    const envelope = eventEnvelope(state, now, event as JsonObject & { type: string });
    return delivery.deliverPayload(envelope, 'json', tweaks);
  }

  /** Delivers any Events API event wrapped in an event_callback envelope. */
  async sendEvent(
    event: JsonObject & { type: string },
    tweaks: DeliveryTweaks = {},
  ): Promise<DeliveryResult> {
    const withTs = { event_ts: this.ctx.state.nextTs(), ...event };
    return this.deliverEvent(withTs, tweaks);
  }

  /** app_uninstalled; afterwards the bot token is revoked (Web API → token_revoked). */
  async sendAppUninstalled(tweaks: DeliveryTweaks = {}): Promise<DeliveryResult> {
    const { state } = this.ctx;
    state.tokenRevoked = true;
    return this.deliverEvent(appUninstalledEvent({ event_ts: state.nextTs() }), tweaks);
  }

  /** tokens_revoked for the bot token; afterwards Web API calls fail with token_revoked. */
  async sendTokensRevoked(tweaks: DeliveryTweaks = {}): Promise<DeliveryResult> {
    const { state } = this.ctx;
    state.tokenRevoked = true;
    const event = tokensRevokedEvent({
      tokens: { oauth: [], bot: [state.identity.botUserId] },
      event_ts: state.nextTs(),
    });
    return this.deliverEvent(event, tweaks);
  }

  /**
   * The user picks another time zone in Slack: users.info answers with it from now on, and
   * user_change is delivered with the whole user object, as Slack does for any profile change.
   */
  async changeTimeZone(
    input: { user: string; tz: string; tzOffsetSeconds?: number } & DeliveryTweaks,
  ): Promise<DeliveryResult> {
    const { state } = this.ctx;
    const user = state.users.get(input.user);
    if (!user) throw new Error(`Unknown user ${input.user}`);
    user.tz = input.tz;
    user.tz_label = input.tz;
    user.tz_offset = input.tzOffsetSeconds ?? 0;
    const event = { type: 'user_change', user: userJson(user, state.identity.teamId) };
    return this.deliverEvent({ ...event, event_ts: state.nextTs(), cache_ts: 0 }, input);
  }

  /** Slack's Request URL check; the bot must echo the challenge. */
  async sendUrlVerification(challenge?: string): Promise<DeliveryResult> {
    return this.ctx.delivery.deliverPayload(urlVerificationPayload(challenge), 'json', {});
  }
}
