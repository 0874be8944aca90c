import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { ManualClock } from '../../src/scheduler/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const alice_ = { teamId: 'T0PLAYGND', userId: ALICE };
const DAY = 86_400_000;
const NUDGE_AFTER = 2 * DAY + 3 * 3_600_000;

/**
 * Clicks on check-in messages, old and new, as a person makes them over a few weeks: each says
 * what happened, and none loses or invents an answer.
 */
let h: Harness;
let clock: ManualClock;
let alice: DmDriver;
beforeEach(async () => {
  // A fixed Monday in June: London is on summer time, no clock change near.
  clock = new ManualClock(Date.parse('2026-06-08T08:00:00Z'));
  h = await startHarness({ clock, logLevel: 'warn', sendIntervalMs: 0 });
  alice = new DmDriver(h.emu, ALICE);
  await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
  await alice.finish({ pick: () => 0 });
  await command('checkin weekly');
});
afterEach(async () => {
  await h.close();
});

async function command(text: string) {
  await alice.expectCall(
    () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text }),
    'response_url',
  );
}

const read = (m: StoredMessage) => alice.read(m);
const checkinsSent = () => alice.checkins();
const nudges = () => h.emu.dm(ALICE).filter((m) => m.text === 'A gentle nudge about your check-in');
const checkinEntries = async () =>
  ((await h.deps.store.get(alice_))?.history ?? []).filter((e) => e.src === 'c');

async function toNextCheckin(): Promise<StoredMessage> {
  await clock.advanceTo((await h.deps.store.get(alice_))?.checkin?.next as number);
  await h.idle();
  return checkinsSent().at(-1) as StoredMessage;
}

/** What the bot answered clicks with since call `from`, ephemeral or in place. */
const repliesSince = (from: number) =>
  h.emu.calls
    .slice(from)
    .filter((c) => c.method === 'response_url')
    .map((c) => JSON.stringify(c.args))
    .join('\n');

async function tapAndRead(message: StoredMessage, label: string): Promise<string> {
  const from = h.emu.calls.length;
  await tap(message, label);
  return repliesSince(from);
}

async function tap(message: StoredMessage, label: string) {
  await alice.clickLabel(label, message);
  await h.idle();
}

async function snooze(message: StoredMessage, date: string): Promise<string> {
  const from = h.emu.calls.length;
  await h.emu.selectOption({
    user: ALICE,
    messageTs: message.ts,
    actionId: ACTION.checkinSnooze,
    value: date,
  });
  await h.idle();
  return repliesSince(from);
}

const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);
const snoozeStart = (m: StoredMessage) =>
  alice.blocks(m).find((b) => b.accessory?.action_id === ACTION.checkinSnooze)?.accessory as
    | { initial_date?: string }
    | undefined;

