import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/playground/emulator/index.ts';
import { BODY_LIMIT_BYTES } from '../../src/slack/transport/request-guard.ts';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/harness.ts';
import { encodeForm, slashCommandPayload } from '../support/payloads.ts';

let h: Harness;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeEach(async () => {
  rejections.length = 0;
  process.on('unhandledRejection', onRejection);
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
  process.off('unhandledRejection', onRejection);
});

/** Alice typing `/career-path start` in #general. */
const commandBody = encodeForm(
  slashCommandPayload({
    text: 'start',
    trigger_id: '1.2.3',
    response_url: 'http://127.0.0.1:1/response/x',
  }),
);
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const nowSec = () => Math.floor(Date.now() / 1000);

/** A request that must change nothing: no Web API call, nothing stored, and the bot still answers. */
async function expectNothingHappened() {
  await h.idle();
  expect(h.emu.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
  expect(await h.deps.store.size()).toBe(0);
  expect((await fetch(`${h.botUrl}/healthz`)).status).toBe(200);
  expect(rejections).toEqual([]);
}

function signedAt(body: string, ts: number) {
  return { ...signRequest(SIGNING_SECRET, body, ts) };
}

describe('the signature window is 5 minutes both ways', () => {
  it('a correctly signed request dated 6 minutes in the future gets 401 and changes nothing', async () => {
    const res = await h.emu.deliverRaw({
      body: commandBody,
      contentType: FORM,
      sign: false,
      headers: signedAt(commandBody, nowSec() + 6 * 60),
    });
    expect(res.status).toBe(401);
    await expectNothingHappened();
  });

  it('a signed request dated a day ahead gets 401 too', async () => {
    const res = await h.emu.deliverRaw({
      body: commandBody,
      contentType: FORM,
      sign: false,
      headers: signedAt(commandBody, nowSec() + 86_400),
    });
    expect(res.status).toBe(401);
    await expectNothingHappened();
  });

  it.each([
    ['4 minutes ahead', 4 * 60],
    ['4 minutes old', -4 * 60],
  ])('a signed request %s is still accepted (clock drift within the window)', async (_, skew) => {
    const res = await h.emu.deliverRaw({
      body: commandBody,
      contentType: FORM,
      sign: false,
      headers: signedAt(commandBody, nowSec() + skew),
    });
    expect(res.status).toBe(200);
    await h.emu.waitForCall('chat.postMessage');
  });

  it('a non-numeric timestamp gets 401', async () => {
    const headers = signedAt(commandBody, nowSec());
    const res = await h.emu.deliverRaw({
      body: commandBody,
      contentType: FORM,
      sign: false,
      headers: { ...headers, 'X-Slack-Request-Timestamp': 'soon' },
    });
    expect(res.status).toBe(401);
    await expectNothingHappened();
  });
});

describe('malformed bodies get 400, never a crash', () => {
  const signedCases: [string, string, string][] = [
    ['broken JSON', '{"type":"event_callback",', JSON_TYPE],
    ['a JSON null (Bolt alone never answers and rejects a promise)', 'null', JSON_TYPE],
    ['a JSON number', '42', JSON_TYPE],
    ['a JSON array', '[]', JSON_TYPE],
    ['an empty JSON body', '', JSON_TYPE],
    ['a form payload that is not JSON', 'payload=%7Bnot-json', FORM],
    ['a form payload of null', 'payload=null', FORM],
    ['a form payload that is a string', 'payload=%22hi%22', FORM],
  ];
  it.each(signedCases)('signed %s → 400', async (_, body, contentType) => {
    const res = await h.emu.deliverRaw({ body, contentType });
    expect(res.status).toBe(400);
    await expectNothingHappened();
  });

  it('the same malformed body unsigned gets 401 (nothing is told to someone who cannot sign)', async () => {
    const res = await h.emu.deliverRaw({ body: 'null', contentType: JSON_TYPE, sign: false });
    expect(res.status).toBe(401);
    await expectNothingHappened();
  });

  it('a well-formed but meaningless signed object changes nothing and gets no 5xx', async () => {
    const res = await h.emu.deliverRaw({ body: '{"hello":"world"}', contentType: JSON_TYPE });
    expect(res.status).toBeLessThan(500);
    await expectNothingHappened();
  });
});

/**
 * Sends the headers and `bytes` of body, then holds the request open without ending it. A server
 * that answers now has refused without waiting for (or reading) the rest.
 */
function sendAndHold(
  url: string,
  headers: Record<string, string>,
  bytes: number,
): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
      req.destroy();
    });
    // A hang guard, not a speed limit: a server that waits for the rest never answers at all.
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error('the server waited for the rest of the body'));
    }, 10_000);
    req.on('close', () => clearTimeout(timer));
    req.on('error', () => {});
    req.flushHeaders();
    if (bytes > 0) req.write(Buffer.alloc(bytes, 'a'));
  });
}

const probeHeaders = () => ({
  'content-type': JSON_TYPE,
  'x-slack-request-timestamp': String(nowSec()),
  'x-slack-signature': 'v0=00',
});

describe('oversized bodies are refused without reading them', () => {
  it('a declared Content-Length over the limit gets 413 before any of the body is sent', async () => {
    const { status } = await sendAndHold(
      `${h.botUrl}/slack/events`,
      { ...probeHeaders(), 'content-length': String(50 * 1024 * 1024) },
      0,
    );
    expect(status).toBe(413);
    await expectNothingHappened();
  });

  it('a chunked body with no length is refused as soon as it passes the limit', async () => {
    const { status } = await sendAndHold(
      `${h.botUrl}/slack/events`,
      { ...probeHeaders(), 'transfer-encoding': 'chunked' },
      BODY_LIMIT_BYTES + 64 * 1024,
    );
    expect(status).toBe(413);
    await expectNothingHappened();
  });

  it('a body just under the limit is read and then judged on its signature', async () => {
    const body = JSON.stringify({
      type: 'event_callback',
      pad: 'x'.repeat(BODY_LIMIT_BYTES - 100),
    });
    const res = await h.emu.deliverRaw({ body, contentType: JSON_TYPE, sign: false });
    expect(res.status).toBe(401);
    await expectNothingHappened();
  });
});
