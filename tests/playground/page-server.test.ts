import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserView } from '../../src/playground/user-view.ts';
import { startTestPlayground, type TestPlayground } from '../support/playground.ts';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';

let pg: TestPlayground;
/** The page's origin on loopback (the printed address says localhost; same server). */
let base: string;

beforeEach(async () => {
  pg = await startTestPlayground();
  base = pg.emulator.url;
});
afterEach(async () => {
  await pg.stop();
});

async function post(action: string, body: object) {
  const res = await fetch(`${base}/playground/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function stateFor(user: string): Promise<UserView> {
  const res = await fetch(`${base}/playground/state?user=${user}`);
  expect(res.status).toBe(200);
  return (await res.json()) as UserView;
}

function dmOf(view: UserView) {
  const dm = view.conversations.find((c) => c.kind === 'app');
  if (!dm) throw new Error('no DM in view');
  return dm;
}

/** Waits until the bot has answered into Alice's DM with a message matching `pattern`. */
function waitForDm(user: string, pattern: RegExp) {
  return pg.emulator.waitFor(
    () => pg.emulator.dm(user).find((m) => m.bot_id && pattern.test(m.text)),
    3_000,
  );
}

describe('the playground server', () => {
  it('prints its address and serves the page with a strict content security policy', async () => {
    expect(pg.printed[0]).toMatch(/^career-path playground: http:\/\/localhost:\d+$/);
    expect(pg.url).toBe(`http://localhost:${new URL(base).port}`);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('Local playground.');
    expect(html).toContain('Nothing leaves this machine.');
    const script = await fetch(`${base}/page/app.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('EventSource');
  });

  it('answers GET /healthz on the printed address once the bot behind it is up', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('serves only the page folder, and only to a loopback Host', async () => {
    expect((await fetch(`${base}/page/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/page/nope.js`)).status).toBe(404);
    const foreign = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/`, { headers: { host: 'rebound.example:3000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(foreign).toBe(403);
  });

  it('a command typed on the page reaches the real bot, which answers in the DM, signed both ways', async () => {
    const sent = await post('command', { user: ALICE, channel: 'C0GENERAL', text: '' });
    expect(sent).toEqual({ status: 200, body: { ok: true, status: 200 } });
    await waitForDm(ALICE, /Step 1 of 10/);
    const alice = await stateFor(ALICE);
    expect(dmOf(alice).messages.at(-1)?.text).toContain('Step 1 of 10');
    // The pointer in #general is Alice's alone.
    const general = alice.conversations.find((c) => c.id === 'C0GENERAL');
    expect(general?.messages.some((m) => m.ephemeral && /DM/.test(m.text))).toBe(true);
    const bob = await stateFor(BOB);
    expect(bob.conversations.find((c) => c.id === 'C0GENERAL')?.messages).toEqual([]);
    expect(dmOf(bob).messages).toEqual([]);
    expect(bob.conversations.map((c) => c.id)).not.toContain('D0ALICE');
  });

  it('a click posted through the page API moves the exchange on', async () => {
    await post('command', { user: ALICE, channel: 'D0ALICE', text: 'start' });
    const step = await waitForDm(ALICE, /Step 1 of 10/);
    const answer = (step.blocks ?? []).find((b) => b.block_id === 'answer')?.elements as {
      action_id: string;
    }[];
    const clicked = await post('click', {
      user: ALICE,
      messageTs: step.ts,
      channel: 'D0ALICE',
      actionId: answer[0]?.action_id,
      blockId: 'answer',
    });
    expect(clicked.status).toBe(200);
    await waitForDm(ALICE, /Step 2 of 10/);
    expect(dmOf(await stateFor(ALICE)).messages.at(-1)?.text).toContain('Step 2 of 10');
  });

  it('a message in the DM is delivered as message.im; one in a channel is only shown', async () => {
    expect((await post('message', { user: ALICE, channel: 'D0ALICE', text: 'start' })).status).toBe(
      200,
    );
    await waitForDm(ALICE, /Step 1 of 10/);
    const calls = pg.emulator.calls.length;
    expect(
      (await post('message', { user: BOB, channel: 'C0ENGLEADS', text: 'morning all' })).status,
    ).toBe(200);
    const alice = await stateFor(ALICE);
    const engLeads = alice.conversations.find((c) => c.id === 'C0ENGLEADS');
    expect(engLeads?.messages).toMatchObject([{ author: BOB, text: 'morning all' }]);
    expect(pg.emulator.calls.length).toBe(calls);
  });

  it('pushes a change event when the workspace changes', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/playground/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let seen = '';
    const versions = () =>
      [...seen.matchAll(/event: change\ndata: (\d+)\n/g)].map((m) => Number(m[1]));
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`stream ended; got ${seen}`);
        seen += decoder.decode(chunk.value);
      }
    };
    await readUntil(() => versions().length > 0);
    expect(seen).toContain('retry: 1000');
    const first = versions()[0] ?? 0;
    await post('home', { user: ALICE });
    await readUntil(() => versions().some((v) => v > first));
    expect(Math.max(...versions())).toBeGreaterThan(first);
    controller.abort();
  });

  it('answers bad requests with a clear reason and acts on nothing', async () => {
    const form = await fetch(`${base}/playground/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=U0ALICE',
    });
    expect(form.status).toBe(415);
    expect(await post('command', { user: 'U0NOBODY', channel: 'C0GENERAL' })).toMatchObject({
      status: 400,
      body: { error: 'unknown_user' },
    });
    expect(
      await post('command', { user: ALICE, channel: 'C0GENERAL', command: '/giphy' }),
    ).toMatchObject({
      status: 400,
      body: { message: '/giphy is not a command in this playground. Try /career-path help.' },
    });
    expect(
      await post('click', { user: ALICE, messageTs: '1.000001', actionId: 'career.back' }),
    ).toMatchObject({ status: 409, body: { message: 'No message with ts 1.000001' } });
    expect(await post('submit', { user: ALICE, viewId: 'V0000000001' })).toMatchObject({
      status: 409,
      body: { error: 'view_gone' },
    });
    expect(pg.emulator.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('the bot checks real signatures: an unsigned delivery is refused', async () => {
    const forged = await pg.emulator.deliverRaw({
      body: JSON.stringify({ type: 'url_verification', challenge: 'x' }),
      sign: false,
    });
    expect(forged.status).toBe(401);
  });

  it('stop() closes the page, the event streams and the bot', async () => {
    const res = await fetch(`${base}/playground/events`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await pg.stop();
    let ended = false;
    while (!ended) ended = (await reader.read()).done;
    await expect(fetch(`${base}/`)).rejects.toThrow();
  });
});
