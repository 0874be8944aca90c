import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';

const BOT_TOKEN = 'xoxb-test-token';
const emu = new SlackEmulator({ signingSecret: 'test-signing-secret', botToken: BOT_TOKEN });

beforeAll(async () => {
  await emu.start();
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(() => {
  emu.clearFaults();
});

/** One raw Web API call, as Slack's HTTP API sees it. */
function call(method: string, args: Record<string, unknown>, signal?: AbortSignal) {
  return fetch(`${emu.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
    ...(signal ? { signal } : {}),
  });
}

describe('faults Slack really serves', () => {
  it('answers a 429 with the Retry-After asked for, capped at 60 s', async () => {
    emu.failNext('chat.postMessage', 'ratelimited', { retryAfter: 30 });
    emu.failNext('chat.postMessage', 'ratelimited', { retryAfter: 600 });
    const first = await call('chat.postMessage', { channel: 'C0GENERAL', text: 'hi' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('30');
    const second = await call('chat.postMessage', { channel: 'C0GENERAL', text: 'hi' });
    expect(second.headers.get('retry-after')).toBe('60');
  });

  it('can hold a connection open and never answer it (stall)', async () => {
    emu.failNext('chat.update', 'stall');
    const outcome = await call('chat.update', {}, AbortSignal.timeout(300)).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    expect(outcome).toBe('TimeoutError');
    expect(emu.calls.at(-1)?.error).toBe('stall');
  });
});

describe('scopes, as Slack checks them', () => {
  const scoped = (scopes: string[]) =>
    new SlackEmulator({ signingSecret: 's', botToken: BOT_TOKEN, scopes });

  async function callOn(e: SlackEmulator, method: string, args: Record<string, unknown>) {
    await e.start();
    try {
      const res = await fetch(`${e.apiUrl}${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      return (await res.json()) as { ok: boolean; error?: string; needed?: string };
    } finally {
      await e.stop();
    }
  }

  it('answers missing_scope for a method the scopes do not cover, naming what is needed', async () => {
    const answer = await callOn(scoped(['chat:write']), 'users.info', { user: 'U0ALICE' });
    expect(answer).toMatchObject({ ok: false, error: 'missing_scope', needed: 'users:read' });
  });

  it("grants manifest.json's scopes by default", async () => {
    const answer = await call('users.info', { user: 'U0ALICE' });
    expect(((await answer.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('posts into a public channel the bot is not in only with chat:write.public', async () => {
    const args = { channel: 'C0RANDOM', text: 'hi' };
    expect(await callOn(scoped(['chat:write']), 'chat.postMessage', args)).toMatchObject({
      ok: false,
      error: 'not_in_channel',
    });
    expect(
      await callOn(scoped(['chat:write', 'chat:write.public']), 'chat.postMessage', args),
    ).toMatchObject({ ok: true });
  });
});
