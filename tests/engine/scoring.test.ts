import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSummary,
  type Content,
  ContentGraph,
  type Engine,
  type Session,
  scoreSession,
} from '../../src/engine/index.ts';
import { fixtureEngine, realContent, realEngine, sessionWith } from '../support/content.ts';
import { propertyRuns } from '../support/property-runs.ts';

/*
 * An independent reading of "THE SCORING RULE" in prompts/README.md. It deliberately uses no
 * helper from src/engine (not even ContentGraph.path) so a mistake there cannot hide here.
 */

type Answers = { choices: Record<string, string>; texts: Record<string, string> };
type Lean = 'staff' | 'em' | 'either' | 'unclear';

/** The steps the user walks: from `start` (or the first step), following `next` or the list order. */
function referencePath(content: Content, choices: Record<string, string>): string[] {
  const steps = content.exchange.steps;
  const path: string[] = [];
  let id: string | undefined = content.exchange.start ?? steps[0]?.id;
  while (id !== undefined && id !== 'summary' && !path.includes(id)) {
    const i = steps.findIndex((s) => s.id === id);
    const step = steps[i];
    if (!step) break;
    path.push(id);
    const explicit =
      step.kind === 'choice'
        ? step.options.find((o) => o.id === choices[step.id])?.next
        : step.next;
    id = explicit ?? steps[i + 1]?.id ?? 'summary';
  }
  return path;
}

function referenceChosen(content: Content, answers: Answers) {
  const chosen = [];
  for (const id of referencePath(content, answers.choices)) {
    const step = content.exchange.steps.find((s) => s.id === id);
    if (step?.kind !== 'choice') continue; // 1. text steps carry no signal
    const option = step.options.find((o) => o.id === answers.choices[id]);
    if (option) chosen.push({ stepId: id, option }); // unanswered steps add nothing
  }
  return chosen;
}

function referenceScore(content: Content, answers: Answers) {
  const { margins, eitherFloor, minAnswered } = content.summary.scoring;
  const chosen = referenceChosen(content, answers);
  const staff = chosen.reduce((n, c) => n + c.option.signals.staff, 0);
  const em = chosen.reduce((n, c) => n + c.option.signals.em, 0);
  const answered = chosen.length;
  const result = (lean: Lean, strength: 'strong' | 'moderate' | 'slight' | null) => ({
    staff,
    em,
    answered,
    lean,
    strength,
  });
  // 2. Too few answers.
  if (answered < minAnswered) return result('unclear', null);
  // 3. Lean.
  const margin = staff - em;
  if (Math.abs(margin) >= margins.slight) {
    const size = Math.abs(margin);
    const strength =
      size >= margins.strong ? 'strong' : size >= margins.moderate ? 'moderate' : 'slight';
    return result(margin > 0 ? 'staff' : 'em', strength);
  }
  // 4. No lean.
  return result(staff >= eitherFloor && em >= eitherFloor ? 'either' : 'unclear', null);
}

