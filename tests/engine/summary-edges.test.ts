import { describe, expect, it } from 'vitest';
import { Engine, type HistoryEntry, type SummaryModel } from '../../src/engine/index.ts';
import {
  fixtureEngine,
  fixtureRaw,
  parseFixture,
  realContent,
  sessionWith,
} from '../support/content.ts';

const DAY = 86_400_000;
const real = realContent();

/** The fixture with roles, check-in evidence and two extra talking points, for what they pick. */
function richFixture(edit: (raw: ReturnType<typeof fixtureRaw>) => void = () => {}): Engine {
  const raw = fixtureRaw();
  const summary = raw.summary.data as Record<string, unknown> & {
    talkingPoints: Record<string, unknown>[];
  };
  summary.roles = {
    staff: [
      { id: 'r-first', name: 'First staff role', day: 'Day one.', answers: { 'beta.b-staff': 1 } },
      {
        id: 'r-second',
        name: 'Second staff role',
        day: 'Day two.',
        answers: { 'delta.d-staff': 1 },
      },
    ],
    em: [{ id: 'r-em', name: 'An EM role', day: 'Day em.', answers: { 'beta.b-em': 2 } }],
  };
  summary.evidence = structuredClone(real.summary.evidence);
  summary.talkingPoints.splice(
    3,
    0,
    {
      id: 'tp-lean-and-myth',
      text: 'Talking point for a staff lean with myth one.',
      when: { lean: ['staff'], misconceptions: ['myth-one'] },
    },
    {
      id: 'tp-toward-em',
      text: 'Talking point for check-ins that moved toward EM.',
      when: { answers: ['checkins.toward-em'] },
    },
    {
      id: 'tp-energy-or-short',
      text: 'Talking point for the short way or people energy.',
      when: { answers: ['alpha.a-short', 'checkins.energy-people'] },
    },
  );
  edit(raw);
  return new Engine(parseFixture(raw));
}

const briefOf = (
  e: Engine,
  choices: Record<string, string>,
  texts: Record<string, string> = {},
  history?: HistoryEntry[],
): SummaryModel =>
  e.summary(
    sessionWith(e, { choices, texts }, { current: 'summary', status: 'complete' }),
    history ? { history } : {},
  );

const staffWithMyth = {
  alpha: 'a-staff',
  beta: 'b-myth',
  delta: 'd-staff',
  eps: 'e-staff',
  zeta: 'z-staff',
};

describe('which lines of the brief go with which section', () => {
  it('a point picked only for a misconception goes with "What I’m rethinking"; others go alone', () => {
    const s = briefOf(richFixture(), staffWithMyth, { gamma: 'My words.' });
    const also = Object.fromEntries(s.talkingPoints.map((t, i) => [t, s.talkingPointsAlso[i]]));
    expect(also).toEqual({
      'Talking point for a staff lean.': [],
      'Talking point for myth one.': ['misconceptions'],
      'Talking point for a staff lean with myth one.': [],
      'General talking point one.': [],
      'General talking point two.': [],
    });
  });

  it('a point picked for its answers is not tied to the check-ins unless a check-in picked it', () => {
    const e = richFixture();
    const short = briefOf(e, {
      alpha: 'a-short',
      delta: 'd-staff',
      eps: 'e-staff',
      zeta: 'z-staff',
    });
    const i = short.talkingPoints.indexOf('Talking point for the short way or people energy.');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(short.talkingPointsAlso[i]).toEqual([]);
    const people = [1, 2, 3].map(
      (n): HistoryEntry => ({
        at: n * 14 * DAY,
        lean: 'em',
        src: 'c',
        answers: { energy: 'people' },
      }),
    );
    const byCheckins = briefOf(e, staffWithMyth, {}, people);
    const j = byCheckins.talkingPoints.indexOf('Talking point for the short way or people energy.');
    expect(j).toBeGreaterThanOrEqual(0);
    expect(byCheckins.talkingPointsAlso[j]).toEqual(['evidence']);
  });

  it('check-ins that moved toward EM bring the point written for them, tied to the check-ins', () => {
    const e = richFixture();
    const toward = [1, 2].map(
      (n): HistoryEntry => ({ at: n * 14 * DAY, lean: 'em', src: 'c', answers: { lean: 'em' } }),
    );
    const s = briefOf(e, staffWithMyth, {}, toward);
    const i = s.talkingPoints.indexOf('Talking point for check-ins that moved toward EM.');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(s.talkingPointsAlso[i]).toEqual(['evidence']);
    expect(briefOf(e, staffWithMyth).talkingPoints).not.toContain(
      'Talking point for check-ins that moved toward EM.',
    );
  });

  it('a tension that does not restate a misconception goes with its own section only', () => {
    const s = briefOf(new Engine(real), {
      'where-you-are': 'em-only',
      'interesting-problems': 'systems-puzzle',
      'day-shape': 'writing-reviews',
      'invisible-work': 'need-artifact',
      reversibility: 'lose-skills',
      'five-years': 'technical-direction',
      'kind-of-person': 'staff-not-em',
    });
    const tension = s.tensions.find((t) => t.id === 'staff-lean-em-only');
    expect(tension?.also).toEqual([]);
  });
});

