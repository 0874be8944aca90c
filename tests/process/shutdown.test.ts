import { afterEach, describe, expect, it } from 'vitest';
import type { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { type BotProcess, freshConnection, startHttpBotProcess } from '../support/bot-process.ts';

let bot: BotProcess | undefined;
let emu: SlackEmulator | undefined;
afterEach(async () => {
  await bot?.stop();
  await emu?.stop();
  bot = undefined;
  emu = undefined;
});

/** `npm start` as production runs it, HTTP mode, Web API on the emulator. */
async function startBot(): Promise<BotProcess> {
  ({ emu, bot } = await startHttpBotProcess({ env: { LOG_LEVEL: 'info' } }));
  return bot;
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
    bot.child.kill('SIGTERM');
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
    bot.child.kill('SIGINT');
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
    bot.child.kill('SIGTERM');
    const code = await bot.exited;
    expect(code).toBe(0);
    // It gave up on the reply (Slack answers after 20 s, past the 5 s drain limit) and left.
    expect(bot.output()).toContain('stopped with replies still under way');
  });
});