function referenceSummary(content: Content, answers: Answers) {
  const copy = content.summary;
  const score = referenceScore(content, answers);
  const chosen = referenceChosen(content, answers);
  // 5. Reasons: toward the lean first, then the rest, each in path order; at most 5.
  const toward = (s: { staff: number; em: number }) =>
    score.lean === 'staff' ? s.staff > s.em : score.lean === 'em' ? s.em > s.staff : false;
  // An answer that revealed a misconception gives no reason: "What I'm rethinking" says it once.
  const withReason = chosen.filter(
    (c) => c.option.reason !== undefined && c.option.misconceptions.length === 0,
  );
  const reasons = [
    ...withReason.filter((c) => toward(c.option.signals)),
    ...withReason.filter((c) => !toward(c.option.signals)),
  ]
    .map((c) => c.option.reason)
    .slice(0, 5);
  const revealed = new Set(chosen.flatMap((c) => c.option.misconceptions));
  const answerKeys = new Set(chosen.map((c) => `${c.stepId}.${c.option.id}`));
  const tracks = chosen.find((c) => c.option.tracks)?.option.tracks ?? ['staff', 'em'];
  // Tensions: every field of `when` holds.
  const tensions = new Set(
    copy.tensions
      .filter(
        (t) =>
          (t.when.lean === undefined || t.when.lean.includes(score.lean)) &&
          (t.when.answers === undefined || t.when.answers.some((a) => answerKeys.has(a))),
      )
      .map((t) => t.id),
  );
  type When = (typeof copy.talkingPoints)[number]['when'];
  const matches = (when: When) =>
    when !== undefined &&
    ((when.lean ?? []).includes(score.lean) ||
      (when.answers ?? []).some((a) => answerKeys.has(a)) ||
      (when.misconceptions ?? []).some((m) => revealed.has(m)) ||
      (when.tensions ?? []).some((t) => tensions.has(t)));
  const doable = (x: { needs: string[]; unless?: When }) =>
    x.needs.every((n) => (tracks as string[]).includes(n)) && !matches(x.unless);
  // 6. Talking points: matching (file order), then unconditional (file order); 3 to 5.
  const talkingPoints = [
    ...copy.talkingPoints.filter((t) => doable(t) && matches(t.when)),
    ...copy.talkingPoints.filter((t) => doable(t) && t.when === undefined),
  ]
    .slice(0, 5)
    .map((t) => t.text);
  // 7. Experiments: matching first; the rest by probes; 2 or 3; file order within a group.
  const picked: string[] = [];
  const take = (id: string | undefined) => {
    if (id !== undefined && !picked.includes(id) && picked.length < 3) picked.push(id);
  };
  const experiments = copy.experiments.filter(
    (e) => doable(e) && (e.when?.tensions === undefined || matches(e.when)),
  );
  for (const e of experiments) if (matches(e.when)) take(e.id);
  const ofProbe = (p: string) => experiments.filter((e) => e.probes === p).map((e) => e.id);
  const leanIsReal = (tracks as string[]).includes(score.lean);
  if (score.lean === 'staff' && leanIsReal)
    for (const id of [...ofProbe('staff'), ...ofProbe('both')]) take(id);
  else if (score.lean === 'em' && leanIsReal)
    for (const id of [...ofProbe('em'), ...ofProbe('both')]) take(id);
  else {
    take(ofProbe('staff').find((id) => !picked.includes(id)));
    take(ofProbe('em').find((id) => !picked.includes(id)));
    for (const id of ofProbe('both')) take(id);
  }
  return {
    score,
    reasons,
    misconceptions: [...revealed].sort(),
    talkingPoints,
    experiments: picked,
  };
}

const session = (engine: Engine, answers: Partial<Answers>): Session =>
  sessionWith(engine, answers);
const score = (engine: Engine, s: Session) => scoreSession(engine.graph, engine.content.summary, s);

