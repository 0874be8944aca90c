import { describe, expect, it } from 'vitest';
import {
  answerCheckin,
  type HistoryEntry,
  leanBefore,
  MAX_HISTORY,
  positionOf,
  recordSummary,
  trend,
} from '../../src/engine/index.ts';
import { loadContent } from '../../src/load-content.ts';

const copy = loadContent().checkin;
const DAY = 86_400_000;
const T0 = Date.parse('2026-01-05T09:00:00Z');

function answer(history: HistoryEntry[], at: number, q: string, o: string): HistoryEntry[] {
  const r = answerCheckin(copy, history, at, q, o);
  if (!r.ok) throw new Error(r.reason);
  return r.history;
}

describe('where the user stood, at the edges', () => {
  it('a brief’s lean without a strength counts as a moderate lean; either or unclear, the middle', () => {
    expect(positionOf({ lean: 'staff' })).toBe(2);
    expect(positionOf({ lean: 'em' })).toBe(-2);
    expect(positionOf({ lean: 'either' })).toBe(0);
    expect(positionOf({ lean: 'unclear' })).toBe(0);
    expect(positionOf({ lean: 'staff', pos: 1 })).toBe(1);
  });

  it('a strong brief is three steps out; its strength is kept only for a staff or EM lean', () => {
    expect(recordSummary([], T0, 'staff', undefined, 'strong')).toEqual([
      { at: T0, lean: 'staff', src: 's', pos: 3 },
    ]);
    expect(recordSummary([], T0, 'em', undefined, 'slight')).toEqual([
      { at: T0, lean: 'em', src: 's', pos: -1 },
    ]);
    expect(recordSummary([], T0, 'either', undefined, 'strong')).toEqual([
      { at: T0, lean: 'either', src: 's' },
    ]);
    expect(recordSummary([], T0, 'staff', undefined, null)).toEqual([
      { at: T0, lean: 'staff', src: 's' },
    ]);
  });

  it('the lean before a moment is the last one strictly earlier', () => {
    const h: HistoryEntry[] = [
      { at: T0, lean: 'em', src: 's' },
      { at: T0 + DAY, lean: 'staff', src: 'c' },
    ];
    expect(leanBefore(h, T0)).toBeNull();
    expect(leanBefore(h, T0 + DAY)).toBe('em');
    expect(leanBefore(h, T0 + DAY + 1)).toBe('staff');
  });

  it('a check-in with no lean answer starts from the lean before it', () => {
    const h = answer(recordSummary([], T0, 'em'), T0 + 14 * DAY, 'energy', 'people');
    expect(h.at(-1)).toMatchObject({ lean: 'em', src: 'c', answers: { energy: 'people' } });
    const first = answer([], T0, 'energy', 'people');
    expect(first).toEqual([
      { at: T0, lean: 'unclear', src: 'c', answers: { energy: 'people' }, pos: 0 },
    ]);
  });

  it('nudges stop at the end of the scale: four toward Staff, then one toward EM, is still Staff', () => {
    let h = recordSummary([], T0, 'unclear');
    for (let i = 1; i <= 4; i += 1) h = answer(h, T0 + i * 14 * DAY, 'lean', 'staff');
    expect(h.map((e) => e.pos ?? null)).toEqual([null, 1, 2, 3, 3]);
    h = answer(h, T0 + 5 * 14 * DAY, 'lean', 'em');
    expect(h.at(-1)).toMatchObject({ lean: 'staff', pos: 2 });
    let down = recordSummary([], T0, 'unclear');
    for (let i = 1; i <= 4; i += 1) down = answer(down, T0 + i * 14 * DAY, 'lean', 'em');
    expect(down.map((e) => e.lean)).toEqual(['unclear', 'em', 'em', 'em', 'em']);
    expect(down.at(-1)?.pos).toBe(-3);
  });

  it('"either" and "less sure" set the lean outright, wherever the user stood', () => {
    let h = recordSummary([], T0, 'staff', undefined, 'strong');
    h = answer(h, T0 + 14 * DAY, 'lean', 'either');
    expect(h.at(-1)).toMatchObject({ lean: 'either', pos: 0 });
    h = answer(h, T0 + 28 * DAY, 'lean', 'unsure');
    expect(h.at(-1)).toMatchObject({ lean: 'unclear', pos: 0 });
    h = answer(h, T0 + 42 * DAY, 'lean', 'staff');
    expect(h.at(-1)).toMatchObject({ lean: 'staff', pos: 1 });
  });

  it('an older answer changed carries into a later "no change", but not past a later move', () => {
    let h = recordSummary([], T0, 'unclear');
    h = answer(h, T0 + 14 * DAY, 'lean', 'staff');
    h = answer(h, T0 + 28 * DAY, 'lean', 'same');
    h = answer(h, T0 + 42 * DAY, 'lean', 'em');
    expect(h.map((e) => e.lean)).toEqual(['unclear', 'staff', 'staff', 'unclear']);
    h = answer(h, T0 + 14 * DAY, 'lean', 'em');
    expect(h.map((e) => e.lean)).toEqual(['unclear', 'em', 'em', 'em']);
    expect(h.map((e) => e.pos ?? null)).toEqual([null, -1, -1, -2]);
  });

  it('the saved entry is the one for the slot, with its lean worked out', () => {
    const h = recordSummary([], T0, 'unclear');
    const r = answerCheckin(copy, h, T0 + 14 * DAY, 'lean', 'staff');
    expect(r.ok && r.entry).toEqual({
      at: T0 + 14 * DAY,
      lean: 'staff',
      src: 'c',
      answers: { lean: 'staff' },
      pos: 1,
    });
  });
});

