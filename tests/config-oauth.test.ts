import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const SECRET = '0123456789abcdef0123456789abcdef';
const OAUTH = {
  SLACK_CLIENT_ID: '1234567890.9876543210',
  SLACK_CLIENT_SECRET: 'fedcba9876543210fedcba9876543210',
  SLACK_STATE_SECRET: 'a long random string of my own',
  SLACK_SIGNING_SECRET: SECRET,
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('OAuth mode, from the client credentials', () => {
  it('client id, client secret, state secret and signing secret with no bot token: OAuth mode', () => {
    const config = loadConfig(OAUTH);
    expect(config.mode).toBe('oauth');
    expect(config.oauth).toMatchObject({ clientId: OAUTH.SLACK_CLIENT_ID });
    expect(config.oauth?.encryptionKey).toBeUndefined();
    expect(config.botToken).toBeUndefined();
  });

  it('half-set: one line per missing setting, naming it', () => {
    expect(problemsOf({ SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID })).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_SECRET: is required for OAuth mode/),
      expect.stringMatching(/^SLACK_STATE_SECRET: is required for OAuth mode/),
      expect.stringMatching(/^SLACK_SIGNING_SECRET: is required for OAuth mode/),
    ]);
  });

  it('a bot token with client credentials is refused: one mode or the other', () => {
    const problems = problemsOf({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1-2-abc' });
    expect(problems).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN: set together with/)]);
  });

  it('bad values: one line each, secrets never echoed', () => {
    const problems = problemsOf({
      ...OAUTH,
      SLACK_CLIENT_ID: 'my-app',
      SLACK_STATE_SECRET: 'short',
      INSTALLATION_ENCRYPTION_KEY: 'hunter2',
      SLACK_REDIRECT_URI: 'https://bot.example.com/callback',
    });
    expect(problems).toHaveLength(4);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'INSTALLATION_ENCRYPTION_KEY',
      'SLACK_CLIENT_ID',
      'SLACK_REDIRECT_URI',
      'SLACK_STATE_SECRET',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('an encryption key as 64 hex characters or base64 of 32 bytes', () => {
    const hex = 'ab'.repeat(32);
    expect(
      loadConfig({ ...OAUTH, INSTALLATION_ENCRYPTION_KEY: hex }).oauth?.encryptionKey?.length,
    ).toBe(32);
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(
      loadConfig({ ...OAUTH, INSTALLATION_ENCRYPTION_KEY: b64 }).oauth?.encryptionKey?.length,
    ).toBe(32);
    expect(problemsOf({ ...OAUTH, INSTALLATION_ENCRYPTION_KEY: 'ab'.repeat(16) })).toHaveLength(1);
  });

  it('a bot token alone keeps the single-workspace mode', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET })).toMatchObject({
      mode: 'http',
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET }).oauth).toBe(
      undefined,
    );
  });
});
