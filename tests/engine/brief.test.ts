import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type HistoryEntry,
  SHAREABLE_SECTIONS,
  type SummaryModel,
  type Track,
} from '../../src/engine/index.ts';
import { realContent, realEngine, sessionWith } from '../support/content.ts';

const engine = realEngine();
const content = realContent();
const DAY = 86_400_000;

const brief = (choices: Record<string, string>, history?: HistoryEntry[]): SummaryModel =>
  engine.summary(
    sessionWith(engine, { choices, texts: {} }, { current: 'summary', status: 'complete' }),
    history ? { history } : {},
  );

const strongStaff = {
  'interesting-problems': 'systems-puzzle',
  'day-shape': 'writing-reviews',
  'invisible-work': 'need-artifact',
  reversibility: 'lose-skills',
  'five-years': 'technical-direction',
  'kind-of-person': 'staff-not-em',
};
const clearEm = {
  'interesting-problems': 'struggling-engineer',
  'day-shape': 'one-on-ones',
  'invisible-work': 'quiet-win',
  reversibility: 'not-worried',
  'five-years': 'grew-a-team',
  'kind-of-person': 'em-not-staff',
};

const needsOfPoint = (text: string) =>
  content.summary.talkingPoints.find((t) => t.text === text)?.needs ?? [];
const needsOfExperiment = (id: string) =>
  content.summary.experiments.find((e) => e.id === id)?.needs ?? [];
const tpId = (text: string) => content.summary.talkingPoints.find((t) => t.text === text)?.id;

describe('tensions between answers', () => {
  it('a staff lean where only the EM track is real is named, with points and experiments that fit', () => {
    const s = brief({ 'where-you-are': 'em-only', ...strongStaff });
    expect(s.lean).toBe('staff');
    expect(s.tracks).toEqual(['em']);
    expect(s.tensions.map((t) => t.id)).toEqual(['staff-lean-em-only']);
    expect(s.situation).toMatch(/Only the management track is a real role/);
    expect(s.talkingPoints.map(tpId)).toContain('staff-path-here');
    // The generic "only one track" point is replaced by the tension's own, not repeated.
    expect(s.talkingPoints.map(tpId)).not.toContain('em-only-here');
    expect(s.experiments.map((e) => e.id)).toContain('senior-ic-decision');
    for (const e of s.experiments) expect(needsOfExperiment(e.id)).not.toContain('staff');
    for (const t of s.talkingPoints) expect(needsOfPoint(t)).not.toContain('staff');
  });

  it('an EM lean where only the staff track is real is named', () => {
    const s = brief({ 'where-you-are': 'staff-only', ...clearEm });
    expect(s.lean).toBe('em');
    expect(s.tensions.map((t) => t.id)).toEqual(['em-lean-staff-only']);
    expect(s.talkingPoints.map(tpId)).toContain('people-lead-here');
    expect(s.experiments.map((e) => e.id)).toContain('lead-a-ritual');
    for (const e of s.experiments) expect(needsOfExperiment(e.id)).not.toContain('em');
  });

  it('a "kind of person" answer against the lean is named', () => {
    const s = brief({
      'where-you-are': 'both-real-senior',
      ...clearEm,
      'kind-of-person': 'staff-not-em',
    });
    expect(s.lean).toBe('em');
    expect(s.tensions.map((t) => t.id)).toEqual(['self-view-staff']);
    expect(s.talkingPoints.map(tpId)).toContain('self-view-check');
  });

  it('pay or title as the main pull is named, and tagged so it goes with "What I\'m rethinking"', () => {
    for (const pick of ['higher-pay', 'bigger-title']) {
      const s = brief({ 'where-you-are': 'both-real-senior', ...strongStaff, 'five-years': pick });
      const pay = s.tensions.find((t) => t.id === 'pay-pull');
      expect(pay?.also).toEqual(['misconceptions']);
      const i = s.talkingPoints.map(tpId).indexOf('levels-and-pay');
      expect(i).toBeGreaterThanOrEqual(0);
      expect(s.talkingPointsAlso[i]).toContain('misconceptions');
    }
  });

  it('answers that agree name no tension', () => {
    expect(brief({ 'where-you-are': 'both-real-senior', ...strongStaff }).tensions).toEqual([]);
    expect(brief({ 'where-you-are': 'em-only', ...clearEm }).tensions).toEqual([]);
  });
});

