import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm start with bad configuration', () => {
  it('exits 1 before listening, printing one line per problem and nothing else', () => {
    const env = {
      ...process.env,
      SLACK_BOT_TOKEN: 'not-a-token',
      SLACK_SIGNING_SECRET: '',
      SLACK_APP_TOKEN: '',
      PORT: 'eighty',
      LOG_LEVEL: 'info',
    };
    // dotenv never overrides variables already set, so a developer's .env cannot mask these.
    const run = spawnSync(process.execPath, ['src/start.mjs'], {
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/cannot start/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}- SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/),
      expect.stringMatching(/^ {2}- PORT: /),
    ]);
    expect(run.stdout).not.toContain('running');
  });
});
