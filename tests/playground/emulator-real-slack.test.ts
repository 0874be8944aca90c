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
