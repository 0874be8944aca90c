import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';
import type { JsonObject } from '../../src/playground/emulator/types.ts';
import { encodeForm, signRequest, slashCommandPayload } from '../support/payloads.ts';

const SIGNING_SECRET = 'test-signing-secret';
const BOT_TOKEN = 'xoxb-test-token';

/** Emulator clock = real time + a skew the tests can move forward (Bolt checks timestamps). */
let skewMs = 0;
const emu = new SlackEmulator({
  signingSecret: SIGNING_SECRET,
  botToken: BOT_TOKEN,
  now: () => Date.now() + skewMs,
});

let app: App;
let botServer: Server;
/** Payloads the bot's listeners saw, newest last. */
const seen: JsonObject[] = [];

/** WebClient logs Slack's response_metadata at error level; keep test output quiet. */
const quietLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

function apiClient(token = BOT_TOKEN): WebClient {
  return new WebClient(token, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
    logger: quietLogger,
  });
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

beforeAll(async () => {
  await emu.start();
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR });
  app = new App({
    receiver,
    token: BOT_TOKEN,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 } },
  });

  app.command('/career-path', async ({ command, ack, client, respond }) => {
    seen.push(command as unknown as JsonObject);
    if (command.text === 'ephemeral') {
      await ack({ response_type: 'ephemeral', text: 'Only you can see this' });
      return;
    }
    await ack();
    if (command.text === 'respond') {
      await respond({ response_type: 'ephemeral', text: 'psst, just for you' });
    } else if (command.text === 'modal') {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'goal_modal',
          title: { type: 'plain_text', text: 'Your goal' },
          submit: { type: 'plain_text', text: 'Save' },
          blocks: [
            {
              type: 'input',
              block_id: 'goal',
              label: { type: 'plain_text', text: 'Goal' },
              element: { type: 'plain_text_input', action_id: 'goal_input' },
            },
            {
              type: 'input',
              block_id: 'track',
              label: { type: 'plain_text', text: 'Track' },
              element: {
                type: 'static_select',
                action_id: 'track_select',
                options: [
                  { text: { type: 'plain_text', text: 'Staff' }, value: 'staff' },
                  { text: { type: 'plain_text', text: 'Manager' }, value: 'manager' },
                ],
              },
            },
          ],
        },
      });
    } else {
      await client.chat.postMessage({ channel: command.channel_id, text: `hello ${command.text}` });
    }
  });

  app.action('pick', async ({ ack, body, action, client }) => {
    await ack();
    seen.push(body as unknown as JsonObject);
    const value = 'value' in action ? action.value : '';
    const channel = (body as { channel?: { id: string } }).channel?.id ?? '';
    await client.chat.postMessage({ channel, text: `clicked ${value}` });
  });

  app.action('more', async ({ ack, body, client }) => {
    await ack();
    seen.push(body as unknown as JsonObject);
    await client.views.push({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: {
        type: 'modal',
        callback_id: 'detail',
        notify_on_close: true,
        title: { type: 'plain_text', text: 'Detail' },
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'More detail' } }],
      },
    });
  });

  app.view({ callback_id: 'detail', type: 'view_closed' }, async ({ ack, body }) => {
    await ack();
    seen.push(body as unknown as JsonObject);
  });

  app.view('goal_modal', async ({ ack, view }) => {
    seen.push(view as unknown as JsonObject);
    const goal = view.state.values.goal?.goal_input?.value;
    if (!goal) await ack({ response_action: 'errors', errors: { goal: 'Please write a goal' } });
    else await ack();
  });

  app.message(async ({ message, say }) => {
    if ('text' in message) await say(`echo: ${message.text}`);
  });

  app.event('app_home_opened', async ({ event, client }) => {
    seen.push(event as unknown as JsonObject);
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Home' } }] },
    });
  });

  botServer = (await receiver.start({ port: 0, host: '127.0.0.1' })) as Server;
  emu.setBotUrl(`http://127.0.0.1:${(botServer.address() as AddressInfo).port}/slack/events`);
});

afterAll(async () => {
  await app.stop();
  await emu.stop();
});

beforeEach(() => {
  skewMs = 0;
  seen.length = 0;
});

afterEach(() => {
  emu.reset();
});

