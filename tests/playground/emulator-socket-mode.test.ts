import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';

const APP_TOKEN = 'xapp-1-A0TEST-1-secret';
type Frame = Record<string, unknown> & { type?: string; envelope_id?: string; payload?: unknown };

let emu: SlackEmulator;
beforeEach(async () => {
  emu = new SlackEmulator({
    signingSecret: 'secret',
    botToken: 'xoxb-test',
    appToken: APP_TOKEN,
    transport: 'socket',
  });
  await emu.start();
});
afterEach(async () => {
  await emu.stop();
});

async function open(token = APP_TOKEN): Promise<{ ok: boolean; url?: string; error?: string }> {
  const res = await fetch(`${emu.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json()) as { ok: boolean; url?: string; error?: string };
}

/** A bare Socket Mode client: every frame it receives, in order. */
async function connect(
  url: string,
): Promise<{ ws: WebSocket; frames: Frame[]; next(): Promise<Frame> }> {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  const waiters: ((f: Frame) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else frames.push(frame);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    next: () => {
      const queued = frames.shift();
      return queued ? Promise.resolve(queued) : new Promise<Frame>((r) => waiters.push(r));
    },
  };
}

describe('emulator Socket Mode', () => {
  it('apps.connections.open wants the app-level token in the Authorization header', async () => {
    expect(await open('xoxb-test')).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await open('xapp-1-other')).toEqual({ ok: false, error: 'invalid_auth' });
    const form = await fetch(`${emu.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${APP_TOKEN}`,
    });
    expect(await form.json()).toEqual({ ok: false, error: 'not_authed' });
    const ok = await open();
    expect(ok.ok).toBe(true);
    expect(ok.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\?ticket=\w+/);
  });

  it('says hello, sends envelopes, and applies the ack payload like an HTTP ack body', async () => {
    const { url } = await open();
    const client = await connect(url as string);
    expect(await client.next()).toMatchObject({
      type: 'hello',
      num_connections: 1,
      connection_info: { app_id: expect.any(String) },
    });

    const delivery = emu.sendCommand({ user: 'U0ALICE', channel: 'C0GENERAL', text: 'hi' });
    const envelope = await client.next();
    expect(envelope).toMatchObject({
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { command: '/career-path', text: 'hi', user_id: 'U0ALICE' },
    });
    client.ws.send(
      JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: 'only you see this' } }),
    );
    const result = await delivery;
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ text: 'only you see this' });
    const pointer = emu.messages('C0GENERAL').find((m) => m.text === 'only you see this');
    expect(pointer?.ephemeralFor).toBe('U0ALICE');

    const dm = emu.sendDm({
      user: 'U0ALICE',
      text: 'help',
      headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'timeout' },
    });
    const event = await client.next();
    expect(event).toMatchObject({
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 2,
      retry_reason: 'timeout',
      payload: { type: 'event_callback', event: { type: 'message', text: 'help' } },
    });
    client.ws.send(JSON.stringify({ envelope_id: event.envelope_id, payload: {} }));
    expect((await dm).body).toBe('');

    emu.requestSocketReconnect('warning');
    expect(await client.next()).toMatchObject({ type: 'disconnect', reason: 'warning' });
    client.ws.close();
  });

  it('a ticket lets one connection in, once', async () => {
    const { url } = await open();
    const first = await connect(url as string);
    await expect(connect(url as string)).rejects.toThrow(/401/);
    await expect(
      connect(`${emu.url.replace('http', 'ws')}/socket-mode?ticket=nope`),
    ).rejects.toThrow(/401/);
    first.ws.close();
  });

  it('with no connection, a socket delivery fails loudly instead of going nowhere', async () => {
    await expect(emu.sendDm({ user: 'U0ALICE', text: 'hi' })).rejects.toThrow(/Socket Mode/);
  });
});
