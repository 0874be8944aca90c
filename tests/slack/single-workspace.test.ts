import { PassThrough } from 'node:stream';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { SingleWorkspaceAuthorization } from '../../src/slack/install/single-workspace.ts';
import { httpFetch } from '../../src/slack/transport/http-fetch.ts';

// One-workspace authorization against (emulated) Slack's auth.test: what every request is
// authorized with while Slack answers, fails, or is slow. The bot's ids are what keep it from
// answering its own messages, so a request must get them once known, and never wait long for them.

const BOT_TOKEN = 'xoxb-test-token';
const emu = new SlackEmulator({ signingSecret: 'secret', botToken: BOT_TOKEN });
beforeAll(() => emu.start());
afterAll(() => emu.stop());
afterEach(() => emu.reset());

function authorization(waitMs = 800) {
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (c: Buffer) => {
    logged += c.toString();
  });
  const client = new WebClient(BOT_TOKEN, {
    slackApiUrl: emu.apiUrl,
    fetch: httpFetch,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
    timeout: 2_000,
  });
  const logger = createLogger({ level: 'trace', destination: stream });
  return {
    auth: new SingleWorkspaceAuthorization(client, BOT_TOKEN, logger, waitMs),
    logs: () => logged,
  };
}

const asked = () => emu.callsTo('auth.test').length;

describe('one-workspace authorization', () => {
  it("gives every request the bot's token and ids from one auth.test", async () => {
    const { auth } = authorization();
    const { identity } = emu.state;
    const expected = {
      botToken: BOT_TOKEN,
      botId: identity.botId,
      botUserId: identity.botUserId,
      teamId: identity.teamId,
    };
    const [first, second] = await Promise.all([auth.authorize(), auth.authorize()]);
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    expect(await auth.authorize()).toEqual(expected);
    expect(await auth.verify()).toEqual(expected);
    expect(asked()).toBe(1);
  });

  it('when auth.test fails, goes on with the token alone and asks again on the next request', async () => {
    const { auth, logs } = authorization();
    emu.failNext('auth.test', 'internal_error');
    expect(await auth.verify()).toBeUndefined();
    expect(await auth.authorize()).toMatchObject({ botUserId: emu.state.identity.botUserId });
    expect(asked()).toBe(2);
    expect(logs()).toContain('"code":"http_500"');
    expect(logs()).toContain('going on with the bot token alone, asking again on the next request');
    expect(logs()).not.toContain(BOT_TOKEN);
  });

  it('a request does not wait on a slow auth.test: it goes on with the token alone', async () => {
    const { auth } = authorization(20);
    emu.failNext('auth.test', 'stall');
    const started = auth.verify();
    expect(await auth.authorize()).toEqual({ botToken: BOT_TOKEN });
    // The slow answer never arrives (the client's deadline ends it); the next request asks again.
    expect(await started).toBeUndefined();
    expect(await auth.authorize()).toMatchObject({ botId: emu.state.identity.botId });
  });
});