describe('"What the last weeks showed", at its edges', () => {
  const e = richFixture();
  const c = (n: number, answers?: Record<string, string>, lean: HistoryEntry['lean'] = 'staff') =>
    ({ at: n * 14 * DAY, lean, src: 'c', ...(answers ? { answers } : {}) }) as HistoryEntry;
  const evidence = (history: HistoryEntry[]) => briefOf(e, staffWithMyth, {}, history).evidence;

  it('content without evidence copy says nothing, whatever the history', () => {
    const plain = fixtureEngine();
    const s = plain.summary(
      sessionWith(plain, { choices: staffWithMyth }, { current: 'summary', status: 'complete' }),
      { history: [c(1, { lean: 'em' }), c(2, { lean: 'em' })] },
    );
    expect(s.evidence).toEqual([]);
  });

  it('only answered check-ins count: briefs and empty check-ins say nothing', () => {
    expect(evidence([{ at: 0, lean: 'em', src: 's' }, c(1, undefined, 'staff')])).toEqual([]);
  });

  it('one check-in: a move counts, energy needs two', () => {
    expect(evidence([c(1, { lean: 'em' })])).toEqual([
      '1 of the last 1 check-ins: I moved toward EM.',
    ]);
    expect(evidence([c(1, { energy: 'people' })])).toEqual([]);
  });

  it('energy needs half of the check-ins and at least two; an answer with no phrase never counts', () => {
    const five = ['people', 'people', 'building', 'mixed', 'building'].map((energy, i) =>
      c(i + 1, { energy }),
    );
    expect(evidence(five).some((l) => l.includes('gave me energy'))).toBe(false);
    const drained = [1, 2, 3].map((n) => c(n, { energy: 'drained' }));
    expect(evidence(drained)).toEqual(['My lean has held steady across the check-ins.']);
    const two = [c(1, { energy: 'people' }), c(2, { energy: 'people' })];
    expect(evidence(two)).toEqual([
      '2 of the last 2 check-ins: helping people and the team gave me energy.',
    ]);
  });

  it('one move in two check-ins is not a pattern', () => {
    expect(evidence([c(1, { lean: 'em' }), c(2, { changed: 'nothing' })])).toEqual([
      'My lean has held steady across the check-ins.',
    ]);
  });

  it('a shift is from the first brief to the latest check-in, never to a later brief', () => {
    const moved = [
      { at: 0, lean: 'em', src: 's' } as HistoryEntry,
      c(1, { changed: 'nothing' }, 'em'),
      c(2, { lean: 'staff' }, 'staff'),
    ];
    expect(evidence(moved)).toEqual([
      'Since the brief was first written, my lean has moved from leaning EM to leaning Staff.',
    ]);
    const endsWithBrief = [
      { at: 0, lean: 'em', src: 's' } as HistoryEntry,
      c(1, { changed: 'nothing' }, 'em'),
      c(2, { changed: 'nothing' }, 'em'),
      { at: 3 * 14 * DAY, lean: 'staff', src: 's' } as HistoryEntry,
    ];
    expect(evidence(endsWithBrief)).toEqual(['My lean has held steady across the check-ins.']);
    const noBrief = [c(1, { changed: 'nothing' }, 'em'), c(2, { changed: 'nothing' }, 'staff')];
    expect(evidence(noBrief).some((l) => l.startsWith('Since the brief'))).toBe(false);
  });

  it('held steady only when nothing else was said', () => {
    const two = [c(1, { energy: 'people' }), c(2, { energy: 'people' })];
    expect(evidence(two)).not.toContain('My lean has held steady across the check-ins.');
  });
});

