import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';

const BOT_TOKEN = 'xoxb-test-token';

describe('maxCalls', () => {
  const emu = new SlackEmulator({ signingSecret: 'secret', botToken: BOT_TOKEN, maxCalls: 3 });
  beforeAll(() => emu.start());
  afterAll(() => emu.stop());

  it('keeps only the newest calls while seq keeps counting, so waitForCall still finds new ones', async () => {
    const client = new WebClient(BOT_TOKEN, {
      slackApiUrl: emu.apiUrl,
      retryConfig: { retries: 0 },
    });
    for (let i = 0; i < 10; i += 1) {
      await client.chat.postMessage({ channel: 'C0GENERAL', text: `message ${i}` });
    }
    expect(emu.calls.length).toBeLessThan(6);
    expect(emu.calls.at(-1)).toMatchObject({ seq: 9, args: { text: 'message 9' } });
    const next = emu.waitForCall('chat.postMessage', undefined, 2_000, 10);
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'message 10' });
    expect((await next).args).toMatchObject({ text: 'message 10' });
    // Messages themselves are all kept: only the call log is capped.
    expect(emu.messages('C0GENERAL')).toHaveLength(11);
  });
});
