import { describe, expect, it } from 'vitest';
import {
  addReceived,
  findReceived,
  MAX_RECEIVED,
  openableBriefs,
  type ReceivedBrief,
  recordRun,
  type Session,
} from '../../src/engine/index.ts';
import { fixtureEngine, sessionWith } from '../support/content.ts';

const engine = fixtureEngine();
const T0 = Date.parse('2026-02-01T10:00:00Z');

const run = (id: string, extra: Partial<Session> = {}): Session =>
  sessionWith(engine, { choices: { alpha: 'a-staff' } }, { id, ...extra });
const done = (id: string, at: number) =>
  run(id, { status: 'complete', current: 'summary', completedAt: at, updatedAt: at });

describe('what a run leaves in the user’s record', () => {
  it('Start over on a run that never finished archives nothing', () => {
    expect(recordRun({}, run('one'), run('two'), () => 'staff')).toEqual({});
    expect(recordRun({}, null, run('two'), () => 'staff')).toEqual({});
  });

  it('a finished run shown again (same id) is not archived a second time', () => {
    const finished = done('one', T0);
    expect(recordRun({}, finished, finished, () => 'staff').summaries).toBeUndefined();
  });

  it('a finished run replaced by a new one is archived, dated by when it finished', () => {
    const next = recordRun({}, done('one', T0), run('two'), () => 'staff');
    expect(next.summaries).toEqual([{ at: T0, choices: { alpha: 'a-staff' }, texts: {} }]);
    expect(next.history).toBeUndefined();
    const noTime = { ...done('one', T0), completedAt: undefined, updatedAt: T0 + 5 };
    expect(recordRun({}, noTime, run('two'), () => 'staff').summaries?.[0]?.at).toBe(T0 + 5);
  });

  it('a point in the history only when a run finishes, or finishes again', () => {
    expect(recordRun({}, run('one'), run('one'), () => 'em').history).toBeUndefined();
    const noTime = run('one', { status: 'complete', current: 'summary' });
    expect(recordRun({}, run('one'), noTime, () => 'em').history).toBeUndefined();
    expect(recordRun({}, null, null, () => 'em')).toEqual({});
    expect(recordRun({}, run('one'), done('one', T0), () => 'em').history).toEqual([
      { at: T0, lean: 'em', src: 's' },
    ]);
    expect(
      recordRun({}, run('one'), done('one', T0), () => ({ lean: 'staff', strength: 'strong' }))
        .history,
    ).toEqual([{ at: T0, lean: 'staff', src: 's', pos: 3 }]);
  });
});

describe('briefs that can be opened again', () => {
  it('an earlier brief opens as a finished brief of its own, never as the run under way', () => {
    const [brief] = openableBriefs(run('now'), [{ at: T0, choices: { alpha: 'a-em' }, texts: {} }]);
    expect(brief?.id).toBe('a0');
    expect(brief?.session).toEqual({
      id: 'archived-0',
      rev: 0,
      status: 'complete',
      current: 'summary',
      choices: { alpha: 'a-em' },
      texts: {},
      editing: false,
      startedAt: T0,
      updatedAt: T0,
      completedAt: T0,
    });
    expect(engine.view(brief?.session as Session).kind).toBe('summary');
    expect(openableBriefs(null)).toEqual([]);
  });
});

describe('briefs shared with this user', () => {
  const entry = (sharer: string, at: number, sharedAt: number): ReceivedBrief => ({
    sharer,
    at,
    sharedAt,
    lean: 'Leaning Staff',
    include: ['ask'],
  });

  it('the same brief shared again moves to the end; another brief of the same sharer stays', () => {
    let list = addReceived(undefined, entry('U1', 1, 10));
    list = addReceived(list, entry('U2', 1, 20));
    list = addReceived(list, entry('U1', 2, 30));
    list = addReceived(list, entry('U1', 1, 40));
    expect(list.map((r) => [r.sharer, r.at])).toEqual([
      ['U2', 1],
      ['U1', 2],
      ['U1', 1],
    ]);
  });

  it('kept in the order they were shared; past the cap, the oldest shares go', () => {
    let list: ReceivedBrief[] = [];
    for (let i = 0; i < MAX_RECEIVED + 2; i += 1)
      list = addReceived(list, entry(`U${i}`, i, 100 - i));
    expect(list).toHaveLength(MAX_RECEIVED);
    expect(list.map((r) => r.sharedAt)).toEqual(
      Array.from({ length: MAX_RECEIVED }, (_, i) => 100 - MAX_RECEIVED + 1 + i),
    );
  });

  it('found by sharer and date, both', () => {
    const list = [entry('U1', 1, 10), entry('U2', 2, 20)];
    expect(findReceived(list, { sharer: 'U2', at: 2 })).toBe(list[1]);
    expect(findReceived(list, { sharer: 'U1', at: 2 })).toBeUndefined();
    expect(findReceived(list, { sharer: 'U2', at: 1 })).toBeUndefined();
    expect(findReceived(undefined, { sharer: 'U1', at: 1 })).toBeUndefined();
  });
});