describe('signing', () => {
  it("matches Slack's documented example", () => {
    // Example from https://api.slack.com/authentication/verifying-requests-from-slack
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const headers = signRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618);
    expect(headers['X-Slack-Request-Timestamp']).toBe('1531420618');
    expect(headers['X-Slack-Signature']).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('agrees with an independent HMAC of the v0 base string', () => {
    const body = '{"type":"event_callback"}';
    const expected = createHmac('sha256', 's3cret').update(`v0:1700000000:${body}`).digest('hex');
    expect(signRequest('s3cret', body, 1700000000)['X-Slack-Signature']).toBe(`v0=${expected}`);
    expect(signRequest('other', body, 1700000000)['X-Slack-Signature']).not.toBe(`v0=${expected}`);
  });
});

describe('deliveries to a Bolt app', () => {
  it('delivers a slash command the app accepts, and records its chat.postMessage', async () => {
    const from = emu.calls.length;
    const result = await emu.sendCommand({ user: 'U0ALICE', channel: 'C0GENERAL', text: 'there' });
    expect(result.status).toBe(200);
    expect(seen[0]).toMatchObject({
      command: '/career-path',
      user_id: 'U0ALICE',
      user_name: 'alice',
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      team_id: 'T0PLAYGND',
      api_app_id: 'A0CAREER',
      trigger_id: result.trigger_id,
      response_url: result.response_url,
    });

    const call = await emu.waitForCall('chat.postMessage', undefined, 2_000, from);
    expect(call.ok).toBe(true);
    expect(call.args).toMatchObject({ channel: 'C0GENERAL', text: 'hello there' });
    const [message] = emu.messages('C0GENERAL');
    expect(message).toMatchObject({
      text: 'hello there',
      bot_id: 'B0BOT',
      source: 'chat.postMessage',
    });
    expect(message?.ephemeralFor).toBeUndefined();
  });

  it('turns a command ack body into an ephemeral message for that user only', async () => {
    const result = await emu.sendCommand({
      user: 'U0ALICE',
      channel: 'C0GENERAL',
      text: 'ephemeral',
    });
    expect(result.body).toEqual({ response_type: 'ephemeral', text: 'Only you can see this' });
    expect(emu.messages('C0GENERAL', { user: 'U0ALICE' }).map((m) => m.text)).toEqual([
      'Only you can see this',
    ]);
    expect(emu.messages('C0GENERAL', { user: 'U0BOB' })).toEqual([]);
  });

  it('delivers a button click with the real message container, and records the reply', async () => {
    const posted = await apiClient().chat.postMessage({
      channel: 'C0ENGLEADS',
      text: 'Which path?',
      blocks: [
        {
          type: 'actions',
          block_id: 'paths',
          elements: [
            {
              type: 'button',
              action_id: 'pick',
              text: { type: 'plain_text', text: 'Staff' },
              value: 'staff',
            },
          ],
        },
      ],
    });
    const ts = posted.ts as string;
    const from = emu.calls.length;

    const result = await emu.clickButton({ user: 'U0BOB', messageTs: ts, actionId: 'pick' });
    expect(result.status).toBe(200);
    expect(seen[0]).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB', username: 'bob' },
      container: { type: 'message', message_ts: ts, channel_id: 'C0ENGLEADS', is_ephemeral: false },
      channel: { id: 'C0ENGLEADS', name: 'eng-leads' },
      message: { ts, text: 'Which path?' },
      actions: [{ action_id: 'pick', block_id: 'paths', type: 'button', value: 'staff' }],
    });

    const reply = await emu.waitForCall(
      'chat.postMessage',
      (c) => c.args.text === 'clicked staff',
      2_000,
      from,
    );
    expect(reply.ok).toBe(true);
    expect(emu.messages('C0ENGLEADS').map((m) => m.text)).toEqual(['Which path?', 'clicked staff']);
  });

  it('refuses to click an element that is not in the message', async () => {
    const posted = await apiClient().chat.postMessage({ channel: 'C0GENERAL', text: 'no buttons' });
    await expect(
      emu.clickButton({ user: 'U0ALICE', messageTs: posted.ts as string, actionId: 'pick' }),
    ).rejects.toThrow(/no element with action_id "pick"/);
  });

  it('delivers a DM as a message.im event, storing both sides of the conversation', async () => {
    const result = await emu.sendDm({ user: 'U0ALICE', text: 'I want to grow' });
    expect(result.status).toBe(200);
    expect(result.sent).toMatchObject({
      type: 'event_callback',
      team_id: 'T0PLAYGND',
      event: { type: 'message', channel: 'D0ALICE', channel_type: 'im', user: 'U0ALICE' },
    });
    await emu.waitForCall('chat.postMessage', (c) => c.args.channel === 'D0ALICE');
    expect(emu.dm('U0ALICE').map((m) => [m.user ?? m.bot_id, m.text])).toEqual([
      ['U0ALICE', 'I want to grow'],
      ['B0BOT', 'echo: I want to grow'],
    ]);
  });

  it('publishes App Home on app_home_opened and includes the view next time', async () => {
    await emu.openAppHome({ user: 'U0BOB' });
    await emu.waitFor(() => emu.home('U0BOB'));
    expect(emu.home('U0BOB')?.blocks[0]).toMatchObject({ type: 'section' });
    await emu.openAppHome({ user: 'U0BOB' });
    expect(seen[1]).toMatchObject({ type: 'app_home_opened', tab: 'home', view: { type: 'home' } });
  });

  it('gets 401 from the app when the signature uses the wrong secret', async () => {
    const body = encodeForm(slashCommandPayload({ text: 'forged' }));
    const timestamp = Math.floor(Date.now() / 1000);
    const forged = await emu.deliverRaw({
      body,
      contentType: 'application/x-www-form-urlencoded',
      headers: signRequest('not-the-secret', body, timestamp),
    });
    expect(forged.status).toBe(401);
    expect(seen).toEqual([]);

    const genuine = await emu.deliverRaw({
      body,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(genuine.status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('echoes url_verification challenges', async () => {
    const result = await emu.sendUrlVerification('abc123');
    expect(result.body).toEqual({ challenge: 'abc123' });
  });
});

describe('modals', () => {
  it('opens a modal from a command trigger and applies the view_submission ack', async () => {
    await emu.sendCommand({ user: 'U0ALICE', text: 'modal' });
    const view = await emu.waitFor(() => emu.topModal('U0ALICE'));
    expect(view).toMatchObject({ callback_id: 'goal_modal', type: 'modal' });
    expect(view.id).toMatch(/^V/);

    const rejected = await emu.submitView({ user: 'U0ALICE' });
    expect(rejected.body).toEqual({
      response_action: 'errors',
      errors: { goal: 'Please write a goal' },
    });
    expect(emu.topModal('U0ALICE')?.errors).toEqual({ goal: 'Please write a goal' });
    expect(rejected.ackProblems).toBeUndefined();

    await emu.selectInView({ user: 'U0ALICE', actionId: 'track_select', value: 'manager' });
    const accepted = await emu.submitView({
      user: 'U0ALICE',
      values: { goal_input: 'Lead a team' },
    });
    expect(accepted.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({
      state: {
        values: {
          goal: { goal_input: { type: 'plain_text_input', value: 'Lead a team' } },
          track: {
            track_select: { type: 'static_select', selected_option: { value: 'manager' } },
          },
        },
      },
    });
    expect(emu.modalStack('U0ALICE')).toEqual([]);
  });

  it('rejects views.open with an expired trigger, and a trigger used twice', async () => {
    const client = apiClient();
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'Hi' },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }],
    };
    const stale = emu.issueTriggerId('U0ALICE');
    skewMs += 3_001;
    await expect(client.views.open({ trigger_id: stale, view })).rejects.toMatchObject({
      data: { ok: false, error: 'expired_trigger_id' },
    });
    expect(emu.modalStack('U0ALICE')).toEqual([]);

    const fresh = emu.issueTriggerId('U0ALICE');
    const opened = await client.views.open({ trigger_id: fresh, view });
    expect(opened.view?.id).toBe(emu.topModal('U0ALICE')?.id);
    await expect(client.views.open({ trigger_id: fresh, view })).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    });
  });

  it('rejects views with more than 100 blocks and titles over 24 characters', async () => {
    const client = apiClient();
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    await expect(
      client.views.open({
        trigger_id: emu.issueTriggerId('U0ALICE'),
        view: { type: 'modal', title: { type: 'plain_text', text: 'ok' }, blocks },
      }),
    ).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    await expect(
      client.views.open({
        trigger_id: emu.issueTriggerId('U0ALICE'),
        view: { type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [] },
      }),
    ).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
  });
});

