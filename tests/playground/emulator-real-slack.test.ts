import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackEmulator } from '../../src/playground/emulator/index.ts';

const BOT_TOKEN = 'xoxb-test-token';
const emu = new SlackEmulator({ signingSecret: 'test-signing-secret', botToken: BOT_TOKEN });

beforeAll(async () => {
  await emu.start();
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(() => {
  emu.clearFaults();
});

/** One raw Web API call, as Slack's HTTP API sees it. */
function call(method: string, args: Record<string, unknown>, signal?: AbortSignal) {
  return fetch(`${emu.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
    ...(signal ? { signal } : {}),
  });
}

describe('faults Slack really serves', () => {
  it('answers a 429 with the Retry-After asked for, capped at 60 s', async () => {
    emu.failNext('chat.postMessage', 'ratelimited', { retryAfter: 30 });
    emu.failNext('chat.postMessage', 'ratelimited', { retryAfter: 600 });
    const first = await call('chat.postMessage', { channel: 'C0GENERAL', text: 'hi' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('30');
    const second = await call('chat.postMessage', { channel: 'C0GENERAL', text: 'hi' });
    expect(second.headers.get('retry-after')).toBe('60');
  });

  it('can hold a connection open and never answer it (stall)', async () => {
    emu.failNext('chat.update', 'stall');
    const outcome = await call('chat.update', {}, AbortSignal.timeout(300)).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    expect(outcome).toBe('TimeoutError');
    expect(emu.calls.at(-1)?.error).toBe('stall');
  });
});

describe('scopes, as Slack checks them', () => {
  const scoped = (scopes: string[]) =>
    new SlackEmulator({ signingSecret: 's', botToken: BOT_TOKEN, scopes });

  async function callOn(e: SlackEmulator, method: string, args: Record<string, unknown>) {
    await e.start();
    try {
      const res = await fetch(`${e.apiUrl}${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      return (await res.json()) as { ok: boolean; error?: string; needed?: string };
    } finally {
      await e.stop();
    }
  }

  it('answers missing_scope for a method the scopes do not cover, naming what is needed', async () => {
    const answer = await callOn(scoped(['chat:write']), 'users.info', { user: 'U0ALICE' });
    expect(answer).toMatchObject({ ok: false, error: 'missing_scope', needed: 'users:read' });
  });

  it("grants manifest.json's scopes by default", async () => {
    const answer = await call('users.info', { user: 'U0ALICE' });
    expect(((await answer.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('posts into a public channel the bot is not in only with chat:write.public', async () => {
    const args = { channel: 'C0RANDOM', text: 'hi' };
    expect(await callOn(scoped(['chat:write']), 'chat.postMessage', args)).toMatchObject({
      ok: false,
      error: 'not_in_channel',
    });
    expect(
      await callOn(scoped(['chat:write', 'chat:write.public']), 'chat.postMessage', args),
    ).toMatchObject({ ok: true });
  });
});

describe('element-level Block Kit rules answer invalid_blocks like Slack', () => {
  const opt = (text: string, value: string) => ({
    text: { type: 'plain_text', text },
    value,
  });
  const select = (extra: Record<string, unknown>) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: 'pick' },
    accessory: { type: 'static_select', action_id: 'pick', options: [opt('a', 'a')], ...extra },
  });
  const button = (extra: Record<string, unknown> = {}) => ({
    type: 'button',
    action_id: 'go',
    text: { type: 'plain_text', text: 'Go' },
    ...extra,
  });
  const confirm = (title: string) => ({
    title: { type: 'plain_text', text: title },
    text: { type: 'plain_text', text: 'Sure?' },
    confirm: { type: 'plain_text', text: 'Yes' },
    deny: { type: 'plain_text', text: 'No' },
  });
  const many = (n: number) => Array.from({ length: n }, (_, i) => opt(`o${i}`, `v${i}`));

  it.each([
    ['option text over 75', select({ options: [opt('x'.repeat(76), 'a')] }), '/options/0/text'],
    ['option value over 150', select({ options: [opt('a', 'v'.repeat(151))] }), '/options/0/value'],
    [
      'placeholder over 150',
      select({ placeholder: { type: 'plain_text', text: 'p'.repeat(151) } }),
      '/placeholder/text',
    ],
    ['a confirm title over 100', select({ confirm: confirm('t'.repeat(101)) }), '/confirm/title'],
    [
      'an initial_option that is not an option',
      select({ initial_option: opt('b', 'b') }),
      '/initial_option',
    ],
    ['101 options in a select', select({ options: many(101) }), '/options'],
    [
      '11 checkboxes',
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'tick' },
        accessory: { type: 'checkboxes', action_id: 'tick', options: many(11) },
      },
      '/options',
    ],
    [
      'two elements with one action_id in a block',
      { type: 'actions', elements: [button(), button()] },
      '/elements/1/action_id',
    ],
    [
      'button text over 75',
      {
        type: 'actions',
        elements: [button({ text: { type: 'plain_text', text: 'b'.repeat(76) } })],
      },
      '/text/text',
    ],
  ])('%s', async (_label, block, pointer) => {
    const res = await call('chat.postMessage', {
      channel: 'C0GENERAL',
      text: 'x',
      blocks: [block],
    });
    const body = (await res.json()) as {
      ok: boolean;
      error?: string;
      response_metadata?: { messages?: string[] };
    };
    expect(body).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(body.response_metadata?.messages?.join('\n')).toContain(pointer);
  });

  it('accepts the same shapes inside the limits', async () => {
    const res = await call('chat.postMessage', {
      channel: 'C0GENERAL',
      text: 'x',
      blocks: [
        select({ options: many(100), initial_option: opt('o3', 'v3'), confirm: confirm('Sure') }),
        { type: 'actions', elements: [button(), button({ action_id: 'other' })] },
      ],
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  });
});

describe('DMs Slack refuses', () => {
  it('cannot_dm_bot: a DM with a bot user', async () => {
    emu.state.users.set('U0ROBOT', {
      id: 'U0ROBOT',
      name: 'robot',
      real_name: 'Robot',
      tz: 'UTC',
      tz_label: 'UTC',
      tz_offset: 0,
      is_bot: true,
    });
    const opened = await (await call('conversations.open', { users: 'U0ROBOT' })).json();
    expect(opened).toMatchObject({ ok: false, error: 'cannot_dm_bot' });
    const posted = await (
      await call('chat.postMessage', { channel: 'U0ROBOT', text: 'hi' })
    ).json();
    expect(posted).toMatchObject({ ok: false, error: 'cannot_dm_bot' });
  });

  it('messages_tab_disabled: DMs from the app while its Messages tab is off', async () => {
    emu.state.messagesTab = false;
    try {
      const posted = await (
        await call('chat.postMessage', { channel: 'U0ALICE', text: 'hi' })
      ).json();
      expect(posted).toMatchObject({ ok: false, error: 'messages_tab_disabled' });
      const elsewhere = await (
        await call('chat.postMessage', { channel: 'C0GENERAL', text: 'hi' })
      ).json();
      expect(elsewhere).toMatchObject({ ok: true });
    } finally {
      emu.state.messagesTab = true;
    }
  });
});
