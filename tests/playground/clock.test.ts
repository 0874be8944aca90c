import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localParts } from '../../src/engine/index.ts';
import type { ClockState } from '../../src/playground/page-server.ts';
import { startTestPlayground, type TestPlayground } from '../support/playground.ts';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let pg: TestPlayground;
let base: string;

beforeEach(async () => {
  pg = await startTestPlayground();
  base = pg.emulator.url;
});
afterEach(async () => {
  await pg.stop();
});

async function post(action: string, body: unknown, contentType = 'application/json') {
  const res = await fetch(`${base}/playground/${action}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function clockOf(user: string): Promise<ClockState> {
  const res = await fetch(`${base}/playground/state?user=${user}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { clock: ClockState }).clock;
}

/** Check-ins the bot posted (chat.postMessage with the check-in's answer buttons) to a DM. */
function checkinsPosted(dm: string) {
  return pg.emulator
    .callsTo('chat.postMessage')
    .filter(
      (c) =>
        c.ok &&
        (c.args as { channel?: string }).channel === dm &&
        JSON.stringify(c.args).includes('career.checkin.answer'),
    );
}

/** `/career-path checkin weekly` typed on the page, answered by the bot in the person's DM. */
async function optIn(user: string) {
  const from = (pg.emulator.calls.at(-1)?.seq ?? -1) + 1;
  const sent = await post('command', {
    user,
    channel: `D${user.slice(1)}`,
    text: 'checkin weekly',
  });
  expect(sent.status).toBe(200);
  await pg.emulator.waitForCall('response_url', undefined, 3_000, from);
}

describe('the playground clock', () => {
  it('moving it forward sends the check-in that fell due, and the page state follows', async () => {
    const start = await clockOf(ALICE);
    expect(start).toMatchObject({ tz: 'Europe/London', nextCheckin: null, pausedUntil: null });
    expect(Math.abs(start.now - Date.now())).toBeLessThan(5_000);

    await optIn(ALICE);
    const optedIn = await clockOf(ALICE);
    const due = optedIn.nextCheckin as number;
    expect(due).toBeGreaterThan(optedIn.now);
    expect(due - optedIn.now).toBeLessThanOrEqual(7 * DAY);
    // Weekly on the default day and time, in Alice's own zone.
    expect(localParts(due, 'Europe/London')).toMatchObject({ hour: 10, minute: 0 });
    // Bob has not opted in, and sees his own zone.
    expect(await clockOf(BOB)).toMatchObject({ tz: 'America/New_York', nextCheckin: null });
    expect(checkinsPosted('D0ALICE')).toHaveLength(0);

    const moved = await post('clock/advance', { user: ALICE, ms: 7 * DAY });
    expect(moved.status).toBe(200);
    // It answers once the scheduler has sent what fell due: the check-in is already there.
    expect(checkinsPosted('D0ALICE')).toHaveLength(1);
    expect(checkinsPosted('D0BOB')).toHaveLength(0);
    const after = moved.body.clock as ClockState;
    expect(after.now - optedIn.now).toBeGreaterThanOrEqual(7 * DAY);
    expect(after.nextCheckin).toBe(due + 7 * DAY);
    const dm = pg.emulator.dm(ALICE);
    expect(dm.at(-1)?.text).toContain('check-in');
    // The workspace shares the bot's clock: the message is stamped a week on.
    expect(Number(dm.at(-1)?.ts) * 1000).toBeGreaterThanOrEqual(due);

    // The page keeps working a week on: commands are still signed, accepted and answered.
    const status = await post('command', { user: ALICE, channel: 'D0ALICE', text: 'checkin' });
    expect(status).toMatchObject({ status: 200, body: { ok: true, status: 200 } });
  });

  it('sends nothing before the due time, and the check-in exactly once after it', async () => {
    await optIn(ALICE);
    const { now, nextCheckin } = await clockOf(ALICE);
    const due = nextCheckin as number;
    // To a minute before the check-in: nothing yet.
    expect((await post('clock/advance', { user: ALICE, ms: due - now - 60_000 })).status).toBe(200);
    expect(checkinsPosted('D0ALICE')).toHaveLength(0);
    expect((await clockOf(ALICE)).nextCheckin).toBe(due);
    await post('clock/advance', { user: ALICE, ms: HOUR });
    expect(checkinsPosted('D0ALICE')).toHaveLength(1);
    await post('clock/advance', { user: ALICE, ms: HOUR });
    expect(checkinsPosted('D0ALICE')).toHaveLength(1);
  });

  it('"to the next check-in" lands on its due time, so it arrives on time, not late', async () => {
    expect(await post('clock/next-checkin', { user: ALICE })).toMatchObject({
      status: 409,
      body: {
        error: 'no_checkin',
        message: 'Alice has no check-in scheduled. Turn check-ins on first.',
      },
    });
    await optIn(ALICE);
    const due = (await clockOf(ALICE)).nextCheckin as number;
    const moved = await post('clock/next-checkin', { user: ALICE });
    expect(moved.status).toBe(200);
    const sent = checkinsPosted('D0ALICE');
    expect(sent).toHaveLength(1);
    const ts = Number((sent[0]?.response as { ts?: string } | undefined)?.ts) * 1000;
    expect(ts - due).toBeGreaterThanOrEqual(-1_000);
    expect(ts - due).toBeLessThan(5_000);
    expect((moved.body.clock as ClockState).nextCheckin).toBe(due + 7 * DAY);
  });

  it('refuses a move backwards, too far, or not in JSON, and leaves the clock alone', async () => {
    const before = (await clockOf(ALICE)).now;
    const cases: [unknown, string][] = [
      [{ user: ALICE, ms: -DAY }, 'ms: must move the clock forward'],
      [{ user: ALICE, ms: 0 }, 'ms: must move the clock forward'],
      [{ user: ALICE, ms: 61 * DAY }, 'ms: must be at most 60 days'],
      [{ user: ALICE, ms: 1.5 }, 'ms: must be whole milliseconds'],
      [{ user: ALICE, ms: '86400000' }, 'ms:'],
      [{ ms: DAY }, 'user:'],
    ];
    for (const [body, message] of cases) {
      const answer = await post('clock/advance', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.message).toContain(message);
    }
    expect(await post('clock/advance', { user: 'U0NOBODY', ms: DAY })).toMatchObject({
      status: 400,
      body: { error: 'unknown_user' },
    });
    expect(
      (await post('clock/advance', `user=${ALICE}&ms=${DAY}`, 'application/x-www-form-urlencoded'))
        .status,
    ).toBe(415);
    const foreign = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${base}/playground/clock/advance`,
        {
          method: 'POST',
          headers: { host: 'rebound.example:3000', 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ user: ALICE, ms: DAY }));
    });
    expect(foreign).toBe(403);
    expect((await clockOf(ALICE)).now - before).toBeLessThan(DAY);
    expect((await fetch(`${base}/playground/clock/back`, { method: 'POST' })).status).toBe(404);
  });
});
