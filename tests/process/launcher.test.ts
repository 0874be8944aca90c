import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { type BotProcess, startBotProcess, startHttpBotProcess } from '../support/bot-process.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/harness.ts';
import { CLIENT_ID, CLIENT_SECRET, STATE_SECRET } from '../support/oauth-harness.ts';

/**
 * `npm start` runs src/start.mjs, which builds src/ into one bundle in dist/ and runs that. These
 * tests run it in a copy of the checkout (this one's dist/ and sources are left alone), the way a
 * newcomer meets it: no dist/ yet, then a second start, then an edit.
 */
let checkout: string;
let bot: BotProcess | undefined;
let emu: SlackEmulator | undefined;

beforeAll(() => {
  checkout = mkdtempSync(join(tmpdir(), 'career-path-launcher-'));
  for (const part of ['src', 'prompts', 'manifest.json', 'package.json'])
    cpSync(resolve(part), join(checkout, part), { recursive: true });
  symlinkSync(resolve('node_modules'), join(checkout, 'node_modules'));
});
afterAll(() => rmSync(checkout, { recursive: true, force: true }));
afterEach(async () => {
  await bot?.stop();
  await emu?.stop();
  bot = undefined;
  emu = undefined;
});

async function startHttpBot(): Promise<BotProcess> {
  ({ emu, bot } = await startHttpBotProcess({ cwd: checkout }));
  return bot;
}

const stamp = () => join(checkout, 'dist', 'build.json');

describe('npm start (src/start.mjs)', () => {
  it('builds the bundle on the first start and reads prompts/ at run time', async () => {
    // The copy's own wording, so the message proves which prompts/ the bundle found.
    const exchange = join(checkout, 'prompts', 'exchange.yaml');
    writeFileSync(
      exchange,
      readFileSync(exchange, 'utf8').replace(
        'Hi! This is a private',
        'Hi from the copy! A private',
      ),
    );
    const started = await startHttpBot();
    expect(statSync(join(checkout, 'dist', 'main.mjs')).isFile()).toBe(true);
    expect(started.output()).not.toContain('through tsx');
    const e = emu as SlackEmulator;
    await e.sendCommand({ user: 'U0ALICE', channel: 'C0GENERAL', text: 'start' });
    const posted = await e.waitForCall('chat.postMessage');
    expect(JSON.stringify(posted.args)).toContain('Hi from the copy! A private');
  });

  it('reuses a fresh bundle, and rebuilds after a source file changes', async () => {
    await startHttpBot();
    const built = readFileSync(stamp(), 'utf8');
    await bot?.stop();
    await emu?.stop();

    await startHttpBot();
    expect(readFileSync(stamp(), 'utf8')).toBe(built);
    await bot?.stop();
    await emu?.stop();

    const ids = join(checkout, 'src', 'ids.ts');
    writeFileSync(ids, `${readFileSync(ids, 'utf8')}\n// an edit\n`);
    await startHttpBot();
    expect(readFileSync(stamp(), 'utf8')).not.toBe(built);
  });

  it('finds manifest.json from the bundle: OAuth mode asks Slack for the manifest scopes', async () => {
    emu = new SlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
    await emu.start();
    bot = await startBotProcess(
      {
        SLACK_CLIENT_ID: CLIENT_ID,
        SLACK_CLIENT_SECRET: CLIENT_SECRET,
        SLACK_STATE_SECRET: STATE_SECRET,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: emu.apiUrl,
      },
      { cwd: checkout, ready: (output) => output.includes('lost on restart') },
    );
    const install = await fetch(`${bot.url}/slack/install`, { redirect: 'manual' });
    const page = await install.text();
    const authorize = install.headers.get('location') ?? page;
    const manifest = JSON.parse(readFileSync(resolve('manifest.json'), 'utf8')) as {
      oauth_config: { scopes: { bot: string[] } };
    };
    for (const scope of manifest.oauth_config.scopes.bot)
      expect(decodeURIComponent(authorize)).toContain(scope);
  });

  it('npm run build brings dist/ up to date without starting anything', () => {
    const ids = join(checkout, 'src', 'ids.ts');
    writeFileSync(ids, `${readFileSync(ids, 'utf8')}\n// an edit before the build\n`);
    const before = readFileSync(stamp(), 'utf8');
    const run = spawnSync(process.execPath, [join(checkout, 'src/start.mjs'), '--build'], {
      cwd: checkout,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
    expect(readFileSync(stamp(), 'utf8')).not.toBe(before);
  });

  it('without a writable dist/ it still starts, through tsx, and says so in one line', async () => {
    rmSync(join(checkout, 'dist'), { recursive: true, force: true });
    // A file where the folder should be: the build cannot write there.
    writeFileSync(join(checkout, 'dist'), 'not a folder');
    const ids = join(checkout, 'src', 'ids.ts');
    writeFileSync(ids, `${readFileSync(ids, 'utf8')}\n// another edit\n`);
    const started = await startHttpBot();
    expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
    const notes = started
      .output()
      .split('\n')
      .filter((line) => line.includes('through tsx'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^career-path: no bundle in dist/);
  });
});
