import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/index.ts';
import { newSessionId } from '../../src/ids.ts';
import { loadContent } from '../../src/load-content.ts';
import { createLogger } from '../../src/logger.ts';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import { MemoryStore } from '../../src/store/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const APP_TOKEN = 'xapp-1-A0PLAYGND-1-socket';
const content = loadContent();

let emu: SlackEmulator;
let slack: SlackApp;
let healthUrl: string;
let logs: string;
let alice: DmDriver;

beforeEach(async () => {
  // No botUrl: there is nowhere to POST to, so every delivery must go over the socket. Logs at
  // debug, the most a deployment would use: the socket's frames (user answers) must not show.
  emu = new SlackEmulator({
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    transport: 'socket',
  });
  await emu.start();
  const stream = new PassThrough();
  logs = '';
  stream.on('data', (chunk: Buffer) => {
    logs += chunk.toString('utf8');
  });
  slack = createSlackApp({
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    apiUrl: emu.apiUrl,
    deps: {
      engine: new Engine(content),
      store: new MemoryStore({ maxUsers: 100, ttlMs: 86_400_000 }),
      logger: createLogger({ level: 'debug', destination: stream }),
      now: Date.now,
      newId: newSessionId,
    },
  });
  const server = await slack.start(0);
  if (!server) throw new Error('Socket Mode start() returned no health server');
  healthUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  alice = new DmDriver(emu, ALICE);
});

afterEach(async () => {
  await slack.stop();
  await emu.stop();
});

describe('SLACK_APP_TOKEN set: Socket Mode through the emulator', () => {
  it('connects with the app token at SLACK_API_URL and keeps the bot token for the Web API', async () => {
    const open = emu.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.ok).toBe(true);
    expect(emu.socketConnections).toBe(1);
  });

  it('runs a real exchange over the socket: command, click, DM', async () => {
    const command = await emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: '' });
    expect(command.status).toBe(200);
    const post = await emu.waitForCall('chat.postMessage', undefined, 3_000);
    // Posted to her user id: Slack puts it in her DM with the app and answers with the DM.
    expect(post.response?.channel).toMatch(/^D/);
    expect(alice.read()).toContain('Step 1 of 10');
    // The command's ack payload became the pointer only Alice sees in #general.
    const general = emu.messages('C0GENERAL');
    expect(general.filter((m) => !m.ephemeralFor)).toHaveLength(0);
    expect(general.some((m) => m.ephemeralFor === ALICE && /DM/.test(m.text))).toBe(true);

    await alice.choose(0);
    expect(alice.read()).toContain('Step 2 of 10');

    await alice.expectCall(() => emu.sendDm({ user: ALICE, text: 'help' }), 'chat.postMessage');
    expect(alice.read()).toMatch(/help|start/i);
  });

  it('a modal submitted over the socket is closed by its ack and its words reach the brief', async () => {
    await alice.expectCall(
      () => emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    await alice.finish({ words: ['Written in a modal over the socket.'] });
    expect(alice.read()).toContain('Your brief for the next 1:1');
    expect(alice.read()).toContain('Written in a modal over the socket.');
    expect(emu.modalStack(ALICE)).toHaveLength(0);
    expect(logs).not.toContain('Written in a modal over the socket.');
  });

  it('serves /healthz on the given port and nothing else: an unsigned POST is not processed', async () => {
    expect((await fetch(`${healthUrl}/healthz`)).status).toBe(200);
    const forged = await fetch(`${healthUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'command=%2Fcareer-path&user_id=U0ALICE&channel_id=C0GENERAL&text=',
    });
    expect(forged.status).toBe(404);
    await slack.idle();
    expect(emu.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('apps.connections.open refuses a bot token, like Slack', async () => {
    const res = await fetch(`${emu.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}` },
    });
    expect(await res.json()).toEqual({ ok: false, error: 'not_allowed_token_type' });
  });
});