/** Every choice step answered (any option, or skipped where the step allows it). */
const fullPath = fc.record(
  Object.fromEntries(
    content.exchange.steps
      .filter((s) => s.kind === 'choice')
      .map((s) => [
        s.id,
        fc.constantFrom(
          ...s.options.map((o) => o.id),
          ...(s.kind === 'choice' && s.optional ? ['skipped'] : []),
        ),
      ]),
  ) as Record<string, fc.Arbitrary<string>>,
);

describe('talking points and experiments come from the answers', () => {
  it('every path gets 3 to 5 talking points and 2 or 3 experiments, all doable where the user works', () => {
    fc.assert(
      fc.property(fullPath, (choices) => {
        const s = brief(choices);
        expect(s.talkingPoints.length).toBeGreaterThanOrEqual(3);
        expect(s.talkingPoints.length).toBeLessThanOrEqual(5);
        expect(s.experiments.length).toBeGreaterThanOrEqual(2);
        expect(s.experiments.length).toBeLessThanOrEqual(3);
        const real = (t: Track) => s.tracks.includes(t);
        for (const t of s.talkingPoints) expect(needsOfPoint(t).every(real), t).toBe(true);
        for (const e of s.experiments) expect(needsOfExperiment(e.id).every(real), e.id).toBe(true);
        // Every tension named has a talking point of its own.
        for (const tension of s.tensions) {
          const own = content.summary.talkingPoints.filter((t) =>
            t.when?.tensions?.includes(tension.id),
          );
          expect(
            own.some((t) => s.talkingPoints.includes(t.text)),
            tension.id,
          ).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('answer paths far apart (opposite leans, or different real tracks) never get the same talking points', () => {
    fc.assert(
      fc.property(fullPath, fullPath, (a, b) => {
        const sa = brief(a);
        const sb = brief(b);
        const opposite =
          (sa.lean === 'staff' && sb.lean === 'em') || (sa.lean === 'em' && sb.lean === 'staff');
        const otherTracks = sa.tracks.join() !== sb.tracks.join();
        fc.pre(opposite || otherTracks);
        expect([...sa.talkingPoints].sort()).not.toEqual([...sb.talkingPoints].sort());
      }),
      { numRuns: 400 },
    );
  });

  it('opposite leans get different experiments too', () => {
    const staff = brief({ 'where-you-are': 'both-real-senior', ...strongStaff });
    const em = brief({ 'where-you-are': 'both-real-senior', ...clearEm });
    const ids = (s: SummaryModel) => s.experiments.map((e) => e.id);
    expect(ids(staff).filter((id) => ids(em).includes(id))).toEqual([]);
  });
});

describe('which kind of role', () => {
  it('names the staff shape the answers resemble', () => {
    const architect = brief({
      'where-you-are': 'both-real-senior',
      ...strongStaff,
      'interesting-problems': 'org-doc',
    });
    expect(architect.role).toMatchObject({ id: 'architect', track: 'staff' });
    const solver = brief({
      'where-you-are': 'both-real-senior',
      ...strongStaff,
      'five-years': 'mix-of-both',
      'day-shape': 'staff-heads-down',
    });
    expect(solver.role?.id).toBe('solver');
  });

  it('names the EM shape, and none when there is no lean', () => {
    expect(brief({ 'where-you-are': 'both-real-senior', ...clearEm }).role?.id).toBe('first-line');
    expect(
      brief({
        'where-you-are': 'both-real-senior',
        ...clearEm,
        'interesting-problems': 'team-friction',
      }).role?.id,
    ).toBe('manager-of-managers');
    const unsure = brief({
      'where-you-are': 'both-real-senior',
      'interesting-problems': 'both-kinds',
      'day-shape': 'meetings-either',
      'invisible-work': 'unsure-invisible',
      reversibility: 'not-worried',
      'five-years': 'mix-of-both',
      'kind-of-person': 'not-sure',
    });
    expect(unsure.role).toBeNull();
  });

  it('every role has a name and a line on the day to day', () => {
    for (const r of [...content.summary.roles.staff, ...content.summary.roles.em]) {
      expect(r.name.length).toBeGreaterThan(3);
      expect(r.day.length).toBeGreaterThan(20);
    }
  });
});

describe('evidence from check-ins', () => {
  const checkin = (i: number, answers: Record<string, string>): HistoryEntry => ({
    at: i * 14 * DAY,
    lean: 'staff',
    src: 'c',
    answers,
  });
  const base = { 'where-you-are': 'both-real-senior', ...strongStaff };

  it('without check-ins there is nothing to show', () => {
    expect(brief(base).evidence).toEqual([]);
    expect(brief(base, [{ at: 0, lean: 'staff', src: 's' }]).evidence).toEqual([]);
  });

  it('tallies energy over the last five check-ins, and the talking points follow it', () => {
    const energies = ['people', 'building', 'people', 'mixed', 'people', 'people'];
    const history = energies.map((energy, i) => checkin(i + 1, { energy, lean: 'same' }));
    const s = brief(base, history);
    // The last five: building, people, mixed, people, people.
    expect(s.evidence).toContain(
      '3 of the last 5 check-ins: helping people and the team gave me energy.',
    );
    expect(s.talkingPoints.map(tpId)).toContain('energy-people');
    const i = s.talkingPoints.map(tpId).indexOf('energy-people');
    expect(s.talkingPointsAlso[i]).toContain('evidence');
    expect(brief(base).talkingPoints.map(tpId)).not.toContain('energy-people');
  });

  it("counts nudges as moves, in the user's voice", () => {
    const history = [
      checkin(1, { lean: 'em' }),
      checkin(2, { lean: 'same' }),
      checkin(3, { lean: 'em' }),
    ];
    expect(brief(base, history).evidence).toContain(
      '2 of the last 3 check-ins: I moved toward EM.',
    );
  });

  it('says when the lean has moved since the brief was first written, and when it held', () => {
    const moved = brief(base, [
      { at: 0, lean: 'em', src: 's' },
      checkin(1, { lean: 'staff' }),
      checkin(2, { lean: 'staff' }),
      checkin(3, { lean: 'staff' }),
    ]);
    expect(moved.evidence).toContain(
      'Since the brief was first written, my lean has moved from leaning EM to leaning Staff.',
    );
    const held = brief(base, [
      { at: 0, lean: 'staff', src: 's' },
      checkin(1, { lean: 'same' }),
      checkin(2, { lean: 'same' }),
    ]);
    expect(held.evidence).toEqual(['My lean has held steady across the check-ins.']);
  });

  it('is a section of its own, shareable like the others', () => {
    expect(SHAREABLE_SECTIONS).toContain('evidence');
  });
});

describe('one voice', () => {
  it('the brief copy speaks as the user: no "you" outside questions to the manager', () => {
    fc.assert(
      fc.property(fullPath, (choices) => {
        const s = brief(choices);
        const lines = [
          s.leanLabel,
          s.leanBlurb,
          s.strengthLabel ?? '',
          s.situation ?? '',
          s.ask ?? '',
          ...s.tensions.map((t) => t.text),
          s.role?.name ?? '',
          s.role?.day ?? '',
          ...s.reasons,
          ...s.misconceptions.flatMap((m) => [m.belief, m.counterpoint]),
          ...s.experiments.flatMap((e) => [e.title, e.how]),
          ...s.evidence,
        ];
        for (const line of lines) expect(line, line).not.toMatch(/\byou(r|rs|rself)?\b/i);
      }),
      { numRuns: 300 },
    );
  });

  it('has no line a person would hesitate to send upward', () => {
    const all = JSON.stringify(content.summary) + JSON.stringify(content.exchange);
    for (const harsh of ['wretched', 'grim', 'failure for'])
      expect(all.toLowerCase()).not.toContain(harsh);
  });
});
