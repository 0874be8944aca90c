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
import { renderCheckin, renderCheckinStatus, renderTrend } from '../../src/render/checkin.ts';
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
