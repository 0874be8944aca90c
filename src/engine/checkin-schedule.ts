import { Cron } from 'croner';

/**
 * When check-ins happen, in the user's own time zone. Pure: every function takes the time it
 * needs. croner does the calendar arithmetic (DST gaps and repeats included); this module only
 * adds what cron cannot say, "every other week" and "every four weeks", by counting weeks from
 * an anchor day.
 */

export const CADENCES = ['weekly', 'biweekly', 'monthly', 'off'] as const;
export type Cadence = (typeof CADENCES)[number];

/** Weeks between check-ins. "monthly" is every four weeks, so it keeps the same weekday. */
export const CADENCE_WEEKS: Record<Exclude<Cadence, 'off'>, number> = {
  weekly: 1,
  biweekly: 2,
  monthly: 4,
};

export const DEFAULT_CHECKIN = {
  cadence: 'biweekly' as const,
  /** Tuesday: away from Monday catch-up and Friday wind-down. */
  weekday: 2,
  time: '10:00',
};

const DAY_MS = 86_400_000;
/** The one nudge comes at least this long after the check-in, on a weekday. */
export const NUDGE_AFTER_MS = 2 * DAY_MS;
/** A failed send is retried after this long, for at most a day after its slot. */
export const RETRY_AFTER_MS = 10 * 60_000;

/** A check-in that was sent and not yet answered or skipped. */
export interface OpenCheckin {
  /** The slot it was sent for (ms); buttons carry it, so old messages can be told apart. */
  at: number;
  sentAt: number;
  nudged?: boolean;
}

