import { describe, expect, it } from 'vitest';
import {
  type CheckinPrefs,
  dueOf,
  localDate,
  localParts,
  nextDue,
  nudgeAt,
  optIn,
  pauseUntil,
  planCheckin,
  resume,
  startOfLocalDate,
  stop,
} from '../../src/engine/index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Every slot from `from`, `count` of them. */
function slots(prefs: CheckinPrefs, from: number, count: number): number[] {
  const out: number[] = [];
  let t = from;
  for (let i = 0; i < count; i += 1) {
    const next = nextDue(prefs, t);
    if (next === null) break;
    out.push(next);
    t = next;
  }
  return out;
}

describe('nextDue across daylight-saving changes', () => {
  it('Europe/London: Tuesdays at 10:00 local stay at 10:00 when the clocks go forward and back', () => {
    const prefs = optIn(Date.parse('2025-03-17T12:00:00Z'), 'Europe/London', {
      cadence: 'weekly',
      weekday: 2,
      time: '10:00',
    });
    const spring = slots(prefs, Date.parse('2025-03-17T12:00:00Z'), 3);
    // BST starts Sunday 30 March: 10:00 GMT is 10:00Z, 10:00 BST is 09:00Z.
    expect(spring.map(iso)).toEqual([
      '2025-03-18T10:00:00.000Z',
      '2025-03-25T10:00:00.000Z',
      '2025-04-01T09:00:00.000Z',
    ]);
    const autumn = slots(prefs, Date.parse('2025-10-20T00:00:00Z'), 2);
    // GMT returns Sunday 26 October.
    expect(autumn.map(iso)).toEqual(['2025-10-21T09:00:00.000Z', '2025-10-28T10:00:00.000Z']);
    for (const s of [...spring, ...autumn]) {
      expect(localParts(s, 'Europe/London')).toMatchObject({ hour: 10, minute: 0, weekday: 2 });
    }
  });

  it('America/New_York: every other Monday at 09:30 keeps its local time and its fortnight', () => {
    const now = Date.parse('2025-02-20T12:00:00Z');
    const prefs = optIn(now, 'America/New_York', {
      cadence: 'biweekly',
      weekday: 1,
      time: '09:30',
    });
    const got = slots(prefs, now, 5);
    // EDT starts 9 March, EST returns 2 November: 09:30 is 14:30Z in winter, 13:30Z in summer.
    expect(got.map(iso)).toEqual([
      '2025-02-24T14:30:00.000Z',
      '2025-03-10T13:30:00.000Z',
      '2025-03-24T13:30:00.000Z',
      '2025-04-07T13:30:00.000Z',
      '2025-04-21T13:30:00.000Z',
    ]);
    const fall = slots(prefs, Date.parse('2025-10-14T00:00:00Z'), 2);
    expect(fall.map(iso)).toEqual(['2025-10-20T13:30:00.000Z', '2025-11-03T14:30:00.000Z']);
    for (const s of [...got, ...fall]) {
      expect(localParts(s, 'America/New_York')).toMatchObject({ hour: 9, minute: 30, weekday: 1 });
    }
  });

  it('a time that does not exist on the spring-forward day is sent once, just after the gap', () => {
    const prefs = optIn(Date.parse('2025-03-01T00:00:00Z'), 'America/New_York', {
      cadence: 'weekly',
      weekday: 0,
      time: '02:30',
    });
    const got = slots(prefs, Date.parse('2025-03-08T12:00:00Z'), 2);
    expect(localParts(got[0] as number, 'America/New_York')).toMatchObject({ day: 9, hour: 3 });
    expect(localParts(got[1] as number, 'America/New_York')).toMatchObject({
      day: 16,
      hour: 2,
      minute: 30,
    });
  });

  it('a time that happens twice when the clocks go back is sent once', () => {
    const prefs = optIn(Date.parse('2025-10-01T00:00:00Z'), 'Europe/London', {
      cadence: 'weekly',
      weekday: 0,
      time: '01:30',
    });
    const got = slots(prefs, Date.parse('2025-10-25T12:00:00Z'), 2);
    expect(got[1] as number).toBeGreaterThan((got[0] as number) + 6 * DAY);
    expect(localParts(got[1] as number, 'Europe/London')).toMatchObject({ day: 2, month: 11 });
  });

  it('monthly means every four weeks on the same weekday; off means never', () => {
    const now = Date.parse('2025-01-06T12:00:00Z');
    const prefs = optIn(now, 'Europe/London', { cadence: 'monthly', weekday: 4, time: '16:00' });
    const got = slots(prefs, now, 3);
    expect(got[1] as number).toBe((got[0] as number) + 28 * DAY);
    expect(got[2] as number).toBe((got[1] as number) + 28 * DAY);
    expect(nextDue({ ...prefs, cadence: 'off' }, now)).toBeNull();
  });

  it('opting in with no choices means every other Tuesday at 10:00 in their zone', () => {
    const prefs = optIn(Date.parse('2025-05-01T12:00:00Z'), 'America/New_York');
    expect(prefs).toMatchObject({ cadence: 'biweekly', weekday: 2, time: '10:00' });
    expect(iso(prefs.next)).toBe('2025-05-06T14:00:00.000Z');
  });

  it('local dates and midnights are computed in the zone', () => {
    const t = Date.parse('2025-06-01T02:00:00Z');
    expect(localDate(t, 'America/New_York')).toBe('2025-05-31');
    expect(iso(startOfLocalDate('2025-06-10', 'America/New_York'))).toBe(
      '2025-06-10T04:00:00.000Z',
    );
    expect(iso(startOfLocalDate('2025-01-10', 'Europe/London'))).toBe('2025-01-10T00:00:00.000Z');
    expect(startOfLocalDate('2025-02-30', 'Europe/London')).toBeNull();
    expect(startOfLocalDate('soon', 'Europe/London')).toBeNull();
  });
});

