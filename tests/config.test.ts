import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const TOKEN = 'xoxb-1-2-abc';
const SECRET = '0123456789abcdef0123456789abcdef';
const APP_TOKEN = 'xapp-1-A1-2-abc';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('run mode, from which credentials are set', () => {
  it('no Slack credentials at all: the local playground, on port 3000 at info', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'playground', port: 3000, logLevel: 'info' });
  });

  it('bot token and signing secret: HTTP mode on PORT', () => {
    expect(
      loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, PORT: '8080' }),
    ).toMatchObject({
      mode: 'http',
      port: 8080,
    });
  });

  it('PORT=0 asks the system for any free port (the bot logs the one it got)', () => {
    expect(
      loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, PORT: '0' }).port,
    ).toBe(0);
    expect(() =>
      loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, PORT: '-1' }),
    ).toThrow(/PORT/);
  });

  it('an app token: Socket Mode, with or without a signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: TOKEN, SLACK_APP_TOKEN: APP_TOKEN }).mode).toBe('socket');
    expect(
      loadConfig({
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
      }).mode,
    ).toBe('socket');
  });

  it('blank values count as unset, as an untouched .env.example leaves them', () => {
    expect(
      loadConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: ' ', SLACK_SIGNING_SECRET: '', PORT: '' })
        .mode,
    ).toBe('playground');
  });

  it('SLACK_API_URL is honoured, with the trailing slash the Web API client needs', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: 'http://127.0.0.1:9/api',
    });
    expect(config.apiUrl).toBe('http://127.0.0.1:9/api/');
  });
});

describe('bad configuration stops start-up with one line per problem', () => {
  it('a token without a secret (HTTP mode) names the missing secret and where to find it', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: TOKEN });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SLACK_SIGNING_SECRET: .*Signing Secret/);
  });

  it('a secret or app token without a bot token asks for the bot token', () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET: SECRET })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: is required/),
    ]);
    expect(problemsOf({ SLACK_APP_TOKEN: APP_TOKEN })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: is required/),
    ]);
  });

  it('every bad value is reported at once, each on its own line naming the variable', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_APP_TOKEN: 'not-an-app-token',
      SLACK_API_URL: 'not a url',
      PORT: '70000',
      LOG_LEVEL: 'loud',
      STATE_MAX_USERS: '0',
      STATE_TTL_DAYS: '-1',
    });
    const names = problems.map((p) => p.split(':')[0]);
    expect(names.sort()).toEqual(
      [
        'LOG_LEVEL',
        'PORT',
        'SLACK_API_URL',
        'SLACK_APP_TOKEN',
        'SLACK_BOT_TOKEN',
        'STATE_MAX_USERS',
        'STATE_TTL_DAYS',
      ].sort(),
    );
    for (const line of problems) expect(line).not.toContain('\n');
  });
});