describe('scoring on the real content, with the README numbers', () => {
  const engine = realEngine();
  const content = realContent();

  it('uses the thresholds the README documents (2 / 5 / 10, floor 4, min 5)', () => {
    expect(content.summary.scoring).toEqual({
      margins: { slight: 2, moderate: 5, strong: 10 },
      eitherFloor: 4,
      minAnswered: 5,
    });
  });

  const worked = {
    'where-you-are': 'both-real-senior',
    'interesting-problems': 'systems-puzzle',
    'day-shape': 'staff-heads-down',
    'invisible-work': 'quiet-win',
    reversibility: 'lose-skills',
    'five-years': 'technical-direction',
    'kind-of-person': 'staff-not-em',
  };

  it('scores the README worked example: 11 / 2 → staff, moderate', () => {
    expect(score(engine, session(engine, { choices: worked }))).toEqual({
      staff: 11,
      em: 2,
      answered: 7,
      lean: 'staff',
      strength: 'moderate',
    });
  });

  it('builds the README worked example summary', () => {
    const summary = buildSummary(content, engine.graph, session(engine, { choices: worked }));
    const reasonOf = (step: string, option: string) => {
      const s = content.exchange.steps.find((x) => x.id === step);
      return s?.kind === 'choice' ? s.options.find((o) => o.id === option)?.reason : undefined;
    };
    // staff-heads-down and lose-skills revealed misconceptions: they are said once, there.
    expect(summary.reasons).toEqual([
      reasonOf('interesting-problems', 'systems-puzzle'),
      reasonOf('five-years', 'technical-direction'),
      reasonOf('kind-of-person', 'staff-not-em'),
      reasonOf('invisible-work', 'quiet-win'),
    ]);
    expect(summary.misconceptions.map((m) => m.id).sort()).toEqual([
      'skills-wont-return',
      'staff-is-more-coding',
    ]);
    const tp = (id: string) => content.summary.talkingPoints.find((t) => t.id === id)?.text;
    expect(summary.talkingPoints).toEqual(
      ['staff-scope', 'mentoring', 'hardest-problem', 'real-coding-time', 'way-back'].map(tp),
    );
    expect(summary.experiments.map((e) => e.id)).toEqual([
      'cross-team-doc',
      'shadow-staff-week',
      'rfc-review',
    ]);
    expect(summary.leanLabel).toBe(content.summary.leans.staff.label);
    expect(summary.strengthLabel).toBe(content.summary.strengths.moderate);
    expect(summary.tensions).toEqual([]);
    expect(summary.role?.id).toBe('solver');
  });

  it.each([
    [
      'one-on-ones instead of staff-heads-down: 10 / 5 → staff, moderate',
      { ...worked, 'day-shape': 'one-on-ones' },
      [10, 5, 'staff', 'moderate'],
    ],
    [
      'all the in-between answers: 5 / 5 → either',
      {
        'where-you-are': 'both-real-senior',
        'interesting-problems': 'both-kinds',
        'day-shape': 'meetings-either',
        'invisible-work': 'unsure-invisible',
        reversibility: 'not-worried',
        'five-years': 'mix-of-both',
        'kind-of-person': 'could-do-either',
      },
      [5, 5, 'either', null],
    ],
    [
      'in-between with not-sure: 3 / 3 → unclear',
      {
        'where-you-are': 'both-real-senior',
        'interesting-problems': 'both-kinds',
        'day-shape': 'meetings-either',
        'invisible-work': 'unsure-invisible',
        reversibility: 'not-worried',
        'five-years': 'mix-of-both',
        'kind-of-person': 'not-sure',
      },
      [3, 3, 'unclear', null],
    ],
    [
      'a fully consistent staff path: 14 / 0 → strong staff',
      {
        'interesting-problems': 'systems-puzzle',
        'day-shape': 'writing-reviews',
        'invisible-work': 'need-artifact',
        reversibility: 'lose-standing',
        'five-years': 'technical-direction',
        'kind-of-person': 'staff-not-em',
      },
      [14, 0, 'staff', 'strong'],
    ],
    [
      'the mirror-image em path: 0 / 14 → strong em',
      {
        'interesting-problems': 'team-friction',
        'day-shape': 'one-on-ones',
        'invisible-work': 'quiet-win',
        reversibility: 'lose-standing',
        'five-years': 'grew-a-team',
        'kind-of-person': 'em-not-staff',
        'where-you-are': 'em-only',
      },
      [0, 14, 'em', 'strong'],
    ],
  ])('calibration from the README: %s', (_, choices, [staff, em, lean, strength]) => {
    expect(score(engine, session(engine, { choices }))).toMatchObject({
      staff,
      em,
      lean,
      strength,
    });
  });

  /**
   * Finds real answers with the wanted totals, so each threshold can be tested exactly at and just
   * below its boundary. The expectations in the table are the README rule applied by hand.
   */
  const byTotals = (() => {
    const map = new Map<string, Record<string, string>>();
    const choiceSteps = content.exchange.steps.filter((s) => s.kind === 'choice');
    const walk = (
      i: number,
      choices: Record<string, string>,
      staff: number,
      em: number,
      n: number,
    ) => {
      if (i === choiceSteps.length) {
        const key = `${staff}/${em}/${n}`;
        if (!map.has(key)) map.set(key, { ...choices });
        return;
      }
      const step = choiceSteps[i];
      if (step?.kind !== 'choice') return;
      walk(i + 1, choices, staff, em, n);
      for (const o of step.options) {
        walk(
          i + 1,
          { ...choices, [step.id]: o.id },
          staff + o.signals.staff,
          em + o.signals.em,
          n + 1,
        );
      }
    };
    walk(0, {}, 0, 0, 0);
    return (staff: number, em: number, answered: number) => {
      const found = map.get(`${staff}/${em}/${answered}`);
      if (!found) throw new Error(`no answers give ${staff}/${em} with ${answered} answered`);
      return found;
    };
  })();

  it.each([
    // [staff, em, answered, lean, strength]
    [2, 0, 6, 'staff', 'slight'], // |margin| = slight: a lean
    [1, 0, 6, 'unclear', null], // just under slight, both totals under the floor
    [0, 2, 6, 'em', 'slight'],
    [4, 0, 7, 'staff', 'slight'], // just under moderate
    [5, 0, 7, 'staff', 'moderate'], // exactly moderate
    [0, 5, 7, 'em', 'moderate'],
    [9, 0, 7, 'staff', 'moderate'], // just under strong
    [10, 0, 7, 'staff', 'strong'], // exactly strong
    [0, 10, 7, 'em', 'strong'],
    [12, 2, 7, 'staff', 'strong'],
    [4, 4, 7, 'either', null], // both exactly at the floor
    [5, 4, 7, 'either', null], // margin 1, both at or above the floor
    [4, 3, 7, 'unclear', null], // margin 1, em under the floor
    [3, 4, 7, 'unclear', null],
    [3, 3, 7, 'unclear', null],
    [6, 6, 7, 'either', null],
    [12, 0, 4, 'unclear', null], // one answer short of minAnswered: always unclear
    [0, 12, 4, 'unclear', null],
    [12, 0, 5, 'staff', 'strong'], // exactly minAnswered: scored
    [4, 4, 4, 'unclear', null],
    [4, 4, 5, 'either', null],
  ] as const)(
    '%i staff / %i em with %i answered → %s %s',
    (staff, em, answered, lean, strength) => {
      const choices = byTotals(staff, em, answered);
      expect(score(engine, session(engine, { choices }))).toEqual({
        staff,
        em,
        answered,
        lean,
        strength,
      });
    },
  );

  it('gives text steps no signal: words (or a skip) change nothing', () => {
    const base = session(engine, { choices: worked });
    const variants: Record<string, string>[] = [
      { 'problem-story': 'I kept thinking about the on-call rota and the team.' },
      { 'problem-story': '', 'manager-note': 'I want to manage people. Staff staff staff!' },
    ];
    for (const texts of variants) {
      expect(score(engine, { ...base, texts })).toEqual(score(engine, base));
    }
  });

  it('does not count text answers toward minAnswered', () => {
    const four = {
      'interesting-problems': 'systems-puzzle',
      'day-shape': 'writing-reviews',
      'five-years': 'technical-direction',
      'kind-of-person': 'staff-not-em',
    };
    const s = session(engine, {
      choices: four,
      texts: { 'problem-story': 'a', 'manager-note': 'b' },
    });
    expect(score(engine, s)).toMatchObject({
      answered: 4,
      staff: 12,
      lean: 'unclear',
      strength: null,
    });
  });

  it('ignores an answer id that is not an option of its step', () => {
    const s = session(engine, { choices: { ...worked, 'kind-of-person': 'no-such-option' } });
    expect(score(engine, s)).toMatchObject({ staff: 8, em: 2, answered: 6 });
  });
});