describe('the brief’s other parts, at their edges', () => {
  it('at most five reasons, the ones toward the lean first', () => {
    const e = fixtureEngine();
    const s = briefOf(e, {
      alpha: 'a-em',
      beta: 'b-staff',
      delta: 'd-staff',
      eps: 'e-both',
      zeta: 'z-staff',
    });
    expect(s.lean).toBe('staff');
    expect(s.reasons).toEqual([
      'Beta staff reason.',
      'Delta staff reason.',
      'Zeta staff reason.',
      'Alpha em reason.',
      'Eps both reason.',
    ]);
    // The real exchange has more answered steps with a reason than the brief keeps.
    const realEngine = new Engine(real);
    const choices = {
      'where-you-are': 'both-real-senior',
      'interesting-problems': 'systems-puzzle',
      'day-shape': 'writing-reviews',
      'invisible-work': 'need-artifact',
      reversibility: 'not-worried',
      'five-years': 'technical-direction',
      'kind-of-person': 'staff-not-em',
    };
    const withReason = Object.entries(choices).filter(([step, option]) => {
      const found = real.exchange.steps.find((x) => x.id === step);
      const o = found?.kind === 'choice' ? found.options.find((x) => x.id === option) : undefined;
      return o?.reason && o.misconceptions.length === 0;
    });
    expect(withReason.length).toBeGreaterThan(5);
    const full = briefOf(realEngine, choices);
    expect(full.reasons).toHaveLength(5);
  });

  it('the role is the best match; a tie, or no match at all, goes to the first in the file', () => {
    const e = richFixture();
    const base = { alpha: 'a-staff', eps: 'e-staff', zeta: 'z-staff' };
    expect(briefOf(e, { ...base, beta: 'b-quiet', delta: 'd-staff' }).role?.id).toBe('r-second');
    expect(briefOf(e, { ...base, beta: 'b-staff', delta: 'd-staff' }).role?.id).toBe('r-first');
    expect(briefOf(e, { ...base, beta: 'b-quiet', delta: 'd-neutral' }).role).toEqual({
      id: 'r-first',
      track: 'staff',
      name: 'First staff role',
      day: 'Day one.',
    });
  });

  it('experiments: one of each track when the lean is unclear or either; the lean’s own first otherwise', () => {
    const e = fixtureEngine();
    const ids = (s: SummaryModel) => s.experiments.map((x) => x.id);
    // Two answers: not enough for a lean.
    expect(briefOf(e, { alpha: 'a-staff', beta: 'b-staff' }).lean).toBe('unclear');
    expect(ids(briefOf(e, { alpha: 'a-staff', beta: 'b-staff' }))).toEqual([
      'x-staff-1',
      'x-em-1',
      'x-both',
    ]);
    const either = briefOf(e, {
      alpha: 'a-em',
      beta: 'b-staff',
      delta: 'd-neutral',
      eps: 'e-both',
      zeta: 'z-myth',
    });
    expect(either.lean).toBe('either');
    expect(ids(either)).toEqual(['x-em-1', 'x-staff-1', 'x-em-2']);
    const staff = briefOf(e, {
      alpha: 'a-staff',
      beta: 'b-staff',
      delta: 'd-staff',
      eps: 'e-staff',
      zeta: 'z-staff',
    });
    expect(ids(staff)).toEqual(['x-staff-1', 'x-staff-2', 'x-both']);
  });

  it('fewer than two experiments for the lean: filled up to two from the rest, no more', () => {
    const e = richFixture((raw) => {
      const s = raw.summary.data as { experiments: { id: string }[] };
      s.experiments = s.experiments.filter((x) => x.id !== 'x-staff-2' && x.id !== 'x-both');
      s.experiments.push({
        id: 'x-em-3',
        probes: 'em',
        title: 'Em three',
        how: 'Do em three.',
      } as never);
    });
    const s = briefOf(e, {
      alpha: 'a-staff',
      beta: 'b-staff',
      delta: 'd-staff',
      eps: 'e-staff',
      zeta: 'z-staff',
    });
    expect(s.experiments.map((x) => x.id)).toEqual(['x-staff-1', 'x-em-1']);
  });

  it('every answer on the path, in order: the option chosen, a skip, the words; none for unanswered steps', () => {
    const e = fixtureEngine();
    const s = e.summary(
      sessionWith(e, {
        choices: { alpha: 'a-staff', beta: 'b-em' },
        texts: { gamma: 'Some words.' },
      }),
    );
    expect(s.answers).toEqual([
      { stepId: 'alpha', title: 'Alpha', answer: 'Alpha, the staff way' },
      { stepId: 'beta', title: 'Beta', answer: 'Beta em' },
      { stepId: 'gamma', title: 'Gamma', answer: 'Some words.' },
    ]);
    const skipped = e.summary(
      sessionWith(e, { choices: { alpha: 'a-staff', beta: 'b-em' }, texts: { gamma: '' } }),
    );
    expect(skipped.answers.at(-1)).toEqual({
      stepId: 'gamma',
      title: 'Gamma',
      answer: '(skipped)',
    });
    expect(skipped.score).toEqual({ staff: 2, em: 3, answered: 2 });
  });

  it('an answer stored for a step that is now a text step (content changed) is ignored', () => {
    const e = fixtureEngine();
    const s = e.summary(
      sessionWith(e, { choices: { alpha: 'a-staff', beta: 'b-em', gamma: 'b-em' }, texts: {} }),
    );
    expect(s.score).toEqual({ staff: 2, em: 3, answered: 2 });
  });
});