describe('interactions inside views and ephemeral messages', () => {
  const rootView = {
    type: 'modal' as const,
    callback_id: 'root',
    title: plain('Root'),
    submit: plain('Save'),
    blocks: [
      {
        type: 'input',
        block_id: 'note',
        label: plain('Note'),
        element: { type: 'plain_text_input', action_id: 'note_input' },
      },
      {
        type: 'actions',
        block_id: 'acts',
        elements: [{ type: 'button', action_id: 'more', text: plain('More') }],
      },
    ],
  };

  it('clicks a button in a modal, the bot pushes a view, closing it sends view_closed', async () => {
    const client = apiClient();
    const opened = await client.views.open({
      trigger_id: emu.issueTriggerId('U0ALICE'),
      view: rootView,
    });
    const rootId = opened.view?.id as string;

    await emu.clickButton({ user: 'U0ALICE', viewId: rootId, actionId: 'more' });
    expect(seen[0]).toMatchObject({
      type: 'block_actions',
      container: { type: 'view', view_id: rootId },
      view: { id: rootId, callback_id: 'root' },
    });
    expect(seen[0]).not.toHaveProperty('message');
    const stack = await emu.waitFor(() =>
      emu.modalStack('U0ALICE').length === 2 ? emu.modalStack('U0ALICE') : undefined,
    );
    expect(stack[1]).toMatchObject({
      callback_id: 'detail',
      previous_view_id: rootId,
      root_view_id: rootId,
    });

    const closed = await emu.closeView({ user: 'U0ALICE' });
    expect(closed?.status).toBe(200);
    expect(seen[1]).toMatchObject({
      type: 'view_closed',
      is_cleared: false,
      view: { callback_id: 'detail' },
    });
    expect(emu.modalStack('U0ALICE').map((v) => v.id)).toEqual([rootId]);
    // The root view has no notify_on_close: closing it sends nothing.
    expect(await emu.closeView({ user: 'U0ALICE' })).toBeUndefined();
    expect(emu.modalStack('U0ALICE')).toEqual([]);
  });

  it('views.update checks the hash and keeps what the user typed', async () => {
    const client = apiClient();
    const opened = await client.views.open({
      trigger_id: emu.issueTriggerId('U0BOB'),
      view: rootView,
    });
    const viewId = opened.view?.id as string;
    await emu.selectInView({ user: 'U0BOB', actionId: 'note_input', value: 'draft' });
    await expect(
      client.views.update({ view_id: viewId, hash: 'stale', view: rootView }),
    ).rejects.toMatchObject({ data: { error: 'hash_conflict' } });
    const updated = await client.views.update({
      view_id: viewId,
      hash: opened.view?.hash as string,
      view: { ...rootView, title: plain('Updated') },
    });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(emu.topModal('U0BOB')).toMatchObject({
      title: { text: 'Updated' },
      state: { values: { note: { note_input: { type: 'plain_text_input', value: 'draft' } } } },
    });
  });

  it('clicks in an ephemeral message omit `message`, and other users cannot click it', async () => {
    const client = apiClient();
    const posted = await client.chat.postEphemeral({
      channel: 'C0GENERAL',
      user: 'U0ALICE',
      text: 'Only Alice',
      blocks: [
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'pick', text: plain('Go'), value: 'go' }],
        },
      ],
    });
    const ts = posted.message_ts as string;
    await expect(
      emu.clickButton({ user: 'U0BOB', messageTs: ts, actionId: 'pick' }),
    ).rejects.toThrow(/ephemeral for U0ALICE/);
    await emu.clickButton({ user: 'U0ALICE', messageTs: ts, actionId: 'pick' });
    expect(seen[0]).toMatchObject({ container: { message_ts: ts, is_ephemeral: true } });
    expect(seen[0]).not.toHaveProperty('message');
    const actions = (seen[0]?.actions ?? []) as JsonObject[];
    expect(actions[0]?.block_id).toEqual(expect.any(String));
  });

  it('selecting an option that does not exist is an error', async () => {
    await apiClient().views.open({
      trigger_id: emu.issueTriggerId('U0ALICE'),
      view: {
        type: 'modal',
        title: plain('Pick'),
        blocks: [
          {
            type: 'section',
            block_id: 's',
            text: { type: 'mrkdwn', text: 'Track' },
            accessory: {
              type: 'static_select',
              action_id: 'track',
              options: [{ text: plain('Staff'), value: 'staff' }],
            },
          },
        ],
      },
    });
    await expect(
      emu.selectInView({ user: 'U0ALICE', actionId: 'track', value: 'ceo' }),
    ).rejects.toThrow(/no option with value "ceo"/);
  });
});