describe('the history’s own limits', () => {
  it('finishing again exactly a day later is a new point; just under a day, the same one', () => {
    const once = recordSummary([], T0, 'em');
    expect(recordSummary(once, T0 + DAY - 1, 'staff')).toEqual([
      { at: T0, lean: 'staff', src: 's' },
    ]);
    expect(recordSummary(once, T0 + DAY, 'staff')).toHaveLength(2);
    // After a check-in, a new brief is always a new point.
    const withCheckin = answer(once, T0 + 1000, 'lean', 'same');
    expect(recordSummary(withCheckin, T0 + 2000, 'staff')).toHaveLength(3);
  });

  it('an entry written out of order is put in its place by date', () => {
    const h = recordSummary([{ at: T0 + 5 * DAY, lean: 'em', src: 'c' }], T0, 'staff');
    expect(h.map((e) => e.at)).toEqual([T0, T0 + 5 * DAY]);
  });

  it('keeps exactly the newest MAX_HISTORY entries', () => {
    let h: HistoryEntry[] = [];
    for (let i = 0; i < MAX_HISTORY; i += 1) h = answer(h, T0 + i * DAY, 'energy', 'people');
    expect(h).toHaveLength(MAX_HISTORY);
    expect(h[0]?.at).toBe(T0);
    h = answer(h, T0 + MAX_HISTORY * DAY, 'energy', 'people');
    expect(h).toHaveLength(MAX_HISTORY);
    expect(h[0]?.at).toBe(T0 + DAY);
    const briefs = Array.from(
      { length: MAX_HISTORY },
      (_, i): HistoryEntry => ({
        at: T0 + i * 2 * DAY,
        lean: 'em',
        src: 's',
      }),
    );
    expect(recordSummary(briefs, T0 + 100 * DAY, 'staff')).toHaveLength(MAX_HISTORY);
    expect(recordSummary(briefs, T0 + 100 * DAY, 'staff')[0]?.at).toBe(T0 + 2 * DAY);
  });

  it('the trend keeps the last six points by default, fewer when asked', () => {
    const h: HistoryEntry[] = Array.from({ length: 10 }, (_, i) => ({
      at: T0 + i * DAY,
      lean: i % 2 ? 'em' : 'staff',
      src: 'c',
    }));
    expect(trend(copy, h)?.map((p) => p.at)).toEqual(h.slice(-6).map((e) => e.at));
    expect(trend(copy, h, 2)?.map((p) => p.at)).toEqual(h.slice(-2).map((e) => e.at));
    const two: HistoryEntry[] = [
      { at: T0, lean: 'em', src: 's' },
      { at: T0 + DAY, lean: 'em', src: 'c' },
    ];
    expect(trend(copy, two)).toEqual([
      { at: T0, lean: 'em', label: copy.trend.em },
      { at: T0 + DAY, lean: 'em', label: copy.trend.em, still: true },
    ]);
  });
});
