import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';

function freshConnection(url: string): Promise<'accepted' | 'refused'> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolve('accepted');
    });
    req.on('error', () => resolve('refused'));
  });
}

import { afterEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/harness.ts';
import { boundPort } from '../support/process-port.ts';

let child: ChildProcess | undefined;
let emu: SlackEmulator | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await emu?.stop();
  child = undefined;
  emu = undefined;
});

/** `npm start` as production runs it (tsx src/main.ts), HTTP mode, Web API on the emulator. */
async function startBot(): Promise<{
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}> {
  emu = new SlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  await emu.start();
  let output = '';
  // tsx's CLI on this test's own Node binary, so a run under another Node version tests that one.
  child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emu.apiUrl,
      // The process binds any free port and logs which.
      PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child?.on('exit', (code) => resolve(code)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const bound = boundPort(output);
      if (bound) {
        clearTimeout(timer);
        resolve(bound);
      }
    };
    child?.stdout?.on('data', onData);
    child?.stderr?.on('data', onData);
    child?.on('exit', () => reject(new Error(`bot exited early:\n${output}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  emu.setBotUrl(`${url}/slack/events`);
  return { url, output: () => output, exited };
}

describe('graceful shutdown of the real process', () => {
  it('on SIGTERM: stops accepting, finishes the reply under way, exits 0', async () => {
    const bot = await startBot();
    const e = emu as SlackEmulator;
    await e.sendCommand({ user: 'U0ALICE', channel: 'C0GENERAL', text: 'help' });
    // Slow Slack down so the reply is still in flight when the signal lands.
    e.latencyMs = 700;
    const ack = await e.sendCommand({ user: 'U0ALICE', channel: 'C0GENERAL', text: 'start' });
    expect(ack.status).toBe(200);
    child?.kill('SIGTERM');
    // No longer accepting: new connections are refused while the old reply carries on.
    await expect
      .poll(
        // A new connection each time (no keep-alive pool): a socket kept open from an earlier
        // poll would still be answered while the server drains, which says nothing of new ones.
        () => freshConnection(`${bot.url}/healthz`),
        // A hang guard, not a speed limit: on a busy machine stopping can take a few seconds.
        { timeout: 10_000, interval: 50 },
      )
      .toBe('refused');
    expect(await bot.exited).toBe(0);
    const posted = e.callsTo('chat.postMessage');
    expect(posted.map((c) => c.ok)).toEqual([true]);
    expect(bot.output()).toContain('shutting down');
  });

  it('on SIGINT with nothing in flight: exits 0 at once', async () => {
    const bot = await startBot();
    child?.kill('SIGINT');
    expect(await bot.exited).toBe(0);
    // Nothing to drain, so no wait for one.
    expect(bot.output()).toContain('shutting down');
    expect(bot.output()).not.toContain('stopped with replies still under way');
  });

  it('a reply stuck past the drain limit does not hold the process forever', async () => {
    const bot = await startBot();
    const e = emu as SlackEmulator;
    // Warm up first (Bolt checks its token with auth.test on the first request).
    await e.sendCommand({ user: 'U0ALICE', channel: 'C0GENERAL', text: 'help' });
    e.latencyMs = 20_000;
    await e.sendCommand({ user: 'U0ALICE', channel: 'C0GENERAL', text: 'start' });
    child?.kill('SIGTERM');
    const code = await bot.exited;
    expect(code).toBe(0);
    // It gave up on the reply (Slack answers after 20 s, past the 5 s drain limit) and left.
    expect(bot.output()).toContain('stopped with replies still under way');
  });
});