describe('Web API', () => {
  it('mimics Slack channel errors', async () => {
    const client = apiClient();
    // Without chat:write.public (the manifest asks for it) a public channel needs the bot in it.
    const granted = emu.state.botScopes;
    emu.state.botScopes = new Set([...granted].filter((s) => s !== 'chat:write.public'));
    await expect(
      client.chat.postMessage({ channel: 'C0RANDOM', text: 'hi' }),
    ).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    emu.state.botScopes = granted;
    await expect(client.chat.postMessage({ channel: 'C0OLD', text: 'hi' })).rejects.toMatchObject({
      data: { error: 'is_archived' },
    });
    await expect(client.chat.postMessage({ channel: 'C0NOPE', text: 'hi' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    expect(emu.messages('C0RANDOM')).toEqual([]);
    expect(emu.callsTo('chat.postMessage').map((c) => c.error)).toEqual([
      'not_in_channel',
      'is_archived',
      'channel_not_found',
    ]);
  });

  it('validates message content like Slack', async () => {
    const client = apiClient();
    await expect(client.chat.postMessage({ channel: 'C0GENERAL', text: '' })).rejects.toMatchObject(
      {
        data: { error: 'no_text' },
      },
    );
    await expect(
      client.chat.postMessage({ channel: 'C0GENERAL', text: 'x'.repeat(40_001) }),
    ).rejects.toMatchObject({ data: { error: 'msg_too_long' } });
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    await expect(
      client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks }),
    ).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    expect(emu.messages('C0GENERAL')).toEqual([]);
  });

  it('posts to a user id in the bot DM, and answers users.info with time zones', async () => {
    const client = apiClient();
    const posted = await client.chat.postMessage({ channel: 'U0BOB', text: 'Your brief' });
    expect(posted.channel).toBe('D0BOB');
    expect(emu.dm('U0BOB').map((m) => m.text)).toEqual(['Your brief']);
    const opened = await client.conversations.open({ users: 'U0BOB' });
    expect(opened.channel?.id).toBe('D0BOB');
    const info = await client.users.info({ user: 'U0BOB' });
    expect(info.user).toMatchObject({
      tz: 'America/New_York',
      tz_offset: -18_000,
      real_name: 'Bob',
    });
  });

  it('updates and deletes only its own messages', async () => {
    const client = apiClient();
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'v1' });
    await client.chat.update({ channel: 'C0GENERAL', ts: posted.ts as string, text: 'v2' });
    expect(emu.findMessage(posted.ts as string)).toMatchObject({ text: 'v2' });
    expect(emu.findMessage(posted.ts as string)?.edited).toBeDefined();
    await client.chat.delete({ channel: 'C0GENERAL', ts: posted.ts as string });
    expect(emu.messages('C0GENERAL', { user: 'U0ALICE' })).toEqual([]);
    await expect(
      client.chat.update({ channel: 'C0GENERAL', ts: posted.ts as string, text: 'v3' }),
    ).rejects.toMatchObject({ data: { error: 'message_not_found' } });
  });

  it('rejects a wrong or missing token and unknown methods', async () => {
    await expect(apiClient('xoxb-wrong').auth.test()).rejects.toMatchObject({
      data: { error: 'invalid_auth' },
    });
    const missing = await fetch(`${emu.apiUrl}auth.test`, { method: 'POST' });
    expect(await missing.json()).toEqual({ ok: false, error: 'not_authed' });
    await expect(apiClient().apiCall('nope.method')).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
    expect((await apiClient().auth.test()).user_id).toBe('U0BOT');
  });

  it('failNext serves ratelimited as 429 with Retry-After, then recovers', async () => {
    emu.failNext('chat.postMessage', 'ratelimited');
    const post = () =>
      fetch(`${emu.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C0GENERAL', text: 'hi' }),
      });
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(emu.messages('C0GENERAL')).toEqual([]);

    const next = await post();
    expect(next.status).toBe(200);
    expect(emu.messages('C0GENERAL').map((m) => m.text)).toEqual(['hi']);
  });

  it('failNext serves Slack errors, 500s and dropped connections', async () => {
    const client = apiClient();
    emu.failNext('chat.postMessage', 'channel_not_found');
    await expect(
      client.chat.postMessage({ channel: 'C0GENERAL', text: 'a' }),
    ).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    emu.failNext('chat.postMessage', 'internal_error');
    const failed = await fetch(
      `${emu.apiUrl}chat.postMessage?token=${BOT_TOKEN}&channel=C0GENERAL&text=b`,
      {
        method: 'POST',
      },
    );
    expect(failed.status).toBe(500);
    emu.failNext('users.info', 'network');
    await expect(
      fetch(`${emu.apiUrl}users.info`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BOT_TOKEN}` },
        body: new URLSearchParams({ user: 'U0ALICE' }),
      }),
    ).rejects.toThrow();
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'c' });
    expect(emu.messages('C0GENERAL').map((m) => m.text)).toEqual(['c']);
  });
});

