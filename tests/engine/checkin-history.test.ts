import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  answerCheckin,
  ContentError,
  type HistoryEntry,
  MAX_HISTORY,
  recordSummary,
  trend,
} from '../../src/engine/index.ts';
import { loadContent, PROMPTS_DIR } from '../../src/load-content.ts';

const content = loadContent();
const copy = content.checkin;
const DAY = 86_400_000;
const T0 = Date.parse('2025-10-12T09:00:00Z');

function answerAll(history: HistoryEntry[], at: number, picks: Record<string, string>) {
  let h = history;
  for (const [q, o] of Object.entries(picks)) {
    const r = answerCheckin(copy, h, at, q, o);
    if (!r.ok) throw new Error(r.reason);
    h = r.history;
  }
  return h;
}

describe('check-in history', () => {
  it('a summary then check-ins make the trend: only the changes, plus where it stands now', () => {
    let h = recordSummary([], T0, 'em');
    h = answerAll(h, T0 + 14 * DAY, { changed: 'nothing', energy: 'people', lean: 'same' });
    h = answerAll(h, T0 + 28 * DAY, { changed: 'new-tech', energy: 'mixed', lean: 'either' });
    h = answerAll(h, T0 + 42 * DAY, { lean: 'same' });
    expect(h.map((e) => e.lean)).toEqual(['em', 'em', 'either', 'either']);
    const points = trend(copy, h);
    expect(points?.map((p) => [p.label, p.still ?? false])).toEqual([
      ['leaning EM', false],
      ['could do either', false],
      ['could do either', true],
    ]);
  });

  it('one point is not a movement', () => {
    expect(trend(copy, recordSummary([], T0, 'staff'))).toBeNull();
  });

  it('is complete only once every question has an answer', () => {
    const first = answerCheckin(copy, [], T0, 'changed', 'nothing');
    expect(first.ok && first.complete).toBe(false);
    if (!first.ok) throw new Error('not ok');
    let h = first.history;
    h = answerAll(h, T0, { energy: 'people' });
    const last = answerCheckin(copy, h, T0, 'lean', 'em');
    expect(last.ok && last.complete).toBe(true);
  });

  it('editing a past answer changes that entry, and a later "no change" follows it', () => {
    let h = recordSummary([], T0, 'unclear');
    h = answerAll(h, T0 + 14 * DAY, { lean: 'em' });
    h = answerAll(h, T0 + 28 * DAY, { lean: 'same' });
    expect(h.map((e) => e.lean)).toEqual(['unclear', 'em', 'em']);
    h = answerAll(h, T0 + 14 * DAY, { lean: 'either' });
    expect(h.map((e) => e.lean)).toEqual(['unclear', 'either', 'either']);
    expect(h.filter((e) => e.src === 'c')).toHaveLength(2);
    expect(h[1]?.answers).toEqual({ lean: 'either' });
  });

  it('records "toward Staff" as a nudge from where the user stood, not a flip', () => {
    let h = recordSummary([], T0, 'em', undefined, 'moderate');
    h = answerAll(h, T0 + 14 * DAY, { lean: 'staff' });
    expect(h.map((e) => e.lean)).toEqual(['em', 'em']);
    h = answerAll(h, T0 + 28 * DAY, { lean: 'staff' });
    expect(h.at(-1)?.lean).toBe('unclear');
    h = answerAll(h, T0 + 42 * DAY, { lean: 'staff' });
    expect(h.at(-1)?.lean).toBe('staff');
    // From a slight lean, one nudge is enough to leave it.
    const slight = answerAll(recordSummary([], T0, 'em', undefined, 'slight'), T0 + DAY, {
      lean: 'staff',
    });
    expect(slight.at(-1)?.lean).toBe('unclear');
  });

  it('rejects answers that are not in the content', () => {
    expect(answerCheckin(copy, [], T0, 'nope', 'x')).toEqual({
      ok: false,
      reason: 'unknown-question',
    });
    expect(answerCheckin(copy, [], T0, 'lean', 'sideways')).toEqual({
      ok: false,
      reason: 'unknown-option',
    });
  });

  it('finishing again the same day (changing an answer from the summary) replaces the point', () => {
    let h = recordSummary([], T0, 'em');
    h = recordSummary(h, T0 + 3_600_000, 'either');
    expect(h).toEqual([{ at: T0, lean: 'either', src: 's' }]);
    h = recordSummary(h, T0 + 2 * DAY, 'staff');
    expect(h).toHaveLength(2);
  });

  it('stays capped however many check-ins there are', () => {
    let h: HistoryEntry[] = [];
    for (let i = 0; i < 100; i += 1)
      h = answerAll(h, T0 + i * 7 * DAY, { lean: i % 2 ? 'em' : 'staff' });
    expect(h).toHaveLength(MAX_HISTORY);
    expect(h.at(-1)?.at).toBe(T0 + 99 * 7 * DAY);
  });
});

describe('prompts/checkin.yaml', () => {
  it('has 2 to 4 one-click questions, including one that moves the lean', () => {
    expect(copy.questions.length).toBeGreaterThanOrEqual(2);
    expect(copy.questions.length).toBeLessThanOrEqual(4);
    expect(copy.questions.some((q) => q.options.some((o) => o.lean))).toBe(true);
  });

  it('a mistake stops startup with the file and the path of the bad field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
    for (const f of ['exchange.yaml', 'summary.yaml'])
      writeFileSync(join(dir, f), readFileSync(join(PROMPTS_DIR, f)));
    const broken = readFileSync(join(PROMPTS_DIR, 'checkin.yaml'), 'utf8')
      .replace('id: energy', 'id: Energy!')
      .replace('lean: either', 'lean: sideways');
    writeFileSync(join(dir, 'checkin.yaml'), broken);
    let error: unknown;
    try {
      loadContent(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    const message = (error as Error).message;
    expect(message).toMatch(/checkin\.yaml: questions\[1\]\.id: ids are lower-case/);
    expect(message).toMatch(/checkin\.yaml: questions\[2\]\.options\[2\]\.lean:/);
  });

  it('a duplicate question id is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
    for (const f of ['exchange.yaml', 'summary.yaml'])
      writeFileSync(join(dir, f), readFileSync(join(PROMPTS_DIR, f)));
    writeFileSync(
      join(dir, 'checkin.yaml'),
      readFileSync(join(PROMPTS_DIR, 'checkin.yaml'), 'utf8').replace('id: energy', 'id: changed'),
    );
    expect(() => loadContent(dir)).toThrow(
      /checkin\.yaml: questions\[1\]\.id: duplicate question id "changed"/,
    );
  });
});
