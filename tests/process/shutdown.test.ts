import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/harness.ts';

let child: ChildProcess | undefined;
let emu: SlackEmulator | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await emu?.stop();
  child = undefined;
  emu = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `npm start` as production runs it (tsx src/main.ts), HTTP mode, Web API on the emulator. */
async function startBot(): Promise<{
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}> {
  emu = new SlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  await emu.start();
  const port = await freePort();
  let output = '';
  // tsx's CLI on this test's own Node binary, so a run under another Node version tests that one.
  child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emu.apiUrl,
      PORT: String(port),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child?.on('exit', (code) => resolve(code)),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('career-path is running')) {
        clearTimeout(timer);
        resolve();
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
    await new Promise((r) => setTimeout(r, 200));
    // No longer accepting: a new connection is refused while the old reply carries on.
    await expect(fetch(`${bot.url}/healthz`)).rejects.toThrow();
    expect(await bot.exited).toBe(0);
    const posted = e.callsTo('chat.postMessage');
    expect(posted.map((c) => c.ok)).toEqual([true]);
    expect(bot.output()).toContain('shutting down');
  });

  it('on SIGINT with nothing in flight: exits 0 at once', async () => {
    const bot = await startBot();
    const began = Date.now();
    child?.kill('SIGINT');
    expect(await bot.exited).toBe(0);
    expect(Date.now() - began).toBeLessThan(3_000);
  });

  it('a reply stuck past the drain limit does not hold the process forever', async () => {
    const bot = await startBot();
    const e = emu as SlackEmulator;
    // Warm up first (Bolt checks its token with auth.test on the first request).
    await e.sendCommand({ user: 'U0ALICE', channel: 'C0GENERAL', text: 'help' });
    e.latencyMs = 20_000;
    await e.sendCommand({ user: 'U0ALICE', channel: 'C0GENERAL', text: 'start' });
    const began = Date.now();
    child?.kill('SIGTERM');
    const code = await bot.exited;
    expect(Date.now() - began).toBeLessThan(9_000);
    expect(code).toBe(0);
    expect(bot.output()).toContain('stopped with replies still under way');
  });
});
