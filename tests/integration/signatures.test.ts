import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/playground/emulator/index.ts';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/harness.ts';
import { encodeForm, slashCommandPayload } from '../support/payloads.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** Alice typing `/career-path start` in #general. */
const commandBody = encodeForm(
  slashCommandPayload({
    text: 'start',
    trigger_id: '1.2.3',
    response_url: 'http://127.0.0.1:1/response/x',
  }),
);
const form = 'application/x-www-form-urlencoded';

async function expectRejected(headers: Record<string, string | undefined>) {
  const res = await h.emu.deliverRaw({
    body: commandBody,
    contentType: form,
    sign: false,
    headers,
  });
  expect(res.status).toBe(401);
  // A wrongly accepted request would still be under way, about to make a Web API call.
  await h.idle();
  expect(h.emu.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
  expect(await h.deps.store.size()).toBe(0);
}

describe('only requests signed by Slack are accepted', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('a correctly signed command is accepted (the control case)', async () => {
    const ts = now();
    const res = await h.emu.deliverRaw({
      body: commandBody,
      contentType: form,
      sign: false,
      headers: { ...signRequest(SIGNING_SECRET, commandBody, ts) },
    });
    expect(res.status).toBe(200);
  });

  it('an unsigned request gets 401 and no Web API call', async () => {
    await expectRejected({});
  });

  it('a wrong signature gets 401 and no Web API call', async () => {
    await expectRejected({
      ...signRequest('0000000000000000ffffffffffffffff', commandBody, now()),
    });
  });

  it('a correctly signed request from 6 minutes ago gets 401', async () => {
    await expectRejected({ ...signRequest(SIGNING_SECRET, commandBody, now() - 6 * 60) });
  });

  it('a signed body replayed with a changed field gets 401', async () => {
    const headers = signRequest(SIGNING_SECRET, commandBody, now());
    const tampered = commandBody.replace('U0ALICE', 'U0BOB');
    const res = await h.emu.deliverRaw({
      body: tampered,
      contentType: form,
      sign: false,
      headers: { ...headers },
    });
    expect(res.status).toBe(401);
  });

  it('GET /healthz answers 200', async () => {
    const res = await fetch(`${h.botUrl}/healthz`);
    expect(res.status).toBe(200);
  });
});
