import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/scheduler/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const alice_ = { teamId: 'T0PLAYGND', userId: ALICE };
const DAY = 86_400_000;
const MINUTE = 60_000;

/** What a failed check-in post leads to, as the user sees it in their DM over the next days. */
let h: Harness;
let clock: ManualClock;
let alice: DmDriver;
beforeEach(async () => {
  // A fixed Monday, far from any clock change.
  clock = new ManualClock(Date.parse('2026-06-08T08:00:00Z'));
  // `info`: the scheduler's round lines, which the log tests below read.
  h = await startHarness({ clock, logLevel: 'info', sendIntervalMs: 0 });
  alice = new DmDriver(h.emu, ALICE);
  await alice.expectCall(
    () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'checkin weekly' }),
    'response_url',
  );
});
afterEach(async () => {
  await h.close();
});

const botMessages = () => h.emu.dm(ALICE).filter((m) => m.bot_id && !m.ephemeralFor);
const checkins = () => alice.checkins();
const nudges = () => botMessages().filter((m) => alice.read(m).includes('gentle nudge'));
const due = async () => (await h.deps.store.get(alice_))?.checkin?.next as number;

async function at(time: number) {
  await clock.advanceTo(time);
  await h.idle();
}

describe('a check-in Slack could not take', () => {
  it('a check-in a day late is dropped after an outage, and the next one comes on time', async () => {
    const slot = await due();
    // The bot was down over the check-in's time; Slack fails the first post when it is back.
    h.emu.failNext('chat.postMessage', 'internal_error', { times: 3 });
    await at(slot + DAY + MINUTE);
    expect(checkins()).toHaveLength(0);
    const next = await due();
    expect(next).toBe(slot + 7 * DAY);
    // No retry of the stale one ten minutes on, and no nudge about a message never posted.
    await at(slot + DAY + 11 * MINUTE);
    await at(slot + 4 * DAY);
    expect(checkins()).toHaveLength(0);
    expect(nudges()).toHaveLength(0);
    await at(next);
    expect(checkins()).toHaveLength(1);
  });

  it('an outage on time is retried in ten minutes: the check-in arrives once, with one nudge later', async () => {
    const slot = await due();
    h.emu.failNext('chat.postMessage', 'network', { times: 3 });
    await at(slot);
    expect(checkins()).toHaveLength(0);
    await at(slot + 9 * MINUTE);
    expect(checkins()).toHaveLength(0);
    await at(slot + 10 * MINUTE);
    expect(checkins()).toHaveLength(1);
    await at(slot + 3 * DAY);
    expect(nudges()).toHaveLength(1);
  });

  it('a refusal (Messages tab off) sends no nudge for the check-in that never arrived', async () => {
    const slot = await due();
    h.emu.failNext('chat.postMessage', 'messages_tab_disabled');
    await at(slot);
    await at(slot + 3 * DAY);
    await at(slot + 6 * DAY);
    expect(botMessages()).toHaveLength(0);
    await at(slot + 7 * DAY);
    expect(checkins()).toHaveLength(1);
  });

  it('a nudge lost to an outage comes ten minutes later, once', async () => {
    const slot = await due();
    await at(slot);
    expect(checkins()).toHaveLength(1);
    const nudgeAt = slot + 2 * DAY + 3 * 3_600_000;
    h.emu.failNext('chat.postMessage', 'internal_error', { times: 3 });
    await at(nudgeAt);
    expect(nudges()).toHaveLength(0);
    await at(nudgeAt + 10 * MINUTE);
    expect(nudges()).toHaveLength(1);
    await at(nudgeAt + DAY);
    expect(nudges()).toHaveLength(1);
  });
});

/**
 * The operator's only view of the check-in scheduler is its log: one line per round saying how
 * many check-ins went out, were nudged, had nothing to send or failed, and a line per failure
 * with Slack's code. Never what anyone answered.
 */
/** The log lines with this message, parsed, logged after the first `from` characters. */
function logged(msg: string, from = 0): Record<string, unknown>[] {
  return h
    .logs()
    .slice(from)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === msg);
}
const loggedSoFar = () => h.logs().length;

/** Moves the bot's clock to `time` and returns the round's summary line. */
async function roundAt(time: number): Promise<Record<string, unknown> | undefined> {
  const from = loggedSoFar();
  await at(time);
  const rounds = logged('check-ins run', from);
  expect(rounds).toHaveLength(1);
  return rounds[0];
}

const ZERO = { claimed: 1, sent: 0, nudged: 0, skipped: 0, failed: 0, rateLimited: 0 };

describe('the check-in log', () => {
  it('says a check-in went out, then its nudge', async () => {
    const slot = await due();
    expect(await roundAt(slot)).toMatchObject({ ...ZERO, sent: 1 });
    expect(await roundAt(slot + 3 * DAY)).toMatchObject({ ...ZERO, nudged: 1 });
  });

  it('says a check-in Slack refused failed, with its code', async () => {
    const slot = await due();
    const from = loggedSoFar();
    h.emu.failNext('chat.postMessage', 'messages_tab_disabled');
    expect(await roundAt(slot)).toMatchObject({ ...ZERO, failed: 1 });
    expect(logged('check-in not sent', from)).toEqual([
      expect.objectContaining({ user: ALICE, code: 'messages_tab_disabled' }),
    ]);
  });

  it('says a round found nothing to send, with check-ins on and with them off', async () => {
    const slot = await due();
    // A schedule entry ahead of the settings (another instance's, say): nothing is due yet.
    await h.schedule.setDue(alice_, slot - DAY);
    expect(await roundAt(slot - DAY)).toMatchObject({ ...ZERO, skipped: 1 });
    expect(await h.schedule.getDue(alice_)).toBe(slot);

    // No check-in settings at all (turned off on another instance, say), and a stale entry left
    // behind: skipped, and the entry is gone.
    const state = await h.deps.store.get(alice_);
    if (!state?.checkin) throw new Error('no check-ins');
    const { checkin: _dropped, ...withoutCheckins } = state;
    await h.deps.store.set(alice_, withoutCheckins);
    await h.schedule.setDue(alice_, slot - DAY / 2);
    expect(await roundAt(slot - DAY / 2)).toMatchObject({ ...ZERO, skipped: 1 });
    expect(await h.schedule.getDue(alice_)).toBeNull();
  });
});