describe('emulator state', () => {
  it('emits change events and serialises its state', async () => {
    const changes: string[] = [];
    const listener = (change: { kind: string; ref?: string }) =>
      changes.push(`${change.kind}:${change.ref}`);
    emu.on('change', listener);
    await apiClient().chat.postMessage({ channel: 'C0GENERAL', text: 'hello' });
    emu.off('change', listener);
    expect(changes).toContain('message:C0GENERAL');
    expect(changes).toContain('call:chat.postMessage');
    const snapshot = emu.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.messages.C0GENERAL?.map((m) => m.text)).toEqual(['hello']);
  });

  it('revokes the token after app_uninstalled', async () => {
    const result = await emu.sendAppUninstalled();
    expect(result.status).toBe(200);
    await expect(apiClient().auth.test()).rejects.toMatchObject({
      data: { error: 'token_revoked' },
    });
  });

  it('applies latencyMs to Web API calls', async () => {
    emu.latencyMs = 150;
    try {
      const started = Date.now();
      await apiClient().auth.test();
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      emu.latencyMs = 0;
    }
  });
});

describe('response_url', () => {
  it("stores an ephemeral respond() for the command's user only", async () => {
    await emu.sendCommand({ user: 'U0ALICE', channel: 'C0ENGLEADS', text: 'respond' });
    const call = await emu.waitForCall('response_url');
    expect(call.args).toMatchObject({ text: 'psst, just for you', response_type: 'ephemeral' });
    expect(emu.messages('C0ENGLEADS', { user: 'U0ALICE' })).toMatchObject([
      { text: 'psst, just for you', ephemeralFor: 'U0ALICE', source: 'response_url' },
    ]);
    expect(emu.messages('C0ENGLEADS', { user: 'U0BOB' })).toEqual([]);
  });

  it('works in channels the bot is not in, and can replace the original message', async () => {
    const result = await emu.sendCommand({ user: 'U0BOB', channel: 'C0RANDOM', text: 'ephemeral' });
    const url = result.response_url as string;
    const respond = (body: object) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await respond({ text: 'shared', response_type: 'in_channel' })).status).toBe(200);
    expect(emu.messages('C0RANDOM', { user: 'U0ALICE' }).map((m) => m.text)).toEqual(['shared']);
    expect((await respond({})).status).toBe(400);
  });
});

describe('hooks for the playground page', () => {
  it('use() serves extra routes on the same port, before the emulator’s own', async () => {
    emu.use((_req, res, url) => {
      if (url.pathname !== '/extra/hello') return false;
      res.end('hello from the page');
      return true;
    });
    expect(await (await fetch(`${emu.url}/extra/hello`)).text()).toBe('hello from the page');
    const auth = await apiClient().auth.test();
    expect(auth.ok).toBe(true);
  });

  it('postUserMessage shows a channel message without delivering it', async () => {
    const stored = emu.postUserMessage({ user: 'U0BOB', channel: '#eng-leads', text: 'hi all' });
    expect(emu.messages('C0ENGLEADS', { user: 'U0ALICE' })).toMatchObject([
      { ts: stored.ts, user: 'U0BOB', text: 'hi all', source: 'user' },
    ]);
    expect(seen).toEqual([]);
    expect(() => emu.postUserMessage({ user: 'U0ALICE', channel: 'C0OLD', text: 'x' })).toThrow(
      /archived/,
    );
    expect(() => emu.postUserMessage({ user: 'U0ALICE', channel: 'D0ALICE', text: 'x' })).toThrow(
      /Unknown channel/,
    );
  });
});
