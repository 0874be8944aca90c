import { describe, expect, it } from 'vitest';
import { MAX_ARCHIVED, openableBriefs, recordRun, type Session } from '../../src/engine/index.ts';

function session(over: Partial<Session>): Session {
  return {
    id: 's1',
    rev: 3,
    status: 'complete',
    current: 'summary',
    choices: { a: 'x' },
    texts: {},
    editing: false,
    startedAt: 100,
    updatedAt: 200,
    completedAt: 200,
    ...over,
  };
}
const leanOf = () => 'staff' as const;

describe('the brief archive: what Start over keeps and what Home can open again', () => {
  it('Start over on a finished run archives its answers and the new run starts empty', () => {
    const done = session({});
    const fresh = session({
      id: 's2',
      status: 'active',
      current: 'q1',
      choices: {},
      completedAt: undefined,
    });
    const record = recordRun({}, done, fresh, leanOf);
    expect(record.summaries).toEqual([{ at: 200, choices: { a: 'x' }, texts: {} }]);
    expect(record.history).toBeUndefined();
  });

  it('keeps only the newest few earlier briefs', () => {
    let summaries = [] as NonNullable<ReturnType<typeof recordRun>['summaries']>;
    for (let i = 0; i < MAX_ARCHIVED + 2; i += 1) {
      const done = session({ id: `r${i}`, completedAt: 1000 + i });
      const next = session({ id: `r${i + 1}`, status: 'active', completedAt: undefined });
      summaries = recordRun({ summaries }, done, next, leanOf).summaries ?? summaries;
    }
    expect(summaries.map((s) => s.at)).toEqual([1002, 1003, 1004]);
  });

  it('finishing a run adds a point to the history; showing it again does not', () => {
    const active = session({ status: 'active', completedAt: undefined });
    const done = session({ completedAt: 500 });
    expect(recordRun({}, active, done, leanOf).history).toEqual([
      { at: 500, lean: 'staff', src: 's' },
    ]);
    expect(recordRun({}, done, done, leanOf).history).toBeUndefined();
  });

  it('lists the current brief and earlier ones newest first, each with an id Home can carry', () => {
    const current = session({ completedAt: 300 });
    const list = openableBriefs(current, [
      { at: 100, choices: {}, texts: {} },
      { at: 200, choices: { a: 'y' }, texts: {} },
    ]);
    expect(list.map((b) => [b.id, b.at])).toEqual([
      ['current', 300],
      ['a1', 200],
      ['a0', 100],
    ]);
    expect(list[1]?.session.choices).toEqual({ a: 'y' });
    expect(openableBriefs(session({ status: 'active' }), []).length).toBe(0);
  });
});

describe('a finished run starts later check-in nudges from its own strength', () => {
  it('a slight staff lean nudged toward EM is no longer a staff lean; a strong one still is', async () => {
    const { answerCheckin } = await import('../../src/engine/index.ts');
    const { realContent } = await import('../support/content.ts');
    const copy = realContent().checkin;
    const finished = session({});
    const leanAfterNudge = (strength: 'slight' | 'strong') => {
      const { history = [] } = recordRun({}, null, finished, () => ({ lean: 'staff', strength }));
      const answered = answerCheckin(copy, history, 1_000, 'lean', 'em');
      return answered.ok ? answered.entry.lean : null;
    };
    expect(leanAfterNudge('slight')).toBe('unclear');
    expect(leanAfterNudge('strong')).toBe('staff');
  });
});