describe('planCheckin', () => {
  const start = Date.parse('2025-05-01T12:00:00Z');
  const base = optIn(start, 'Europe/London', { cadence: 'weekly', weekday: 2, time: '10:00' });
  const slot1 = base.next as number;

  it('waits until the slot, then sends it once and moves to the next slot', () => {
    expect(planCheckin(base, slot1 - 1)).toMatchObject({ action: 'wait', due: slot1 });
    const plan = planCheckin(base, slot1);
    expect(plan).toMatchObject({ action: 'send', slot: slot1 });
    if (plan?.action !== 'send') throw new Error('expected a send');
    expect(plan.prefs.next).toBe(slot1 + 7 * DAY);
    expect(plan.prefs.open).toEqual({ at: slot1, sentAt: slot1 });
    // Asking again at the same moment with the saved prefs sends nothing more.
    expect(planCheckin(plan.prefs, slot1)?.action).toBe('wait');
  });

  it('a process down for three weeks catches up with one check-in, not three', () => {
    const late = slot1 + 3 * 7 * DAY + HOUR;
    const plan = planCheckin(base, late);
    if (plan?.action !== 'send') throw new Error('expected a send');
    expect(plan.slot).toBe(slot1);
    expect(plan.prefs.next).toBe(slot1 + 4 * 7 * DAY);
    expect(planCheckin(plan.prefs, late + 1)?.action).toBe('wait');
  });

  it('nudges once, on a weekday two days on, and never again', () => {
    const sent = planCheckin(base, slot1);
    if (sent?.action !== 'send') throw new Error('expected a send');
    const at = nudgeAt(sent.prefs, sent.prefs.open as NonNullable<CheckinPrefs['open']>);
    expect(sent.due).toBe(at);
    // Tuesday + 2 days = Thursday, same local time.
    expect(at).toBe(slot1 + 2 * DAY);
    expect(planCheckin(sent.prefs, at - 1)?.action).toBe('wait');
    const nudge = planCheckin(sent.prefs, at);
    expect(nudge?.action).toBe('nudge');
    if (!nudge) throw new Error('no plan');
    expect(planCheckin(nudge.prefs, at + DAY)?.action).toBe('wait');
    expect(nudge.due).toBe(slot1 + 7 * DAY);
  });

  it('a nudge that would land on a weekend waits for Monday', () => {
    const friday = optIn(start, 'Europe/London', { cadence: 'weekly', weekday: 5, time: '10:00' });
    const sent = planCheckin(friday, friday.next as number);
    if (sent?.action !== 'send') throw new Error('expected a send');
    const at = nudgeAt(sent.prefs, sent.prefs.open as NonNullable<CheckinPrefs['open']>);
    expect(localParts(at, 'Europe/London')).toMatchObject({ weekday: 1, hour: 10 });
  });

  it('snoozed: nothing before the date, then the first slot on or after it; resume undoes it', () => {
    const until = slot1 + 10 * DAY;
    const paused = pauseUntil(base, until, start);
    expect(paused.next).toBe(slot1 + 14 * DAY);
    expect(planCheckin(paused, slot1)?.action).toBe('wait');
    expect(planCheckin(paused, slot1 + 7 * DAY)?.action).toBe('wait');
    expect(planCheckin(paused, slot1 + 14 * DAY)).toMatchObject({
      action: 'send',
      slot: slot1 + 14 * DAY,
    });
    expect(resume(paused, start).next).toBe(slot1);
  });

  it('stopped: never due, and an open check-in gets no nudge', () => {
    const sent = planCheckin(base, slot1);
    if (!sent) throw new Error('no plan');
    const stopped = stop(sent.prefs);
    expect(dueOf(stopped)).toBeNull();
    expect(planCheckin(stopped, slot1 + 30 * DAY)).toMatchObject({ action: 'wait', due: null });
  });
});
