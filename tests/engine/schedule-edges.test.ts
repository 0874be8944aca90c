import { describe, expect, it } from 'vitest';
import {
  type CheckinPrefs,
  closeOpen,
  dueOf,
  isPaused,
  isValidTimeZone,
  localDate,
  localDay,
  moveTimeZone,
  nextDue,
  nudgeAt,
  optIn,
  parseTime,
  pauseUntil,
  planCheckin,
  resume,
  startOfLocalDate,
  stop,
} from '../../src/engine/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.parse('2026-05-04T12:00:00Z'); // a Monday
const base = optIn(start, 'Europe/London', { cadence: 'weekly', weekday: 2, time: '10:00' });
const slot1 = base.next as number; // Tuesday 5 May, 10:00 London (09:00 UTC)

describe('the times a user can pick', () => {
  it('a 24-hour HH:MM from 00:00 to 23:59, nothing else', () => {
    expect(parseTime('00:00')).toEqual({ hour: 0, minute: 0 });
    expect(parseTime('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseTime('19:05')).toEqual({ hour: 19, minute: 5 });
    for (const bad of ['24:00', '9:00', '10:60', '10:5', ' 10:00', '10:00 ', '1000']) {
      expect(parseTime(bad)).toBeNull();
    }
  });

  it('an unknown time (from an old save) falls back to 10:00', () => {
    const odd: CheckinPrefs = { ...base, time: '25:00' };
    expect(new Date(nextDue(odd, start) as number).toISOString()).toBe('2026-05-05T09:00:00.000Z');
  });

  it('zones: real IANA names only; an unknown one falls back to the previous zone, then UTC', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(optIn(start, 'Mars/Olympus').tz).toBe('UTC');
    expect(optIn(start, 'Mars/Olympus', {}, base).tz).toBe('Europe/London');
  });
});

describe('dates in the user’s zone', () => {
  it('YYYY-MM-DD with zero padding, on the local side of midnight', () => {
    const at = Date.parse('2026-03-04T23:30:00Z');
    expect(localDate(at, 'UTC')).toBe('2026-03-04');
    expect(localDate(at, 'Europe/Berlin')).toBe('2026-03-05');
    expect(localDay(at, 'Europe/Berlin') - localDay(at, 'UTC')).toBe(1);
  });

  it('the start of a local date, and nothing for a date that does not exist', () => {
    expect(startOfLocalDate('2026-03-05', 'America/New_York')).toBe(
      Date.parse('2026-03-05T05:00:00Z'),
    );
    expect(startOfLocalDate('2026-07-05', 'America/New_York')).toBe(
      Date.parse('2026-07-05T04:00:00Z'),
    );
    for (const bad of ['2026-02-30', '2026-13-01', '2026-3-05', 'soon', '2026-03-05x']) {
      expect(startOfLocalDate(bad, 'UTC')).toBeNull();
    }
  });
});

describe('opting in and changing the schedule', () => {
  it('choices win over the previous schedule, which wins over the defaults', () => {
    const previous = { ...base, cadence: 'monthly' as const, weekday: 4, time: '16:30' };
    expect(optIn(start, 'Europe/London', {}, previous)).toMatchObject({
      cadence: 'monthly',
      weekday: 4,
      time: '16:30',
    });
    expect(optIn(start, 'Europe/London', { weekday: 1 }, previous)).toMatchObject({
      cadence: 'monthly',
      weekday: 1,
      time: '16:30',
    });
    expect(optIn(start, 'Europe/London')).toMatchObject({
      cadence: 'biweekly',
      weekday: 2,
      time: '10:00',
    });
  });

  it('changing the schedule keeps a snooze and the open check-in', () => {
    const paused = { ...pauseUntil(base, slot1 + 10 * DAY, start), open: { at: 1, sentAt: 1 } };
    const changed = optIn(start, 'Europe/London', { time: '11:00' }, paused);
    expect(changed.pausedUntil).toBe(slot1 + 10 * DAY);
    expect(changed.open).toEqual({ at: 1, sentAt: 1 });
    expect(changed.next).toBe(slot1 + 14 * DAY + HOUR);
    const fresh = optIn(start, 'Europe/London', {}, base);
    expect('pausedUntil' in fresh).toBe(false);
    expect('open' in fresh).toBe(false);
  });

  it('the first slot is the first chosen weekday strictly after now', () => {
    expect(nextDue(base, slot1 - 1)).toBe(slot1);
    expect(nextDue(base, slot1)).toBe(slot1 + 7 * DAY);
    const biweekly = optIn(start, 'Europe/London', { cadence: 'biweekly', weekday: 2 });
    expect(biweekly.next).toBe(slot1);
    expect(nextDue(biweekly, slot1)).toBe(slot1 + 14 * DAY);
    const monthly = optIn(start, 'Europe/London', { cadence: 'monthly', weekday: 2 });
    expect(nextDue(monthly, slot1)).toBe(slot1 + 28 * DAY);
  });

  it('a snooze ending exactly on a slot keeps that slot', () => {
    const paused = pauseUntil(base, slot1 + 7 * DAY, start);
    expect(paused.next).toBe(slot1 + 7 * DAY);
    expect(paused.open).toBeUndefined();
    // A snooze already over is no snooze.
    expect(pauseUntil(base, start, start).next).toBe(slot1);
  });

  it('paused only while the date is ahead and check-ins are on', () => {
    const paused = pauseUntil(base, slot1, start);
    expect(isPaused(paused, slot1 - 1)).toBe(true);
    expect(isPaused(paused, slot1)).toBe(false);
    expect(isPaused({ ...paused, cadence: 'off' }, start)).toBe(false);
    expect(isPaused(undefined, start)).toBe(false);
    expect(isPaused(base, start)).toBe(false);
  });

  it('resume drops the snooze and picks the next slot from now', () => {
    const resumed = resume(pauseUntil(base, slot1 + 20 * DAY, start), slot1 + 1);
    expect('pausedUntil' in resumed).toBe(false);
    expect(resumed.next).toBe(slot1 + 7 * DAY);
  });

  it('stop drops the snooze and the open check-in', () => {
    const stopped = stop({ ...pauseUntil(base, slot1, start), open: { at: 1, sentAt: 1 } });
    expect(stopped).toEqual({ ...base, cadence: 'off', next: null });
  });

  it('moving zone: same local time in the new zone; nothing for the same or an unknown zone', () => {
    expect(moveTimeZone(base, 'Europe/London', start)).toBe(base);
    expect(moveTimeZone(base, 'Mars/Olympus', start)).toBe(base);
    const moved = moveTimeZone(base, 'America/New_York', start);
    expect(moved.tz).toBe('America/New_York');
    expect(new Date(moved.next as number).toISOString()).toBe('2026-05-05T14:00:00.000Z');
    const off = { ...base, cadence: 'off' as const, next: null };
    expect(moveTimeZone(off, 'America/New_York', start)).toEqual({
      ...off,
      tz: 'America/New_York',
    });
  });
});

describe('what is due, and the one nudge', () => {
  const sentPlan = planCheckin(base, slot1);
  if (sentPlan?.action !== 'send') throw new Error('expected a send');
  const sent = sentPlan.prefs;
  const open = sent.open as NonNullable<CheckinPrefs['open']>;

  it('the nudge comes exactly two days on at the check-in time, on a weekday', () => {
    expect(nudgeAt(sent, open)).toBe(slot1 + 2 * DAY);
    // Sent a minute late: the nudge waits for the next weekday at the chosen time.
    expect(nudgeAt(sent, { ...open, sentAt: slot1 + 60_000 })).toBe(slot1 + 3 * DAY);
    expect(nudgeAt({ ...sent, time: 'xx' }, open)).toBe(slot1 + 2 * DAY);
  });

  it('due: the nudge when it comes first, else the next slot; nothing when off', () => {
    expect(dueOf(sent)).toBe(slot1 + 2 * DAY);
    expect(dueOf({ ...sent, open: { ...open, nudged: true } })).toBe(slot1 + 7 * DAY);
    expect(dueOf({ ...sent, next: slot1 + DAY })).toBe(slot1 + DAY);
    expect(dueOf({ ...sent, next: null })).toBe(slot1 + 2 * DAY);
    expect(dueOf({ ...sent, next: null, open: { ...open, nudged: true } })).toBeNull();
    expect(dueOf({ ...sent, cadence: 'off' })).toBeNull();
    expect(dueOf({ ...base, next: slot1 })).toBe(slot1);
  });

  it('the nudge goes at its time exactly, once', () => {
    expect(planCheckin(sent, slot1 + 2 * DAY - 1)).toMatchObject({ action: 'wait' });
    const nudge = planCheckin(sent, slot1 + 2 * DAY);
    expect(nudge).toMatchObject({ action: 'nudge', due: slot1 + 7 * DAY });
    expect(nudge?.prefs.open).toEqual({ ...open, nudged: true });
  });

  it('a snoozed user gets nothing, and the next slot after the snooze is kept', () => {
    const paused = { ...sent, pausedUntil: slot1 + 10 * DAY, next: slot1 + 7 * DAY };
    expect(planCheckin(paused, slot1 + 7 * DAY)).toEqual({
      action: 'wait',
      prefs: { ...paused, next: slot1 + 14 * DAY },
      due: slot1 + 14 * DAY,
    });
  });

  it('sending drops a snooze that has ended', () => {
    const ended = { ...base, pausedUntil: slot1 - DAY };
    const plan = planCheckin(ended, slot1);
    expect(plan?.action).toBe('send');
    expect(plan && 'pausedUntil' in plan.prefs).toBe(false);
    expect(planCheckin(undefined, slot1)).toBeNull();
  });

  it('answering closes that check-in only', () => {
    expect(closeOpen(sent, slot1 + 1)).toBe(sent);
    expect(closeOpen(sent, slot1)).toEqual({ ...base, next: slot1 + 7 * DAY });
  });
});
