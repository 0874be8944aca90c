/**
 * Slack gives an app 3 s to ack, and so does the emulator: a listener that does its Web API work
 * before ack() fails the way it fails in Slack (the user sees Slack's error, the late ack body is
 * dropped, an event is retried), and one that acks first does not. The Web API answers slower
 * than the deadline (`latencyMs` > `ackDeadlineMs`), so "after its Web API work" is late for
 * certain, not by a race.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';

const SIGNING_SECRET = 'test-signing-secret';
const BOT_TOKEN = 'xoxb-test-token';
/** Short, so a late ack costs the test little; every Web API call takes longer than this. */
const DEADLINE_MS = 300;
const WEB_API_MS = 2 * DEADLINE_MS;

const emu = new SlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
let app: App;
let botServer: Server;
let botUrl: string;
const client = () =>
  new WebClient(BOT_TOKEN, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } });

beforeAll(async () => {
  await emu.start();
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR });
  app = new App({
    receiver,
    token: BOT_TOKEN,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/career-path', async ({ command, ack, client }) => {
    if (command.text === 'work first') {
      await client.users.info({ user: command.user_id });
      await ack({ response_type: 'ephemeral', text: 'late reply' });
    } else {
      await ack({ response_type: 'ephemeral', text: 'on time' });
      await client.users.info({ user: command.user_id });
    }
  });
  app.action('slow', async ({ ack, body, client }) => {
    await client.users.info({ user: body.user.id });
    await ack();
  });
  app.view('slow_modal', async ({ ack, body, client }) => {
    await client.users.info({ user: body.user.id });
    await ack();
  });
  botServer = (await receiver.start({ port: 0, host: '127.0.0.1' })) as Server;
  botUrl = `http://127.0.0.1:${(botServer.address() as AddressInfo).port}/slack/events`;
  emu.setBotUrl(botUrl);
});

afterAll(async () => {
  await app.stop();
  await emu.stop();
});

afterEach(() => {
  emu.reset();
  emu.latencyMs = 0;
  emu.ackDeadlineMs = 3_000;
  emu.setBotUrl(botUrl);
});

const slow = () => {
  emu.ackDeadlineMs = DEADLINE_MS;
  emu.latencyMs = WEB_API_MS;
};
const seenBy = (user: string) =>
  emu.messages('C0GENERAL', { user }).filter((m) => m.ephemeralFor === user);

describe('an ack after the deadline is a failure, as in Slack', () => {
  it('the deadline is Slack’s 3 s unless told otherwise', () => {
    expect(new SlackEmulator({ signingSecret: 's', botToken: 't' }).ackDeadlineMs).toBe(3_000);
  });

  it('a command acked after Web API work: the user sees operation_timeout, not the late reply', async () => {
    slow();
    const result = await emu.sendCommand({ user: 'U0ALICE', text: 'work first' });
    expect(result.late).toBe(true);
    expect(result.ackMs).toBeGreaterThanOrEqual(WEB_API_MS);
    expect(seenBy('U0ALICE').map((m) => [m.source, m.text])).toEqual([
      ['slack', '/career-path failed with the error "operation_timeout"'],
    ]);
    expect(emu.lateAcks.map((a) => a.what)).toEqual(['slash_command']);
  });

  it('a command acked before its Web API work is on time, and its reply is shown', async () => {
    emu.latencyMs = 3_500; // the work after the ack is slower than Slack's deadline: no matter
    const result = await emu.sendCommand({ user: 'U0ALICE', text: 'ack first' });
    expect(result.late).toBeUndefined();
    expect(seenBy('U0ALICE').map((m) => [m.source, m.text])).toEqual([['ack', 'on time']]);
    expect(emu.lateAcks).toEqual([]);
  });

  it('a click acked late is flagged', async () => {
    const posted = await client().chat.postMessage({
      channel: 'C0GENERAL',
      text: 'pick',
      blocks: [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'slow', text: { type: 'plain_text', text: 'Go' } },
          ],
        },
      ],
    });
    slow();
    const result = await emu.clickButton({
      user: 'U0ALICE',
      messageTs: posted.ts as string,
      actionId: 'slow',
    });
    expect(result.late).toBe(true);
    expect(emu.lateAcks.map((a) => a.what)).toEqual(['block_actions']);
  });

  it('a modal submission acked late stays open (Slack drops the late response_action)', async () => {
    const opened = await client().views.open({
      trigger_id: emu.issueTriggerId('U0ALICE'),
      view: {
        type: 'modal',
        callback_id: 'slow_modal',
        title: { type: 'plain_text', text: 'Slow' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hi' } }],
      },
    });
    slow();
    const result = await emu.submitView({ user: 'U0ALICE' });
    expect(result.late).toBe(true);
    expect(emu.topModal('U0ALICE')?.id).toBe(opened.view?.id);
  });

  it('an event acked late is retried by Slack at once, with retry 1 and http_timeout', async () => {
    // Bolt acks events before any listener runs, so this bot is plain HTTP: it calls the Web API
    // and only then answers.
    const eventRetries: string[] = [];
    const lateBot = createServer((req, res) => {
      eventRetries.push(
        `${req.headers['x-slack-retry-num'] ?? 0} ${req.headers['x-slack-retry-reason'] ?? ''}`,
      );
      req.resume();
      void fetch(`${emu.apiUrl}auth.test`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BOT_TOKEN}` },
      }).then(() => res.end());
    });
    await new Promise<void>((resolve) => lateBot.listen(0, '127.0.0.1', resolve));
    emu.setBotUrl(`http://127.0.0.1:${(lateBot.address() as AddressInfo).port}/slack/events`);
    slow();
    const result = await emu.openAppHome({ user: 'U0ALICE' }).finally(() => lateBot.close());
    expect(result.late).toBe(true);
    expect(result.retry?.sent).toEqual(result.sent);
    expect(eventRetries).toEqual(['0 ', '1 http_timeout']);
    expect(emu.lateAcks.map((a) => a.what)).toEqual([
      'event_callback/app_home_opened',
      'event_callback/app_home_opened',
    ]);
    // Slack's later retries (a minute and five minutes on) are not sent.
    expect(result.retry?.retry).toBeUndefined();
  });
});
