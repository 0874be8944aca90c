import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { fetchWithin, httpFetch } from '../../src/slack/transport/http-fetch.ts';

const BOT_TOKEN = 'xoxb-test-token';
const emu = new SlackEmulator({ signingSecret: 'secret', botToken: BOT_TOKEN });
beforeAll(() => emu.start());
afterAll(() => emu.stop());

const client = (options: object = {}) =>
  new WebClient(BOT_TOKEN, {
    slackApiUrl: emu.apiUrl,
    fetch: httpFetch,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    ...options,
  });

describe('httpFetch as the Web API client transport', () => {
  it('sends the call and reads Slack’s answer', async () => {
    const posted = await client().chat.postMessage({
      channel: 'C0GENERAL',
      text: 'hello',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hello*' } }],
    });
    expect(posted.ok).toBe(true);
    expect(emu.messages('C0GENERAL').at(-1)).toMatchObject({ ts: posted.ts, text: 'hello' });
  });

  it('surfaces Slack errors, HTTP errors and dropped connections like fetch does', async () => {
    await expect(client().chat.postMessage({ channel: 'C0NOPE', text: 'x' })).rejects.toMatchObject(
      { code: ErrorCode.PlatformError, data: { error: 'channel_not_found' } },
    );
    emu.failNext('chat.postMessage', 'internal_error');
    await expect(
      client().chat.postMessage({ channel: 'C0GENERAL', text: 'x' }),
    ).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    emu.failNext('chat.postMessage', 'network');
    await expect(
      client().chat.postMessage({ channel: 'C0GENERAL', text: 'x' }),
    ).rejects.toMatchObject({ code: ErrorCode.RequestError });
    emu.failNext('chat.postMessage', 'ratelimited');
    await expect(
      client({ rejectRateLimitedCalls: true }).chat.postMessage({
        channel: 'C0GENERAL',
        text: 'x',
      }),
    ).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
  });

  it('gives up when the client’s timeout passes', async () => {
    emu.latencyMs = 300;
    try {
      await expect(
        client({ timeout: 50 }).chat.postMessage({ channel: 'C0GENERAL', text: 'x' }),
      ).rejects.toMatchObject({ code: ErrorCode.RequestError });
    } finally {
      emu.latencyMs = 0;
    }
  });

  it('gives up at its own deadline when the client sets none, and a later call still works', async () => {
    emu.failNext('chat.postMessage', 'stall');
    const within = new WebClient(BOT_TOKEN, {
      slackApiUrl: emu.apiUrl,
      fetch: fetchWithin(100),
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    await expect(
      within.chat.postMessage({ channel: 'C0GENERAL', text: 'x' }),
    ).rejects.toMatchObject({ code: ErrorCode.RequestError, original: { name: 'TimeoutError' } });
    const posted = await within.chat.postMessage({ channel: 'C0GENERAL', text: 'after' });
    expect(emu.messages('C0GENERAL').at(-1)).toMatchObject({ ts: posted.ts, text: 'after' });
  });
});

describe('what httpFetch resolves with reads like a fetch Response', () => {
  const post = () =>
    httpFetch(`${emu.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}` },
      body: '',
    });

  it('status, headers, url and a body read once, as text, JSON or bytes', async () => {
    const res = await post();
    expect(res).toMatchObject({ ok: true, status: 200, url: `${emu.apiUrl}auth.test` });
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.bodyUsed).toBe(false);
    const body = (await res.json()) as { ok: boolean };
    expect(body.ok).toBe(true);
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
    const bytes = await (await post()).arrayBuffer();
    expect(JSON.parse(Buffer.from(bytes).toString('utf8'))).toMatchObject({ ok: true });
  });

  it('the rest of the Response API (body stream, clone, blob) still works', async () => {
    const res = await post();
    const copy = res.clone();
    expect(JSON.parse(await copy.text())).toMatchObject({ user_id: emu.state.identity.botUserId });
    const blob = await (await post()).blob();
    expect(JSON.parse(await blob.text())).toMatchObject({ ok: true });
    const stream = (await post()).body;
    expect(stream).not.toBeNull();
  });

  it('an error status is not ok', async () => {
    emu.failNext('auth.test', 'internal_error');
    const res = await post();
    expect(res.ok).toBe(false);
    expect(res.status).toBe(500);
  });
});
