import { describe, expect, it } from 'vitest';
import {
  answerCheckin,
  Engine,
  type HistoryEntry,
  optIn,
  pauseUntil,
  recordSummary,
  type Session,
  trend,
} from '../../src/engine/index.ts';
import { loadContent } from '../../src/load-content.ts';
import { validateBlocks, validateView } from '../../src/playground/emulator/index.ts';
import {
  renderCheckin,
  renderCheckinSkipped,
  renderCheckinSnoozed,
  renderCheckinStatus,
  renderCheckinsOn,
  renderCheckinsStopped,
  renderNudge,
  renderTrend,
  scheduleLine,
} from '../../src/render/checkin.ts';
import { renderHome } from '../../src/render/home.ts';
import type { UserState } from '../../src/store/index.ts';

const content = loadContent();
const copy = content.checkin;
const DAY = 86_400_000;
const T0 = Date.parse('2025-10-12T09:00:00Z');

function longHistory(count: number): HistoryEntry[] {
  let h = recordSummary([], T0, 'em');
  const leans = ['staff', 'em', 'either', 'same', 'unsure'];
  for (let i = 1; i <= count; i += 1) {
    for (const q of copy.questions) {
      const option =
        q.id === 'lean'
          ? (leans[i % leans.length] as string)
          : (q.options[i % q.options.length]?.id as string);
      const r = answerCheckin(copy, h, T0 + i * 14 * DAY, q.id, option);
      if (r.ok) h = r.history;
    }
  }
  return h;
}

const session: Session = {
  id: 'abc',
  rev: 3,
  status: 'complete',
  current: 'summary',
  choices: {},
  texts: {},
  editing: false,
  startedAt: T0,
  updatedAt: T0,
  completedAt: T0,
};

describe('check-in rendering stays inside Block Kit limits', () => {
  it('the Home tab is valid and under 100 blocks however long the history grows', () => {
    const history = longHistory(500);
    const prefs = pauseUntil(optIn(T0, 'Europe/London'), T0 + 30 * DAY, T0);
    const view = renderHome({
      session,
      summary: new Engine(content).summary(session),
      now: T0,
      checkin: prefs,
      checkinCopy: copy,
      history,
      trend: trend(copy, history),
      briefs: Array.from({ length: 50 }, (_, i) => ({
        at: T0 + i,
        id: `a${i}` as const,
        label: 'Leaning Staff Engineer',
      })),
      forgotten: true,
    });
    expect(view.blocks.length).toBeLessThanOrEqual(30);
    expect(validateView(view, 'home')).toEqual([]);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Paused until');
    expect(text).toContain('Where you stand');
    expect(text).toContain('Europe/London');
  });

  it('the check-in message is valid, answered or not, and names the day in the user’s zone', () => {
    const empty = renderCheckin({
      copy,
      slot: T0,
      tz: 'America/New_York',
      answers: {},
      snoozeDefault: '2025-10-19',
    });
    expect(validateBlocks(empty.blocks, 50)).toEqual([]);
    expect(JSON.stringify(empty.blocks)).toContain('Oct 2025');
    const all = Object.fromEntries(copy.questions.map((q) => [q.id, q.options[0]?.id as string]));
    const done = renderCheckin({
      copy,
      slot: T0,
      tz: 'America/New_York',
      answers: all,
      snoozeDefault: '2025-10-19',
    });
    expect(validateBlocks(done.blocks, 50)).toEqual([]);
    expect(JSON.stringify(done.blocks)).toContain(copy.thanks.slice(0, 20));
    // Once answered, Skip makes no sense; Snooze and Stop stay.
    expect(JSON.stringify(done.blocks)).not.toContain('Skip this one');
    expect(JSON.stringify(done.blocks)).toContain('Stop check-ins');
  });

  it('shows dates in the user’s zone (Slack date token with a zone-correct fallback), never UTC', () => {
    // 03:00 UTC on the 13th is still the 12th in New York.
    const at = Date.parse('2025-10-13T03:00:00Z');
    const line = renderTrend([{ at, lean: 'em', label: 'leaning EM' }], 'America/New_York');
    expect(line).toMatch(/^<!date\^\d+\^\{date_short\}\|12 Oct 2025>: leaning EM$/);
    const status = JSON.stringify(renderCheckinStatus(optIn(at, 'America/New_York'), at).blocks);
    expect(status).toContain('(America/New_York)');
    expect(status).not.toContain('UTC');
  });
});

describe('memory per user', () => {
  it('a mid-way conversation with a few check-ins stays under 2 KiB', () => {
    const history = longHistory(4);
    const state: UserState = {
      session: {
        ...session,
        id: 'a1b2c3d4e5f6a7b8c9d0',
        status: 'active',
        current: 'day-to-day',
        choices: { energy: 'deep-work', 'bad-week': 'firefight', influence: 'design-docs' },
        texts: { stuck: 'I kept thinking about the cache stampede all weekend and loved it.' },
        completedAt: undefined,
      },
      dm: 'D0ALICE',
      surface: { channel: 'D0ALICE', ts: '1760000000.000100' },
      checkin: { ...optIn(T0, 'America/New_York'), open: { at: T0, sentAt: T0 } },
      history,
    };
    expect(Buffer.byteLength(JSON.stringify(state))).toBeLessThanOrEqual(2048);
  });
});