describe('clicks on a check-in', () => {
  it('after check-ins are turned off, a click on the old one says it ended, and records nothing', async () => {
    const checkin = await toNextCheckin();
    // A stale copy of the message (another device): the edit that would remove its buttons fails.
    h.emu.failNext('chat.update', 'cant_update_message');
    await command('checkin off');
    const told = await tapAndRead(checkin, 'Not much, honestly');
    expect(told).toContain('That check-in is no longer open');
    expect(told).not.toContain('A newer check-in replaced this one');
    expect(await checkinEntries()).toHaveLength(0);
    expect(await snooze(checkin, isoDay(clock.now() + 9 * DAY))).toContain('no longer open');
    expect((await h.deps.store.get(alice_))?.checkin).toMatchObject({ cadence: 'off' });
  });

  it('one answer is enough: no nudge comes for a check-in that was answered', async () => {
    const checkin = await toNextCheckin();
    await tap(checkin, 'Not much, honestly');
    await clock.advanceBy(NUDGE_AFTER + DAY);
    await h.idle();
    expect(nudges()).toHaveLength(0);
  });

  it('answering all three after the nudge keeps every answer and settles the nudge once', async () => {
    const checkin = await toNextCheckin();
    await clock.advanceBy(NUDGE_AFTER);
    await h.idle();
    const [nudge] = nudges();
    if (!nudge) throw new Error('no nudge');
    const from = h.emu.calls.length;
    await tap(checkin, 'More people work came my way');
    await tap(checkin, 'Helping people and the team');
    await tap(checkin, 'Toward Engineering Manager');
    const [entry] = await checkinEntries();
    expect(entry?.answers).toEqual({ changed: 'new-people', energy: 'people', lean: 'em' });
    expect(read(nudge)).toContain('taken care of');
    const nudgeEdits = h.emu.calls
      .slice(from)
      .filter((c) => c.method === 'chat.update' && c.args.ts === nudge.ts);
    expect(nudgeEdits).toHaveLength(1);
    // Only edits of messages the bot posted: no call about a nudge that is not there.
    expect(h.emu.calls.slice(from).filter((c) => !c.ok)).toEqual([]);
  });

  it('changing an answer on last week’s check-in leaves this week’s nudge as it is', async () => {
    const first = await toNextCheckin();
    await tap(first, 'Not much, honestly');
    await toNextCheckin();
    await clock.advanceBy(NUDGE_AFTER);
    await h.idle();
    expect(nudges()).toHaveLength(1);
    await tap(first, 'A bit of both');
    expect(read(first)).toContain('Saved');
    expect(nudges()).toHaveLength(1);
    expect((await checkinEntries()).map((e) => e.answers?.changed)).toEqual(['both']);
  });

  it('an answered check-in keeps its answers when the next one comes; an unanswered one’s nudge is settled', async () => {
    const first = await toNextCheckin();
    await tap(first, 'Not much, honestly');
    await tap(first, 'Some of each');
    const second = await toNextCheckin();
    expect(read(first)).toContain('Saved');
    expect(read(first)).not.toContain('a newer check-in replaced this one');
    await clock.advanceBy(NUDGE_AFTER);
    await h.idle();
    const [nudge] = nudges();
    if (!nudge) throw new Error('no nudge');
    await toNextCheckin();
    expect(read(second)).toContain('a newer check-in replaced this one');
    expect(read(nudge)).toContain('taken care of');
  });

  it('Skip on a check-in a newer one replaced says so and skips nothing', async () => {
    const first = await toNextCheckin();
    h.emu.failNext('chat.update', 'cant_update_message');
    const second = await toNextCheckin();
    const from = h.emu.calls.length;
    await h.emu.clickButton({ user: ALICE, messageTs: first.ts, actionId: ACTION.checkinSkip });
    await h.idle();
    expect(repliesSince(from)).toContain('A newer check-in replaced this one');
    // The newest one is still open: answering it works.
    await tap(second, 'Not much, honestly');
    expect(read(second)).toContain('Saved');
  });

  it('Snooze needs a date after today; a snooze after the nudge settles the nudge', async () => {
    const checkin = await toNextCheckin();
    expect(await snooze(checkin, isoDay(clock.now() - DAY))).toContain('Pick a date after today');
    expect((await h.deps.store.get(alice_))?.checkin?.pausedUntil).toBeUndefined();
    await clock.advanceBy(NUDGE_AFTER);
    await h.idle();
    const [nudge] = nudges();
    if (!nudge) throw new Error('no nudge');
    await snooze(checkin, isoDay(clock.now() + 10 * DAY));
    expect(read(checkin)).toContain('Snoozed');
    expect(read(nudge)).toContain('taken care of');
  });

  it('the snooze picker starts a week from today in the user’s own zone, before and after an answer', async () => {
    // 00:30 in London is still the day before in UTC.
    await alice.expectCall(() => h.emu.openAppHome({ user: ALICE }), 'views.publish');
    const viewId = h.emu.home(ALICE)?.id as string;
    await alice.expectCall(
      () => h.emu.selectOption({ user: ALICE, viewId, actionId: ACTION.homeTime, value: '00:30' }),
      'views.publish',
    );
    const checkin = await toNextCheckin();
    const londonDay = (at: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
    const weekOn = londonDay(clock.now() + 7 * DAY);
    expect(weekOn).not.toBe(isoDay(clock.now() + 7 * DAY));
    expect(snoozeStart(checkin)?.initial_date).toBe(weekOn);
    await tap(checkin, 'Not much, honestly');
    expect(snoozeStart(checkin)?.initial_date).toBe(weekOn);
  });
});

describe('check-in settings', () => {
  it('Resume on Home ends a snooze: the next check-in comes at its usual time', async () => {
    const checkin = await toNextCheckin();
    await snooze(checkin, isoDay(clock.now() + 30 * DAY));
    await alice.expectCall(() => h.emu.openAppHome({ user: ALICE }), 'views.publish');
    expect(JSON.stringify(h.emu.home(ALICE)?.blocks)).toContain('Paused until');
    const viewId = h.emu.home(ALICE)?.id as string;
    await alice.expectCall(
      () => h.emu.clickButton({ user: ALICE, viewId, actionId: ACTION.homeResumeCheckins }),
      'views.publish',
    );
    expect(JSON.stringify(h.emu.home(ALICE)?.blocks)).not.toContain('Paused until');
    await toNextCheckin();
    expect(checkinsSent()).toHaveLength(2);
    expect(clock.now() - Date.parse('2026-06-08T08:00:00Z')).toBeLessThan(15 * DAY);
  });

  it('when Slack cannot say the user’s zone, a change keeps the zone they had', async () => {
    h.emu.failNext('users.info', 'internal_error', { times: 3 });
    await command('checkin biweekly');
    expect((await h.deps.store.get(alice_))?.checkin).toMatchObject({
      cadence: 'biweekly',
      tz: 'Europe/London',
    });
  });

  it('a schedule entry out of step with the settings sends nothing and is put right', async () => {
    const due = (await h.deps.store.get(alice_))?.checkin?.next as number;
    // As after a crash between the two saves: the schedule says now, the settings say later.
    await h.schedule.setDue(alice_, clock.now() + 1_000);
    await clock.advanceBy(2_000);
    await h.idle();
    expect(checkinsSent()).toHaveLength(0);
    expect(await h.schedule.getDue(alice_)).toBe(due);
    // Someone with no record left at all is dropped from the schedule.
    const gone = { teamId: 'T0PLAYGND', userId: 'U0BOB' };
    await h.schedule.setDue(gone, clock.now() + 1_000);
    await clock.advanceBy(2_000);
    await h.idle();
    expect(await h.schedule.getDue(gone)).toBeNull();
    expect(h.emu.dm('U0BOB').filter((m) => m.bot_id)).toHaveLength(0);
  });
});