describe('scoring on the branching fixture', () => {
  const engine = fixtureEngine();

  it('does not count answers left on steps that are off the current path', () => {
    // beta (3 staff) was answered, then alpha changed to the short way, which skips beta.
    const choices = {
      alpha: 'a-short',
      beta: 'b-staff',
      delta: 'd-em',
      eps: 'e-em',
      zeta: 'z-myth',
    };
    const result = score(engine, session(engine, { choices }));
    expect(result).toMatchObject({ staff: 0, em: 4, answered: 4, lean: 'em' });
    const summary = engine.summary(session(engine, { choices }));
    expect(summary.reasons).not.toContain('Beta staff reason.');
    expect(summary.answers.map((a) => a.stepId)).not.toContain('beta');
  });

  it('does not reveal misconceptions from answers off the path', () => {
    const choices = { alpha: 'a-short', beta: 'b-myth', delta: 'd-em', eps: 'e-em', zeta: 'z-em' };
    expect(engine.summary(session(engine, { choices })).misconceptions).toEqual([]);
    const onPath = { ...choices, alpha: 'a-em' };
    expect(
      engine.summary(session(engine, { choices: onPath })).misconceptions.map((m) => m.id),
    ).toEqual(['myth-one']);
  });

  it('does not quote words from a text step off the path', () => {
    const choices = { alpha: 'a-short', delta: 'd-em', eps: 'e-em', zeta: 'z-em' };
    const summary = engine.summary(session(engine, { choices, texts: { gamma: 'Old words.' } }));
    expect(summary.ownWords).toEqual([]);
  });
});