describe('what the check-in messages say', () => {
  const now = Date.parse('2026-03-23T12:00:00Z');
  const prefs = optIn(now, 'Europe/London', { cadence: 'biweekly', weekday: 2, time: '10:00' });
  const read = (m: { text: string; blocks: unknown[] }) => `${m.text}\n${JSON.stringify(m.blocks)}`;

  it('the schedule line: cadence, day, time and zone, and the next one as a Slack date', () => {
    const line = scheduleLine(prefs, now);
    expect(line).toContain('Check-ins: *every other week on Tuesdays at 10:00 (Europe/London)*.');
    expect(line).toContain(`Next check-in: <!date^${(prefs.next as number) / 1000}^`);
    expect(line).not.toContain('Paused');
    expect(scheduleLine({ ...prefs, cadence: 'weekly' }, now)).toContain('every week on Tuesdays');
    expect(scheduleLine({ ...prefs, cadence: 'monthly' }, now)).toContain('every four weeks');
    expect(scheduleLine({ ...prefs, cadence: 'off' }, now)).toBe('Check-ins are *off*.');
    expect(scheduleLine({ ...prefs, next: null }, now)).not.toContain('Next check-in');
  });

  it('paused: says until when, and only while the pause lasts', () => {
    const until = now + 10 * DAY;
    const paused = pauseUntil(prefs, until, now);
    expect(scheduleLine(paused, now)).toContain('*Paused until <!date^');
    expect(scheduleLine(paused, until + 1)).not.toContain('Paused');
    const snoozed = read(renderCheckinSnoozed(paused, now));
    expect(snoozed).toContain('Snoozed. No check-ins until <!date^');
    expect(snoozed).toContain('|2 Apr 2026>');
  });

  it('a check-in: each question’s buttons carry the slot, the chosen answer is highlighted', () => {
    const q = copy.questions[0];
    if (!q) throw new Error('no question');
    const chosen = q.options[1]?.id as string;
    const m = renderCheckin({
      copy,
      slot: now,
      tz: 'Europe/London',
      answers: { [q.id]: chosen },
      snoozeDefault: '2026-03-30',
    });
    expect(m.text).toBe('Time for a quick check-in');
    const row = m.blocks.find((b) => b.block_id === 'q-0') as {
      elements: { value: string; style?: string; text: { text: string } }[];
    };
    expect(row.elements.map((e) => e.text.text)).toEqual(q.options.map((o) => o.label));
    expect(row.elements.map((e) => e.style)).toEqual(
      q.options.map((o) => (o.id === chosen ? 'primary' : undefined)),
    );
    expect(row.elements[0]?.value).toBe(
      `ck:${now.toString(36)}:${q.id}:${q.options[0]?.id as string}`,
    );
    const text = read(m);
    expect(text).toContain(`*${copy.intro}*`);
    expect(text).toContain(q.prompt);
    // Partly answered: no thanks yet, and no Skip (something was recorded).
    expect(text).not.toContain(copy.thanks);
    expect(text).not.toContain('Skip this one');
    expect(text).toContain('"initial_date":"2026-03-30"');
    expect(text).toContain('Snooze until…');
    expect(text).toContain('Stop check-ins?');
    expect(text).toContain('Only you see this.');
    const unanswered = read(
      renderCheckin({ copy, slot: now, tz: 'UTC', answers: {}, snoozeDefault: '2026-03-30' }),
    );
    expect(unanswered).toContain('Skip this one');
  });

  it('all answered: thanks, and the notification says it was saved', () => {
    const all = Object.fromEntries(copy.questions.map((q) => [q.id, q.options[0]?.id as string]));
    const m = renderCheckin({
      copy,
      slot: now,
      tz: 'UTC',
      answers: all,
      snoozeDefault: '2026-03-30',
    });
    expect(m.text).toBe('Check-in saved');
    expect(read(m)).toContain(`:white_check_mark: ${copy.thanks}`);
  });

  it('nudge, skip, stop, on and off each say what happened', () => {
    expect(read(renderNudge(copy))).toContain(copy.nudge);
    expect(renderNudge(copy).text).toBe('A gentle nudge about your check-in');
    const skipped = read(renderCheckinSkipped(prefs, now));
    expect(skipped).toContain('Skipped this one. Nothing was recorded.');
    expect(skipped).toContain('every other week on Tuesdays');
    expect(read(renderCheckinsStopped())).toContain('/career-path checkin biweekly');
    const on = renderCheckinsOn(prefs, now);
    expect(on.text).toContain('Done. Check-ins: every other week on Tuesdays at 10:00');
    expect(on.text).not.toContain('*');
    expect(read(on)).toContain('Change them any time in my Home tab.');
    const status = renderCheckinStatus(prefs, now);
    expect(status.text).not.toContain('*');
    expect(read(status)).toContain('/career-path checkin weekly|biweekly|monthly|off');
    for (const off of [undefined, { ...prefs, cadence: 'off' as const }]) {
      const m = renderCheckinStatus(off, now);
      expect(m.text).toBe('Check-ins are off.');
      expect(read(m)).toContain('Turn them on');
    }
  });

  it('the trend: each point dated, a repeat said as "still"', () => {
    const line = renderTrend(
      [
        { at: now, lean: 'em', label: 'leaning EM' },
        { at: now + 14 * DAY, lean: 'em', label: 'leaning EM', still: true },
      ],
      'Europe/London',
    );
    expect(line).toBe(
      `<!date^${now / 1000}^{date_short}|23 Mar 2026>: leaning EM → <!date^${(now + 14 * DAY) / 1000}^{date_short}|6 Apr 2026>: still leaning EM`,
    );
  });
});
