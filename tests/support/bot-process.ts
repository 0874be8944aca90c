import { type ChildProcess, spawn } from 'node:child_process';
import { get } from 'node:http';
import { join } from 'node:path';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { BOT_TOKEN, SIGNING_SECRET } from './harness.ts';
import { boundPort } from './process-port.ts';

/** Whether a brand-new connection (no keep-alive pool) to `url` is accepted or refused. */
export function freshConnection(url: string): Promise<'accepted' | 'refused'> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      resolve('accepted');
    });
    req.on('error', () => resolve('refused'));
  });
}

export interface BotProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** The exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Ends the process if it is still running and checks that nothing answers on its port. */
  stop: () => Promise<void>;
}

export interface BotProcessOptions {
  /** Which log text means started, besides the bound port (the default: the port alone). */
  ready?: (output: string) => boolean;
  /** The checkout to start in (default: this one). */
  cwd?: string;
}

/**
 * The bot started as `npm start` starts it (`node src/start.mjs`), on this test's own Node binary
 * so a run under another Node version tests that one. The bot is this child itself, not a
 * grandchild: tsx's CLI runs the script in a second process and does not pass SIGKILL on, so
 * killing the CLI left the bot running after the suite (seen as orphans still bound after CI).
 * PORT=0: the bot binds any free port and logs which.
 */
export async function startBotProcess(
  env: Record<string, string>,
  { ready = () => true, cwd = process.cwd() }: BotProcessOptions = {},
): Promise<BotProcess> {
  let output = '';
  const child = spawn(process.execPath, [join(cwd, 'src/start.mjs')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const bound = boundPort(output);
      if (bound && ready(output)) {
        clearTimeout(timer);
        resolve(bound);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`bot exited early:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    if ((await freshConnection(`${url}/healthz`)) !== 'refused')
      throw new Error(`the bot's port ${port} still answers after its process ended`);
  };
  return { child, url, output: () => output, exited, stop };
}

/**
 * The one-workspace bot (HTTP mode) with its Web API on a fresh emulator, which delivers to it.
 * `env` adds to (or overrides) the bot's settings.
 */
export async function startHttpBotProcess(
  options: BotProcessOptions & { env?: Record<string, string> } = {},
): Promise<{ emu: SlackEmulator; bot: BotProcess }> {
  const emu = new SlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  await emu.start();
  const bot = await startBotProcess(
    {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: emu.apiUrl,
      ...options.env,
    },
    options,
  );
  emu.setBotUrl(`${bot.url}/slack/events`);
  return { emu, bot };
}
