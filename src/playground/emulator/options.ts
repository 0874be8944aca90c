/**
 * How a SlackEmulator is configured (`SlackEmulatorOptions`), and the workspace the options
 * describe: team, bot and app ids, users and channels, each falling back to `defaults.ts`.
 */
import type { Agent } from 'node:http';
import {
  type ChannelInput,
  DEFAULT_APP_ID,
  DEFAULT_BOT_ID,
  DEFAULT_BOT_USER_ID,
  DEFAULT_TEAM_DOMAIN,
  DEFAULT_TEAM_ID,
  defaultChannels,
  defaultUsers,
  makeChannel,
  makeUser,
  type UserInput,
} from './defaults.ts';
import type { Transport } from './delivery.ts';
import type { OAuthClientSpec } from './oauth.ts';
import { EmulatorState } from './state.ts';
import type { OrgSpec, WorkspaceSpec } from './workspaces.ts';

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
   * How long the bot has to ack a delivery (wall clock), 3000 ms like Slack. A later ack counts as
   * no ack: the result says `late: true`, and Slack's consequence follows (see `delivery.ts`).
   */
  ackDeadlineMs?: number;
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
  /** The bot token's OAuth scopes (`missing_scope` outside them). Default: manifest.json's. */
  scopes?: string[];
  /**
   * An app distributed with OAuth: its client, and the workspaces and orgs it can be installed
   * in (see workspaces.ts, oauth.ts). The single `botToken` keeps working beside them.
   */
  oauth?: {
    client: OAuthClientSpec;
    workspaces: WorkspaceSpec[];
    orgs?: OrgSpec[];
  };
}

/** The workspace state the options describe, on the emulator clock `now`. */
export function workspaceState(options: SlackEmulatorOptions, now: () => number): EmulatorState {
  const botUserId = options.botUserId ?? DEFAULT_BOT_USER_ID;
  const users = (options.users ?? defaultUsers()).map(makeUser);
  const channels =
    options.channels?.map(makeChannel) ??
    defaultChannels(
      botUserId,
      users.map((u) => u.id),
    );
  const state = new EmulatorState(
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
    now,
  );
  if (options.scopes) state.botScopes = new Set(options.scopes);
  return state;
}
