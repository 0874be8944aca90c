/**
 * In one-workspace mode the bot learns who it is from `auth.test` when it starts. Bolt's own
 * single-token authorize asks once, in its constructor, and keeps that promise for good: if Slack
 * failed that one call, every request afterwards failed authorization until a restart; if Slack
 * was slow, the first user's request waited on it past the request guard's deadline and got
 * "Something went wrong". These tests start the bot while auth.test misbehaves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import { renderUnexpectedProblem } from '../../src/render/problems.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { BOT_TOKEN, type Bot, SIGNING_SECRET, startBot } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const SOMETHING_WENT_WRONG = renderUnexpectedProblem().text as string;

let emu: SlackEmulator;
let bot: Bot | undefined;

async function startWhile(fault: 'internal_error' | 'stall', times: number): Promise<DmDriver> {
  emu = new SlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  await emu.start();
  emu.failNext('auth.test', fault, { times });
  bot = await startBot(emu);
  emu.setBotUrl(`${bot.botUrl}/slack/events`);
  return new DmDriver(emu, ALICE);
}

afterEach(async () => {
  await bot?.close();
  bot = undefined;
  await emu.stop();
});

const toldSomethingWentWrong = () =>
  emu.calls.some((c) => JSON.stringify(c.args).includes(SOMETHING_WENT_WRONG.slice(0, 30)));

describe('the bot does not depend on Slack answering auth.test when it starts', () => {
  it('Slack failing auth.test at start-up: once Slack is back, /career-path starts the exchange', async () => {
    // Every attempt of the start-up call and its retries fails.
    const alice = await startWhile('internal_error', 3);
    await emu.waitForCall('auth.test', (c) => !c.ok, 10_000);
    await bot?.idle();
    const from = emu.calls.length;
    const result = await emu.sendCommand({ user: ALICE });
    expect(result?.status).toBe(200);
    const posted = await emu.waitForCall('chat.postMessage', (c) => c.ok, 10_000, from);
    expect(posted.args.channel).toMatch(/^D/);
    expect(alice.answerButtons().length).toBeGreaterThan(0);
    expect(toldSomethingWentWrong()).toBe(false);
  }, 20_000);

  it('Slack slow to answer auth.test: the first /career-path is acked in time and answered', async () => {
    // The first attempt hangs until the client gives up on it; the retry answers.
    const alice = await startWhile('stall', 1);
    const result = await emu.sendCommand({ user: ALICE });
    expect(result?.status).toBe(200);
    expect(result?.late).toBeUndefined();
    await emu.waitForCall('chat.postMessage', (c) => c.ok, 15_000);
    expect(alice.answerButtons().length).toBeGreaterThan(0);
    expect(toldSomethingWentWrong()).toBe(false);
    // And the bot knows who it is once Slack answers: its own messages are told apart.
    await emu.waitForCall('auth.test', (c) => c.ok, 15_000);
  }, 30_000);
});
