import { PassThrough } from 'node:stream';
import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import type { Message } from '../../src/render/index.ts';
import { appLinkOf } from '../../src/slack/core/app-link.ts';
import { FailurePolicy } from '../../src/slack/core/failure-policy.ts';
import { httpFetch } from '../../src/slack/transport/http-fetch.ts';
import { StoreUnavailableError } from '../../src/store/index.ts';

// What a person is told when a listener's work fails, for the errors the real Web API client
// throws against (emulated) Slack: not hand-built error objects, so a change in how the client
// wraps a 429 or a dropped connection shows here.

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

function policy() {
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (c: Buffer) => {
    logged += c.toString();
  });
  const logger = createLogger({ level: 'trace', destination: stream });
  return { failures: new FailurePolicy(logger), logs: () => logged };
}

async function failureOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('the call did not fail');
}

/** Runs a failing listener through the guard and returns what the user was told. */
async function told(error: unknown): Promise<Message[]> {
  const { failures } = policy();
  const said: Message[] = [];
  await failures.guard(
    { kind: 'action', id: 'a1' },
    async (m) => void said.push(m),
    async () => {
      throw error;
    },
  );
  return said;
}

const post = (c = client()) => c.chat.postMessage({ channel: 'C0GENERAL', text: 'x' });

describe('what the user is told when Slack refuses', () => {
  it('a refusal with a reason gets what to do next', async () => {
    const error = await failureOf(() =>
      client().chat.postMessage({ channel: 'C0NOPE', text: 'x' }),
    );
    const [message] = await told(error);
    expect(message?.text).toMatch(/can't see there: it may be private/);
    expect(JSON.stringify(message?.blocks)).toContain(':warning:');
  });

  it('a 429 the client would not wait for is "give it a few seconds", not "try again"', async () => {
    emu.failNext('chat.postMessage', 'ratelimited');
    const error = await failureOf(() => post(client({ rejectRateLimitedCalls: true })));
    expect((await told(error))[0]?.text).toMatch(/slow down\. Give it a few seconds/);
  });

  it('a 429 still there after the client gave up retrying is "slow down" too', async () => {
    emu.failNext('chat.postMessage', 'ratelimited', { retryAfter: 0 });
    const error = await failureOf(() => post());
    expect((await told(error))[0]?.text).toMatch(/slow down/);
  });

  it('a dropped connection and a 500 are "try again in a moment", with nothing lost', async () => {
    for (const fault of ['network', 'internal_error'] as const) {
      emu.failNext('chat.postMessage', fault);
      const error = await failureOf(() => post());
      const [message] = await told(error);
      expect(message?.text).toMatch(/didn't accept that just now.*nothing was lost/);
    }
  });

  it('a store outage is "I can\'t save right now", not a Slack problem', async () => {
    const [message] = await told(new StoreUnavailableError('down'));
    expect(message?.text).toMatch(/can't save right now/);
    expect(JSON.stringify(message?.blocks)).toContain(':hourglass:');
  });

  it('anything else is "something went wrong on my side", with the answers kept', async () => {
    for (const error of [new TypeError('boom'), 'a string', null]) {
      const [message] = await told(error);
      expect(message?.text).toMatch(/went wrong on my side\. Your answers so far are saved/);
    }
  });
});

describe('the guard around every listener', () => {
  it('says nothing and does not throw when the work succeeds', async () => {
    const { failures, logs } = policy();
    const said: Message[] = [];
    await failures.guard(
      { kind: 'action', id: 'a1' },
      async (m) => void said.push(m),
      async () => {},
    );
    expect(said).toEqual([]);
    expect(logs()).not.toContain('listener failed');
  });

  it('with nobody to tell, only logs; a tell that fails is logged, never thrown', async () => {
    const { failures, logs } = policy();
    await expect(
      failures.guard({ kind: 'home', id: 'U1' }, null, async () => {
        throw new StoreUnavailableError('down');
      }),
    ).resolves.toBeUndefined();
    expect(logs()).toContain('"code":"store_unavailable"');
    await expect(
      failures.guard(
        { kind: 'action', id: 'a1' },
        async () => {
          throw await failureOf(() => client().chat.postMessage({ channel: 'C0NOPE', text: 'x' }));
        },
        async () => {
          throw new TypeError('boom');
        },
      ),
    ).resolves.toBeUndefined();
    expect(logs()).toContain('could not tell the user about a failure');
    expect(logs()).toContain('"code":"channel_not_found"');
  });

  it('logs a Slack refusal as a warning with its code and an unknown failure as an error with its name', async () => {
    const { failures, logs } = policy();
    const noop = async () => {};
    await failures.guard({ kind: 'action', id: 'x'.repeat(100) }, noop, async () => {
      throw new StoreUnavailableError('down');
    });
    await failures.guard({ kind: 'view', id: 'v1' }, noop, async () => {
      throw new RangeError('bad index');
    });
    const lines = logs()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const [warn, error] = lines;
    expect(warn).toMatchObject({
      level: 40,
      surface: 'action',
      id: 'x'.repeat(64),
      msg: 'listener failed; telling the user',
    });
    expect(error).toMatchObject({
      level: 50,
      surface: 'view',
      err: { name: 'RangeError' },
      msg: 'listener failed',
    });
    expect(error).not.toHaveProperty('code');
  });

  it('a failed Slack call is logged with its method and code, which is returned', async () => {
    const { failures, logs } = policy();
    emu.failNext('chat.postMessage', 'internal_error');
    const error = await failureOf(() => post());
    expect(failures.slackFailed('chat.postMessage', error)).toBe('http_500');
    emu.failNext('chat.postMessage', 'network');
    expect(failures.slackFailed('chat.postMessage', await failureOf(() => post()))).toBe('network');
    const lines = logs()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        method: 'chat.postMessage',
        code: 'http_500',
        msg: 'Slack call failed',
      }),
      expect.objectContaining({
        method: 'chat.postMessage',
        code: 'network',
        msg: 'Slack call failed',
      }),
    ]);
  });
});

describe("the link to the app's DM", () => {
  it('is made from the command alone, and left out when the command lacks either id', () => {
    expect(appLinkOf({ team_id: 'T1', api_app_id: 'A1' })).toEqual({ teamId: 'T1', appId: 'A1' });
    expect(appLinkOf({ team_id: 'T1' })).toBeUndefined();
    expect(appLinkOf({ api_app_id: 'A1' })).toBeUndefined();
  });
});
