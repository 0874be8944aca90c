import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { type BotProcess, startBotProcess } from '../support/bot-process.ts';
import { SIGNING_SECRET } from '../support/harness.ts';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  installThrough,
  newOAuthEmulator,
  STATE_SECRET,
} from '../support/oauth-harness.ts';

let bot: BotProcess | undefined;
let emu: SlackEmulator | undefined;
afterEach(async () => {
  await bot?.stop();
  await emu?.stop();
  bot = undefined;
  emu = undefined;
});

const OAUTH_ENV = {
  SLACK_CLIENT_ID: CLIENT_ID,
  SLACK_CLIENT_SECRET: CLIENT_SECRET,
  SLACK_STATE_SECRET: STATE_SECRET,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
};

describe('npm start in OAuth mode', () => {
  it('serves the install flow against a fake Slack, answers each workspace with its own token, never logs one', async () => {
    emu = newOAuthEmulator();
    await emu.start();
    bot = await startBotProcess(
      {
        ...OAUTH_ENV,
        SLACK_API_URL: emu.apiUrl,
        LOG_LEVEL: 'debug',
      },
      { ready: (output) => output.includes('lost on restart') },
    );
    const output = bot.output;
    const botUrl = bot.url;
    if (emu.oauth) emu.oauth.client.redirectUri = `${botUrl}/slack/oauth_redirect`;
    emu.setBotUrl(`${botUrl}/slack/events`);
    expect((await fetch(`${botUrl}/healthz`)).status).toBe(200);
    expect((await installThrough(botUrl, { team: 'T0ALPHA' })).status).toBe(200);
    expect((await installThrough(botUrl, { team: 'T0BETA' })).status).toBe(200);
    for (const [team, user] of [
      ['T0ALPHA', 'U0ALICE'],
      ['T0BETA', 'U0BOB'],
    ] as const) {
      const seq = emu.calls.length;
      await emu.sendCommand({
        user,
        text: 'start',
        overrides: emu.workspaces?.overridesFor(team, 'command'),
      });
      const call = await emu.waitForCall('chat.postMessage', undefined, 5_000, seq);
      expect(call.team).toBe(team);
      expect(call.ok).toBe(true);
    }
    expect(output()).toContain('installations are kept in memory');
    expect(output()).not.toMatch(/xox[abpe]-/);
    expect(output()).not.toContain(CLIENT_SECRET);
    expect(output()).not.toContain(STATE_SECRET);
  });

  it('half-set OAuth settings stop start-up with one line per problem', () => {
    const run = spawnSync(process.execPath, ['src/start.mjs'], {
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: '',
        SLACK_APP_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
        SLACK_CLIENT_ID: CLIENT_ID,
        SLACK_CLIENT_SECRET: '',
        SLACK_STATE_SECRET: '',
        INSTALLATION_ENCRYPTION_KEY: '',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/cannot start/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}- SLACK_CLIENT_SECRET: is required for OAuth mode/),
      expect.stringMatching(/^ {2}- SLACK_STATE_SECRET: is required for OAuth mode/),
      expect.stringMatching(/^ {2}- SLACK_SIGNING_SECRET: is required for OAuth mode/),
    ]);
  });
});