/** Compact on purpose: it lives in every opted-in user's state. */
export interface CheckinPrefs {
  cadence: Cadence;
  /** 0 = Sunday … 6 = Saturday, in the user's zone. */
  weekday: number;
  /** Local time, HH:MM (24-hour). */
  time: string;
  /** IANA zone from users.info `tz`. */
  tz: string;
  /** Local calendar day (days since 1970-01-01) of a slot; week parity counts from it. */
  anchor: number;
  /** The next slot (ms), or null when off. */
  next: number | null;
  /** No check-ins before this (ms): set by "Snooze until…". */
  pausedUntil?: number;
  open?: OpenCheckin;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function parseTime(time: string): { hour: number; minute: number } | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = partsFormat.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    partsFormat.set(tz, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock reading of `at` in `tz`. */
export function localParts(
  at: number,
  tz: string,
): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(tz).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** Days since 1970-01-01 of the local calendar date of `at` in `tz` (DST-proof week counting). */
export function localDay(at: number, tz: string): number {
  const p = localParts(at, tz);
  return Math.round(Date.UTC(p.year, p.month - 1, p.day) / DAY_MS);
}

/** `YYYY-MM-DD` of the local date of `at` in `tz` (for datepickers). */
export function localDate(at: number, tz: string): string {
  const p = localParts(at, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The instant of local midnight starting `date` (YYYY-MM-DD) in `tz`; null if not a date. */
export function startOfLocalDate(date: string, tz: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(utcMidnight) || localDate(utcMidnight, 'UTC') !== date) return null;
  // The first minute of that date in the zone: cron finds it, DST included.
  const first = new Cron(`0 0 ${Number(m[3])} ${Number(m[2])} *`, { timezone: tz }).nextRun(
    new Date(utcMidnight - 2 * DAY_MS),
  );
  return first ? first.getTime() : null;
}

function cronFor(weekday: number, time: string, tz: string): Cron {
  const t = parseTime(time) ?? { hour: 10, minute: 0 };
  return new Cron(`${t.minute} ${t.hour} * * ${weekday}`, { timezone: tz });
}

type Schedule = Pick<CheckinPrefs, 'cadence' | 'weekday' | 'time' | 'tz' | 'anchor'>;

/**
 * The first slot strictly after `after`, or null when check-ins are off. Slots fall on the
 * chosen weekday at the chosen local time, every 1, 2 or 4 weeks counted from the anchor day.
 */
export function nextDue(prefs: Schedule, after: number): number | null {
  if (prefs.cadence === 'off') return null;
  const weeks = CADENCE_WEEKS[prefs.cadence];
  const cron = cronFor(prefs.weekday, prefs.time, prefs.tz);
  let from = new Date(after);
  for (let i = 0; i < weeks + 1; i += 1) {
    const run = cron.nextRun(from);
    if (!run) return null;
    const offset = localDay(run.getTime(), prefs.tz) - prefs.anchor;
    const weekIndex = Math.round(offset / 7);
    if (((weekIndex % weeks) + weeks) % weeks === 0) return run.getTime();
    from = run;
  }
  return null;
}

/** Prefs for a user who opts in now: the first slot anchors the cadence. */
export function optIn(
  now: number,
  tz: string,
  choice: Partial<Pick<CheckinPrefs, 'cadence' | 'weekday' | 'time'>> = {},
  previous?: CheckinPrefs,
): CheckinPrefs {
  const cadence = choice.cadence ?? previous?.cadence ?? DEFAULT_CHECKIN.cadence;
  const weekday = choice.weekday ?? previous?.weekday ?? DEFAULT_CHECKIN.weekday;
  const time = choice.time ?? previous?.time ?? DEFAULT_CHECKIN.time;
  const zone = isValidTimeZone(tz) ? tz : (previous?.tz ?? 'UTC');
  // The first matching weekday after now is week zero, whatever the cadence.
  const first = nextDue({ cadence: 'weekly', weekday, time, tz: zone, anchor: 0 }, now);
  const anchor = first === null ? localDay(now, zone) : localDay(first, zone);
  const base: CheckinPrefs = {
    cadence,
    weekday,
    time,
    tz: zone,
    anchor,
    next: null,
    ...(previous?.pausedUntil !== undefined ? { pausedUntil: previous.pausedUntil } : {}),
    ...(previous?.open ? { open: previous.open } : {}),
  };
  return { ...base, next: firstSlot(base, now) };
}

/** The next slot from now, honouring a pause. */
function firstSlot(prefs: CheckinPrefs, now: number): number | null {
  const from =
    prefs.pausedUntil !== undefined && prefs.pausedUntil > now ? prefs.pausedUntil - 1 : now;
  return nextDue(prefs, from);
}

/**
 * The user moved to another Slack time zone: the same weekday and local time, now in `tz`.
 * The next slot is found again by cron in the new zone (DST included), from now and honouring a
 * pause; week parity keeps counting from the anchor day, so a fortnightly rhythm is not reset.
 * Unchanged (the same object) for the same zone or a zone Intl does not know.
 */
export function moveTimeZone(prefs: CheckinPrefs, tz: string, now: number): CheckinPrefs {
  if (tz === prefs.tz || !isValidTimeZone(tz)) return prefs;
  const moved = { ...prefs, tz };
  return prefs.cadence === 'off' ? moved : { ...moved, next: firstSlot(moved, now) };
}

export function stop(prefs: CheckinPrefs): CheckinPrefs {
  const { pausedUntil: _p, open: _o, ...rest } = prefs;
  return { ...rest, cadence: 'off', next: null };
}

/** Snooze: nothing before `until`; the first slot on or after it is the next check-in. */
export function pauseUntil(prefs: CheckinPrefs, until: number, now: number): CheckinPrefs {
  const { open: _o, ...rest } = prefs;
  const paused = { ...rest, pausedUntil: until };
  return { ...paused, next: firstSlot(paused, now) };
}

export function resume(prefs: CheckinPrefs, now: number): CheckinPrefs {
  const { pausedUntil: _p, ...rest } = prefs;
  return { ...rest, next: nextDue(rest, now) };
}

export function isPaused(prefs: CheckinPrefs | undefined, now: number): boolean {
  return prefs?.pausedUntil !== undefined && prefs.pausedUntil > now && prefs.cadence !== 'off';
}

/** When the one nudge for an open check-in may go: two days on, moved off the weekend. */
export function nudgeAt(prefs: CheckinPrefs, open: OpenCheckin): number {
  const t = parseTime(prefs.time) ?? { hour: 10, minute: 0 };
  const run = new Cron(`${t.minute} ${t.hour} * * 1-5`, { timezone: prefs.tz }).nextRun(
    new Date(open.sentAt + NUDGE_AFTER_MS - 60_000),
  );
  return run ? run.getTime() : open.sentAt + NUDGE_AFTER_MS;
}

export type CheckinPlan =
  /** Send the check-in for `slot` now; `prefs` is what to save first. */
  | { action: 'send'; slot: number; prefs: CheckinPrefs; due: number | null }
  /** Send the one nudge for the open check-in. */
  | { action: 'nudge'; prefs: CheckinPrefs; due: number | null }
  /** Nothing to send now; come back at `due` (null: never). */
  | { action: 'wait'; prefs: CheckinPrefs; due: number | null };

/** The earliest thing that will need doing: the next slot, or the nudge for an open check-in. */
export function dueOf(prefs: CheckinPrefs): number | null {
  if (prefs.cadence === 'off') return null;
  const candidates: number[] = [];
  if (prefs.next !== null) candidates.push(prefs.next);
  if (prefs.open && !prefs.open.nudged) {
    const at = nudgeAt(prefs, prefs.open);
    if (prefs.next === null || at < prefs.next) candidates.push(at);
  }
  return candidates.length > 0 ? Math.min(...candidates) : null;
}

/**
 * What to do for this user at `now`. A slot missed while the process was down gives one
 * catch-up at most: the slot after it is computed from now, so older misses are dropped.
 */
export function planCheckin(prefs: CheckinPrefs | undefined, now: number): CheckinPlan | null {
  if (!prefs) return null;
  if (prefs.cadence === 'off') return { action: 'wait', prefs, due: null };
  if (isPaused(prefs, now)) {
    const next = firstSlot(prefs, now);
    const waiting = { ...prefs, next };
    return { action: 'wait', prefs: waiting, due: next };
  }
  if (prefs.next !== null && now >= prefs.next) {
    const slot = prefs.next;
    const { pausedUntil: _p, ...rest } = prefs;
    const sent: CheckinPrefs = {
      ...rest,
      next: nextDue(rest, now),
      open: { at: slot, sentAt: now },
    };
    return { action: 'send', slot, prefs: sent, due: dueOf(sent) };
  }
  if (prefs.open && !prefs.open.nudged && now >= nudgeAt(prefs, prefs.open)) {
    const nudged: CheckinPrefs = { ...prefs, open: { ...prefs.open, nudged: true } };
    return { action: 'nudge', prefs: nudged, due: dueOf(nudged) };
  }
  return { action: 'wait', prefs, due: dueOf(prefs) };
}

/** Drops the open check-in once it is answered or skipped: no nudge for it any more. */
export function closeOpen(prefs: CheckinPrefs, slot: number): CheckinPrefs {
  if (prefs.open?.at !== slot) return prefs;
  const { open: _o, ...rest } = prefs;
  return rest;
}
