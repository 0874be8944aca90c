import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';
import { makeEventId } from '../support/payloads.ts';

const ALICE = 'U0ALICE';
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const replies = () => h.emu.callsTo('chat.postMessage').length;

describe('Events API retries and duplicates never produce a second reply', () => {
  it('a retry (x-slack-retry-num) of a DM we already handled is acked and ignored', async () => {
    const first = await h.emu.sendDm({ user: ALICE, text: 'start' });
    await h.emu.waitForCall('chat.postMessage');
    await h.idle();
    const before = replies();
    const stored = await h.deps.store.get({ teamId: 'T0PLAYGND', userId: ALICE });
    for (const n of ['1', '2', '3']) {
      const retry = await h.emu.deliverRaw({
        body: JSON.stringify(first.sent),
        headers: { 'x-slack-retry-num': n, 'x-slack-retry-reason': 'http_timeout' },
      });
      expect(retry.status).toBe(200);
    }
    await h.idle();
    expect(replies()).toBe(before);
    expect(await h.deps.store.get({ teamId: 'T0PLAYGND', userId: ALICE })).toEqual(stored);
  });

  it('the same event_id delivered twice without a retry header is handled once', async () => {
    const first = await h.emu.sendDm({ user: ALICE, text: 'help' });
    await h.emu.waitForCall('chat.postMessage');
    const again = await h.emu.deliverRaw({ body: JSON.stringify(first.sent) });
    expect(again.status).toBe(200);
    await h.idle();
    expect(replies()).toBe(1);
  });

  it('two different deliveries of the same words (new event_ids) both get an answer', async () => {
    await h.emu.sendDm({ user: ALICE, text: 'help' });
    await h.emu.sendDm({ user: ALICE, text: 'help' });
    await h.idle();
    expect(replies()).toBe(2);
  });

  it('a retry whose first delivery never reached us is handled (once)', async () => {
    const retry = await h.emu.sendDm({
      user: ALICE,
      text: 'help',
      overrides: { event_id: makeEventId() },
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' },
    });
    expect(retry.status).toBe(200);
    await h.emu.waitForCall('chat.postMessage');
    await h.emu.deliverRaw({
      body: JSON.stringify(retry.sent),
      headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' },
    });
    await h.idle();
    expect(replies()).toBe(1);
  });

  it('a store that fails open: a broken dedupe store still lets the bot answer', async () => {
    await h.close();
    h = await startHarness({
      dedupe: {
        firstSeen: () => Promise.reject(new Error('store down')),
      },
    });
    await h.emu.sendDm({ user: ALICE, text: 'help' });
    await h.emu.waitForCall('chat.postMessage');
    expect(h.logs()).toContain('dedupe store failed');
  });
});
