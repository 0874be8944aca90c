import { describe, expect, it } from 'vitest';
import { localParts, moveTimeZone, nextDue, optIn } from '../../src/engine/index.ts';

describe('moveTimeZone: check-ins follow the user to a new zone', () => {
  // Wednesday 24 March 2027, 12:00 UTC; Europe moves to summer time on Sunday 28 March.
  const now = Date.UTC(2027, 2, 24, 12, 0);
  const prefs = optIn(now, 'America/New_York', { cadence: 'weekly', weekday: 1, time: '10:00' });

  it('keeps the local day and time in the new zone, across its DST change', () => {
    const moved = moveTimeZone(prefs, 'Europe/Berlin', now);
    expect(moved.tz).toBe('Europe/Berlin');
    // Monday 29 March, 10:00 in Berlin, which is on CEST (UTC+2) by then.
    expect(moved.next).toBe(Date.UTC(2027, 2, 29, 8, 0));
    expect(localParts(moved.next as number, 'Europe/Berlin')).toMatchObject({
      weekday: 1,
      hour: 10,
      minute: 0,
    });
    // And the slot after it too: one week later, same local time.
    const after = nextDue(moved, moved.next as number);
    expect(localParts(after as number, 'Europe/Berlin')).toMatchObject({ weekday: 1, hour: 10 });
  });

  it('keeps a fortnightly rhythm counted from the same anchor day', () => {
    const biweekly = optIn(now, 'America/New_York', {
      cadence: 'biweekly',
      weekday: 1,
      time: '10:00',
    });
    const moved = moveTimeZone(biweekly, 'Europe/Berlin', now);
    const ny = localParts(biweekly.next as number, 'America/New_York');
    const berlin = localParts(moved.next as number, 'Europe/Berlin');
    expect({ month: berlin.month, day: berlin.day }).toEqual({ month: ny.month, day: ny.day });
  });

  it('changes nothing for the same zone or an unknown one, and stays off when off', () => {
    expect(moveTimeZone(prefs, 'America/New_York', now)).toBe(prefs);
    expect(moveTimeZone(prefs, 'Mars/Olympus_Mons', now)).toBe(prefs);
    const off = { ...prefs, cadence: 'off' as const, next: null };
    expect(moveTimeZone(off, 'Europe/Berlin', now)).toMatchObject({
      tz: 'Europe/Berlin',
      next: null,
    });
  });
});
