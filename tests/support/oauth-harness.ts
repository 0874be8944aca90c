import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { Engine } from '../../src/engine/index.ts';
import { newSessionId } from '../../src/ids.ts';
import { loadContent } from '../../src/load-content.ts';
import { createLogger } from '../../src/logger.ts';
import { type DeliveryKind, SlackEmulator } from '../../src/playground/emulator/index.ts';
import type { ManualClock } from '../../src/scheduler/index.ts';
import { createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import type { SlackDeps } from '../../src/slack/deps.ts';
import {
  type InstallationStore,
  MemoryScheduleStore,
  MemoryStore,
  memoryInstallationStore,
  type ScheduleStore,
  type StateStore,
} from '../../src/store/index.ts';
import { SIGNING_SECRET } from './harness.ts';

export const CLIENT_ID = '1111111111.2222222222';
export const CLIENT_SECRET = 'c0ffee0123456789c0ffee0123456789';
export const STATE_SECRET = 'state-secret-of-at-least-sixteen';
export const SCOPES = ['commands', 'chat:write', 'im:write', 'im:history', 'users:read'];

/** Two workspaces (U0SAM is in both), one Enterprise Grid org of two, one that never installs. */
export const WORKSPACES = [
  { teamId: 'T0ALPHA', name: 'Alpha', users: ['U0ALICE', 'U0SAM'] },
  { teamId: 'T0BETA', name: 'Beta', users: ['U0BOB', 'U0SAM'] },
  { teamId: 'T0GRIDA', name: 'Grid A', enterpriseId: 'E0GRID', users: ['U0GINA', 'U0HANK'] },
  { teamId: 'T0GRIDB', name: 'Grid B', enterpriseId: 'E0GRID', users: ['U0GINA'] },
  { teamId: 'T0NEVER', name: 'Never', users: ['U0NOEL'] },
];
export const ORGS = [{ enterpriseId: 'E0GRID', name: 'Grid Org' }];

export interface OAuthBotOptions {
  installations?: InstallationStore;
  store?: StateStore;
  schedule?: ScheduleStore;
  clock?: ManualClock;
  /** The emulator's token lifetime: token rotation on. */
  tokenTtlMs?: number;
  /** SLACK_REDIRECT_URI: a path on the bot's own URL (the port is known only once it listens). */
  redirectUri?: string;
}

export interface OAuthBot {
  slack: SlackApp;
  deps: SlackDeps;
  installations: InstallationStore;
  botUrl: string;
  logs(): string;
  close(): Promise<void>;
}

const content = loadContent();

export async function startOAuthBot(
  emu: SlackEmulator,
  options: OAuthBotOptions = {},
): Promise<OAuthBot> {
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (chunk: Buffer) => {
    logged += chunk.toString('utf8');
  });
  const installations = options.installations ?? memoryInstallationStore(Buffer.alloc(32, 5));
  const clock = options.clock;
  const deps: SlackDeps = {
    engine: new Engine(content),
    store: options.store ?? new MemoryStore({ maxUsers: 1000, ttlMs: 86_400_000 }),
    schedule: options.schedule ?? new MemoryScheduleStore(),
    logger: createLogger({ level: 'trace', destination: stream }),
    now: clock ? () => clock.now() : Date.now,
    newId: newSessionId,
  };
  const slack = createSlackApp({
    oauth: {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      stateSecret: STATE_SECRET,
      scopes: SCOPES,
      installations,
      ...(options.redirectUri ? { redirectUri: options.redirectUri } : {}),
    },
    signingSecret: SIGNING_SECRET,
    apiUrl: emu.apiUrl,
    deps,
  });
  const server = await slack.start(0);
  if (!server) throw new Error('the HTTP receiver did not start');
  const botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (clock) slack.startCheckins({ clock, pollMs: 0 });
  return { slack, deps, installations, botUrl, logs: () => logged, close: () => slack.stop() };
}

export interface OAuthHarness extends OAuthBot {
  emu: SlackEmulator;
  /** The whole browser flow: install page → Slack's authorize page → the redirect. */
  install(target: { team?: string; enterprise?: string }): Promise<InstallResult>;
  /** Overrides that make a delivery come from this workspace. */
  from(team: string, kind: DeliveryKind, user?: string): Record<string, unknown>;
}

export interface InstallResult {
  status: number;
  page: string;
}

export function newOAuthEmulator(tokenTtlMs?: number): SlackEmulator {
  return new SlackEmulator({
    signingSecret: SIGNING_SECRET,
    botToken: 'xoxb-single-workspace-unused',
    oauth: {
      client: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        ...(tokenTtlMs ? { tokenTtlMs } : {}),
      },
      workspaces: WORKSPACES,
      orgs: ORGS,
    },
  });
}

/** Follows the install flow as a browser would, keeping the state cookie. */
export async function installThrough(
  botUrl: string,
  target: { team?: string; enterprise?: string },
): Promise<InstallResult> {
  const landing = await fetch(`${botUrl}/slack/install`);
  const html = await landing.text();
  const cookie = (landing.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const href = /href="([^"]+oauth\/v2\/authorize[^"]+)"/.exec(html)?.[1];
  if (!href) throw new Error(`no authorize link on the install page: ${landing.status}`);
  const authorize = new URL(href.replaceAll('&amp;', '&'));
  if (target.team) authorize.searchParams.set('team', target.team);
  if (target.enterprise) authorize.searchParams.set('enterprise', target.enterprise);
  const approved = await fetch(authorize, { redirect: 'manual' });
  const location = approved.headers.get('location');
  if (!location) throw new Error(`the authorize page did not redirect: ${approved.status}`);
  const back = await fetch(location, { headers: { cookie } });
  return { status: back.status, page: await back.text() };
}

export async function startOAuthHarness(options: OAuthBotOptions = {}): Promise<OAuthHarness> {
  const emu = newOAuthEmulator(options.tokenTtlMs);
  await emu.start();
  const bot = await startOAuthBot(emu, options);
  emu.setBotUrl(`${bot.botUrl}/slack/events`);
  if (emu.oauth) emu.oauth.client.redirectUri = `${bot.botUrl}/slack/oauth_redirect`;
  return {
    ...bot,
    emu,
    install: (target) => installThrough(bot.botUrl, target),
    from: (team, kind, user) => {
      if (!emu.workspaces) throw new Error('no workspaces');
      return emu.workspaces.overridesFor(team, kind, user);
    },
    async close() {
      await bot.close();
      await emu.stop();
    },
  };
}