/** Random answer sets: each choice step unanswered or any option; text steps unset, skipped or words. */
function answersArb(content: Content): fc.Arbitrary<Answers> {
  const choiceArbs: Record<string, fc.Arbitrary<string | undefined>> = {};
  const textArbs: Record<string, fc.Arbitrary<string | undefined>> = {};
  for (const step of content.exchange.steps) {
    if (step.kind === 'choice') {
      choiceArbs[step.id] = fc.option(fc.constantFrom(...step.options.map((o) => o.id)), {
        nil: undefined,
        freq: 4,
      });
    } else {
      textArbs[step.id] = fc.option(fc.oneof(fc.constant(''), fc.string({ minLength: 1 })), {
        nil: undefined,
      });
    }
  }
  const defined = (r: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
  return fc
    .record({ choices: fc.record(choiceArbs), texts: fc.record(textArbs) })
    .map(({ choices, texts }) => ({ choices: defined(choices), texts: defined(texts) }));
}

describe.each([
  ['the real content', realEngine],
  ['the branching fixture', fixtureEngine],
])('properties on %s', (_, makeEngine) => {
  const engine = makeEngine();
  const content = engine.content;

  it('scoreSession equals the README rule, re-implemented independently', () => {
    fc.assert(
      fc.property(answersArb(content), (answers) => {
        const s = session(engine, answers);
        expect(scoreSession(new ContentGraph(content.exchange), content.summary, s)).toEqual(
          referenceScore(content, answers),
        );
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('engine.score gives the lean and strength the brief shows', () => {
    fc.assert(
      fc.property(answersArb(content), (answers) => {
        const s = session(engine, answers);
        const expected = referenceScore(content, answers);
        expect(engine.score(s)).toMatchObject({ lean: expected.lean, strength: expected.strength });
        const brief = engine.summary(s, { history: [] });
        expect([brief.lean, brief.strength]).toEqual([
          engine.score(s).lean,
          engine.score(s).strength,
        ]);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('the summary follows README rules 5–7 and shows misconceptions exactly when revealed', () => {
    fc.assert(
      fc.property(answersArb(content), (answers) => {
        const s = session(engine, answers);
        const summary = buildSummary(content, engine.graph, s);
        const expected = referenceSummary(content, answers);
        expect(summary.lean).toBe(expected.score.lean);
        expect(summary.strength).toBe(expected.score.strength);
        expect(summary.reasons).toEqual(expected.reasons);
        expect(summary.reasons.length).toBeLessThanOrEqual(5);
        expect(summary.misconceptions.map((m) => m.id).sort()).toEqual(expected.misconceptions);
        expect(summary.talkingPoints).toEqual(expected.talkingPoints);
        expect(summary.talkingPoints.length).toBeGreaterThanOrEqual(3);
        expect(summary.talkingPoints.length).toBeLessThanOrEqual(5);
        expect(summary.experiments.map((e) => e.id)).toEqual(expected.experiments);
        expect(summary.experiments.length).toBeGreaterThanOrEqual(2);
        expect(summary.experiments.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('quotes own words verbatim, only for written (not skipped) text steps on the path', () => {
    fc.assert(
      fc.property(answersArb(content), (answers) => {
        const s = session(engine, answers);
        const summary = buildSummary(content, engine.graph, s);
        const path = referencePath(content, answers.choices);
        const expected = content.exchange.steps
          .filter(
            (st) =>
              st.kind === 'text' && !st.forManager && path.includes(st.id) && answers.texts[st.id],
          )
          .map((st) => ({ stepId: st.id, text: answers.texts[st.id] }));
        expect(summary.ownWords.map(({ stepId, text }) => ({ stepId, text }))).toEqual(expected);
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe('summary copy on the real content', () => {
  const engine = realEngine();
  const content = realContent();
  const base = {
    'where-you-are': 'both-real-senior',
    'interesting-problems': 'both-kinds',
    'invisible-work': 'unsure-invisible',
    reversibility: 'not-worried',
    'five-years': 'mix-of-both',
    'kind-of-person': 'could-do-either',
  };
  const counterpoint = (id: string) =>
    content.summary.misconceptions.find((m) => m.id === id)?.counterpoint;

  it('shows the em-codes-a-lot counterpoint when day-shape is em-still-codes, and not otherwise', () => {
    const withIt = engine.summary(
      session(engine, { choices: { ...base, 'day-shape': 'em-still-codes' } }),
    );
    expect(withIt.misconceptions).toEqual([
      expect.objectContaining({
        id: 'em-codes-a-lot',
        counterpoint: counterpoint('em-codes-a-lot'),
      }),
    ]);
    for (const other of ['writing-reviews', 'one-on-ones', 'meetings-either', undefined]) {
      const choices: Record<string, string> = { ...base };
      if (other) choices['day-shape'] = other;
      expect(engine.summary(session(engine, { choices })).misconceptions).toEqual([]);
    }
  });

  it('shows status-over-fit once, whichever of its two answers was picked', () => {
    for (const pick of ['higher-pay', 'bigger-title']) {
      const summary = engine.summary(session(engine, { choices: { ...base, 'five-years': pick } }));
      expect(summary.misconceptions.map((m) => m.id)).toEqual(['status-over-fit']);
    }
  });

  it("quotes the user's words exactly as written, with their step's label", () => {
    const words = 'I want <!channel> to know: *staff* & "EM" aren\'t ranks > titles';
    const summary = engine.summary(
      session(engine, { choices: base, texts: { 'manager-note': words, 'problem-story': '' } }),
    );
    const step = content.exchange.steps.find((s) => s.id === 'manager-note');
    expect(summary.ownWords).toEqual([]);
    expect(summary.note).toEqual({
      label: step?.kind === 'text' ? step.quoteLabel : '',
      text: words,
    });
  });
});
