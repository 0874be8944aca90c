import { describe, expect, it } from 'vitest';
import {
  AT_SUMMARY,
  type CurrentView,
  type Engine,
  type EngineEvent,
  type Ref,
  type Result,
  type Session,
  type Step,
  type StepView,
} from '../../src/engine/index.ts';
import { clipText, normalizeText } from '../../src/engine/machine.ts';
import { progressLabel } from '../../src/render/step.ts';
import { fixtureEngine, realContent, realEngine } from '../support/content.ts';

let clock = 1_000;
const ctx = (newId = 'sess-new') => ({ now: ++clock, newId });

function refOf(view: CurrentView): Ref {
  return {
    session: view.sessionId,
    step: view.kind === 'step' ? view.step.id : AT_SUMMARY,
    rev: view.rev,
  };
}

function stepView(engine: Engine, session: Session): StepView {
  const view = engine.view(session);
  if (view.kind !== 'step') throw new Error(`expected a step, at ${session.current}`);
  return view;
}

/** Applies an event and insists the engine accepted it (a `show` with a new session). */
function apply(engine: Engine, session: Session | null, event: EngineEvent): Session {
  const result = engine.advance(session, event, ctx());
  expect(result.outcome.type, JSON.stringify(event)).not.toBe('stale');
  if (!result.session) throw new Error('no session');
  return result.session;
}

function choose(engine: Engine, session: Session, option: string): Session {
  return apply(engine, session, { type: 'choose', ref: refOf(engine.view(session)), option });
}

type Picker = (step: Step) => { option: string } | { text: string } | 'skip';
const firstOption: Picker = (step) =>
  step.kind === 'choice' ? { option: step.options[0]?.id as string } : 'skip';

/** Answers from the current step to the summary; returns the session and the steps shown. */
function answerToEnd(
  engine: Engine,
  start: Session,
  pick: Picker = firstOption,
): { session: Session; visited: StepView[] } {
  let session = start;
  const visited: StepView[] = [];
  for (let guard = 0; session.current !== AT_SUMMARY; guard++) {
    if (guard > 50) throw new Error('did not reach the summary');
    const view = stepView(engine, session);
    visited.push(view);
    const answer = pick(view.step);
    const ref = refOf(view);
    session = apply(
      engine,
      session,
      answer === 'skip'
        ? { type: 'skip', ref }
        : 'option' in answer
          ? { type: 'choose', ref, option: answer.option }
          : { type: 'write', ref, text: answer.text },
    );
  }
  return { session, visited };
}

function started(engine: Engine, id = 'sess-1'): Session {
  const result = engine.advance(null, { type: 'start' }, ctx(id));
  if (!result.session) throw new Error('no session');
  return result.session;
}

describe('Engine on the real content', () => {
  const engine = realEngine();
  const steps = realContent().exchange.steps;
  const N = steps.length;

  it('start shows the first step as "Step 1 of N"', () => {
    const result = engine.advance(null, { type: 'start' }, ctx('sess-1'));
    expect(result.changed).toBe(true);
    expect(result.outcome).toMatchObject({ type: 'show', started: true, resumed: false });
    const view = (result.outcome as { view: CurrentView }).view as StepView;
    expect(view.kind).toBe('step');
    expect(view.step.id).toBe(steps[0]?.id);
    expect([view.index, view.total]).toEqual([1, N]);
    expect(progressLabel(view)).toBe(`Step 1 of ${N} · ${steps[0]?.title}`);
    expect(result.session).toMatchObject({ id: 'sess-1', status: 'active', rev: 0 });
  });

  it('answering every step walks the steps in order and reaches the summary, complete', () => {
    const { session, visited } = answerToEnd(engine, started(engine));
    expect(visited.map((v) => v.step.id)).toEqual(steps.map((s) => s.id));
    expect(visited.map((v) => v.index)).toEqual(steps.map((_, i) => i + 1));
    expect(session.status).toBe('complete');
    expect(session.current).toBe(AT_SUMMARY);
    expect(session.completedAt).toBeTypeOf('number');
    const view = engine.view(session);
    expect(view.kind).toBe('summary');
    expect(engine.isValid(session)).toBe(true);
  });

  it('Back goes to the previous step and keeps every answer', () => {
    let s = started(engine);
    s = choose(engine, s, 'both-real-senior');
    s = choose(engine, s, 'team-friction');
    expect(s.current).toBe('problem-story');
    const back = engine.advance(s, { type: 'back', ref: refOf(engine.view(s)) }, ctx());
    expect(back.changed).toBe(true);
    const view = stepView(engine, back.session as Session);
    expect(view.step.id).toBe('interesting-problems');
    expect(view.chosen).toBe('team-friction');
    expect(back.session?.choices).toEqual({
      'where-you-are': 'both-real-senior',
      'interesting-problems': 'team-friction',
    });
    // Going forward again from there keeps the earlier answer too.
    const again = choose(engine, back.session as Session, 'systems-puzzle');
    expect(again.current).toBe('problem-story');
    expect(again.choices['where-you-are']).toBe('both-real-senior');
  });

  it('does not offer Back on step 1, and a Back click there changes nothing', () => {
    const s = started(engine);
    const view = stepView(engine, s);
    expect(view.canGoBack).toBe(false);
    const result = engine.advance(s, { type: 'back', ref: refOf(view) }, ctx());
    expect(result.changed).toBe(false);
    expect(result.session).toBe(s);
    // From step 2 on it is offered.
    expect(stepView(engine, choose(engine, s, 'staff-only')).canGoBack).toBe(true);
  });

  describe('a click from an out-of-date message', () => {
    const setup = () => {
      const first = started(engine, 'sess-1');
      const oldRef = refOf(engine.view(first));
      const s = choose(engine, first, 'em-only'); // now on step 2, rev 1
      return { s, oldRef, ref: refOf(engine.view(s)) };
    };
    const kinds = (ref: Ref): EngineEvent[] => [
      { type: 'choose', ref, option: 'systems-puzzle' },
      { type: 'write', ref, text: 'words' },
      { type: 'skip', ref },
      { type: 'back', ref },
      { type: 'pause', ref },
      { type: 'edit', ref, step: 'where-you-are' },
    ];

    it.each([
      ['an old rev', (r: Ref) => ({ ...r, rev: r.rev - 1 })],
      ['a future rev', (r: Ref) => ({ ...r, rev: r.rev + 1 })],
      ['another session id', (r: Ref) => ({ ...r, session: 'sess-other' })],
      ['the wrong step', (r: Ref) => ({ ...r, step: 'day-shape' })],
    ])('with %s is stale and changes nothing', (_, spoil) => {
      const { s, ref } = setup();
      for (const event of kinds(spoil(ref))) {
        const result = engine.advance(s, event, ctx());
        expect(result.outcome.type, event.type).toBe('stale');
        expect(result.changed, event.type).toBe(false);
        expect(result.session, event.type).toBe(s);
        // The stale notice still knows where the user really is.
        expect((result.outcome as { view: CurrentView }).view).toMatchObject({
          kind: 'step',
          step: { id: 'interesting-problems' },
        });
      }
    });

    it("with the first step's own ref, after it was answered, is stale", () => {
      const { s, oldRef } = setup();
      const result = engine.advance(
        s,
        { type: 'choose', ref: oldRef, option: 'staff-only' },
        ctx(),
      );
      expect(result).toMatchObject({ changed: false, outcome: { type: 'stale' } });
      expect(result.session).toBe(s);
      expect(s.choices['where-you-are']).toBe('em-only');
    });

    it('choosing an option that is not on the step is stale', () => {
      const { s, ref } = setup();
      const result = engine.advance(s, { type: 'choose', ref, option: 'em-only' }, ctx());
      expect(result).toMatchObject({ changed: false, outcome: { type: 'stale' } });
      expect(result.session).toBe(s);
    });

    it('with no session at all is stale with nothing to show', () => {
      const { ref } = setup();
      const result = engine.advance(null, { type: 'choose', ref, option: 'x' }, ctx());
      expect(result).toEqual({
        session: null,
        outcome: { type: 'stale', view: null },
        changed: false,
      });
    });
  });

  it('pause then start resumes at the same step with the answers kept', () => {
    let s = started(engine);
    s = choose(engine, s, 'title-only');
    s = choose(engine, s, 'org-doc');
    const paused = engine.advance(s, { type: 'pause', ref: refOf(engine.view(s)) }, ctx());
    expect(paused.outcome.type).toBe('paused');
    expect(paused.session?.status).toBe('paused');
    const resumed = engine.advance(
      paused.session,
      { type: 'start' },
      ctx('sess-should-not-be-used'),
    );
    expect(resumed.outcome).toMatchObject({ type: 'show', resumed: true, started: false });
    expect(resumed.session).toMatchObject({
      id: s.id,
      status: 'active',
      current: s.current,
      choices: s.choices,
    });
    expect(resumed.changed).toBe(true);
  });

  it('start on an active session shows where the user is and changes nothing', () => {
    const s = choose(engine, started(engine), 'title-only');
    const result = engine.advance(s, { type: 'start' }, ctx('sess-unused'));
    expect(result.session).toBe(s);
    expect(result.changed).toBe(false);
    expect(result.outcome).toMatchObject({ type: 'show', resumed: true });
  });

  it('start on a finished session shows the summary again', () => {
    const { session } = answerToEnd(engine, started(engine));
    const result = engine.advance(session, { type: 'start' }, ctx('sess-unused'));
    expect(result.session).toBe(session);
    expect(result.changed).toBe(false);
    expect((result.outcome as { view: CurrentView }).view.kind).toBe('summary');
  });

  it('Start over from an old brief changes nothing; from the current one it restarts', () => {
    const { session } = answerToEnd(engine, started(engine, 'sess-1'));
    const fromOld = engine.advance(
      session,
      { type: 'restart', ref: { session: 'sess-0', step: AT_SUMMARY, rev: session.rev } },
      ctx('sess-2'),
    );
    expect(fromOld.changed).toBe(false);
    expect(fromOld.session).toBe(session);
    expect(fromOld.outcome.type).toBe('stale');
    const fromOlderRev = engine.advance(
      session,
      { type: 'restart', ref: { session: 'sess-1', step: AT_SUMMARY, rev: session.rev - 1 } },
      ctx('sess-2'),
    );
    expect(fromOlderRev.outcome.type).toBe('stale');
    const fromCurrent = engine.advance(
      session,
      { type: 'restart', ref: { session: 'sess-1', step: AT_SUMMARY, rev: session.rev } },
      ctx('sess-2'),
    );
    expect(fromCurrent.session).toMatchObject({ id: 'sess-2', choices: {} });
  });

  it('restart throws the run away: a new session id, step 1, no answers', () => {
    const { session } = answerToEnd(engine, started(engine, 'sess-1'));
    const result = engine.advance(session, { type: 'restart' }, ctx('sess-2'));
    expect(result.changed).toBe(true);
    expect(result.session).toMatchObject({
      id: 'sess-2',
      status: 'active',
      current: steps[0]?.id,
      choices: {},
      texts: {},
    });
    // Buttons of the old run are now stale.
    const old = engine.advance(
      result.session,
      {
        type: 'edit',
        ref: { session: 'sess-1', step: AT_SUMMARY, rev: session.rev },
        step: 'day-shape',
      },
      ctx(),
    );
    expect(old.outcome.type).toBe('stale');
  });

  it('edit from the summary revisits one step and returns after one answer', () => {
    const { session: done } = answerToEnd(engine, started(engine));
    const edit = engine.advance(
      done,
      { type: 'edit', ref: refOf(engine.view(done)), step: 'day-shape' },
      ctx(),
    );
    expect(edit.changed).toBe(true);
    const view = stepView(engine, edit.session as Session);
    expect(view).toMatchObject({ editing: true, canGoBack: false, chosen: 'em-still-codes' });
    expect(view.step.id).toBe('day-shape');
    expect(progressLabel(view)).toMatch(/^Changing one answer/);
    const after = choose(engine, edit.session as Session, 'one-on-ones');
    expect(after.current).toBe(AT_SUMMARY);
    expect(after.status).toBe('complete');
    expect(after.editing).toBe(false);
    expect(after.choices).toEqual({ ...done.choices, 'day-shape': 'one-on-ones' });
    expect(after.texts).toEqual(done.texts);
  });

  it('edit of a step that is not on the path is stale', () => {
    const { session: done } = answerToEnd(engine, started(engine));
    const result = engine.advance(
      done,
      { type: 'edit', ref: refOf(engine.view(done)), step: 'no-such-step' },
      ctx(),
    );
    expect(result).toMatchObject({ changed: false, outcome: { type: 'stale' } });
    expect(result.session).toBe(done);
  });

  it('Back is not possible while changing one answer', () => {
    const { session: done } = answerToEnd(engine, started(engine));
    const editing = apply(engine, done, {
      type: 'edit',
      ref: refOf(engine.view(done)),
      step: 'five-years',
    });
    const result = engine.advance(
      editing,
      { type: 'back', ref: refOf(engine.view(editing)) },
      ctx(),
    );
    expect(result.changed).toBe(false);
    expect(result.session).toBe(editing);
  });

  describe('typed replies', () => {
    const atText = () =>
      choose(engine, choose(engine, started(engine), 'both-real-senior'), 'both-kinds');

    it('answer a text step and move on', () => {
      const s = atText();
      expect(s.current).toBe('problem-story');
      const result = engine.advance(
        s,
        { type: 'reply', text: '  Why our deploys got slower.  ' },
        ctx(),
      );
      expect(result.changed).toBe(true);
      expect(result.session?.texts['problem-story']).toBe('Why our deploys got slower.');
      expect(result.session?.current).toBe('day-shape');
    });

    it("over the step's maxLength are not cut: nothing changes, and the user is asked to shorten", () => {
      const s = atText();
      const step = engine.graph.step('problem-story');
      if (step?.kind !== 'text') throw new Error('problem-story should be a text step');
      const long = 'word '.repeat(step.maxLength);
      const result = engine.advance(s, { type: 'reply', text: long }, ctx());
      expect(result.changed).toBe(false);
      expect(result.session).toBe(s);
      expect(result.outcome).toMatchObject({
        type: 'too-long',
        length: long.trim().length,
        max: step.maxLength,
      });
    });

    it('keep text that fits exactly, without an ellipsis', () => {
      const s = atText();
      const step = engine.graph.step('problem-story');
      if (step?.kind !== 'text') throw new Error('problem-story should be a text step');
      const exact = 'a'.repeat(step.maxLength);
      const result = engine.advance(s, { type: 'reply', text: exact }, ctx());
      expect(result.session?.texts['problem-story']).toBe(exact);
    });

    it('written through the modal are clipped the same way', () => {
      const s = atText();
      const result = engine.advance(
        s,
        { type: 'write', ref: refOf(engine.view(s)), text: 'x'.repeat(1000) },
        ctx(),
      );
      const stored = result.session?.texts['problem-story'] as string;
      expect(stored.endsWith('…')).toBe(true);
      expect(stored.length).toBeLessThanOrEqual(280);
    });

    it('are not an answer on a choice step, and change nothing', () => {
      const s = started(engine);
      const result = engine.advance(s, { type: 'reply', text: 'hello' }, ctx());
      expect(result.outcome.type).toBe('not-an-answer');
      expect(result.changed).toBe(false);
      expect(result.session).toBe(s);
    });

    it('are not an answer with no session or at the summary', () => {
      expect(engine.advance(null, { type: 'reply', text: 'hi' }, ctx()).outcome).toEqual({
        type: 'not-an-answer',
        view: null,
      });
      const { session } = answerToEnd(engine, started(engine));
      const result = engine.advance(session, { type: 'reply', text: 'hi' }, ctx());
      expect(result.outcome.type).toBe('not-an-answer');
      expect(result.session).toBe(session);
    });

    it('answer a paused text step and make it active again', () => {
      const s = atText();
      const paused = apply(engine, s, { type: 'pause', ref: refOf(engine.view(s)) });
      const result = engine.advance(paused, { type: 'reply', text: 'Deploys.' }, ctx());
      expect(result.session).toMatchObject({ status: 'active', current: 'day-shape' });
      expect(result.session?.texts['problem-story']).toBe('Deploys.');
    });
  });

  it('"Skip this" on the optional ask step moves on and leaves the ask out of the brief', () => {
    const { session } = answerToEnd(engine, started(engine), (step) =>
      step.id === 'ask' ? 'skip' : firstOption(step),
    );
    expect(session.choices.ask).toBe('skipped');
    const summary = engine.summary(session);
    expect(summary.ask).toBeNull();
    expect(summary.answers.find((a) => a.stepId === 'ask')?.answer).toBe('(skipped)');
    const asked = answerToEnd(engine, started(engine, 'sess-2'), (step) =>
      step.id === 'ask' ? { option: 'trial' } : firstOption(step),
    );
    expect(engine.summary(asked.session).ask).toMatch(/time-boxed trial/);
  });

  it('skip on a choice step that is not optional changes nothing', () => {
    const s = started(engine);
    const result = engine.advance(s, { type: 'skip', ref: refOf(engine.view(s)) }, ctx());
    expect(result.changed).toBe(false);
    expect(result.outcome.type).toBe('stale');
  });

  it('skip on a text step stores "" and the summary quotes nothing for it', () => {
    const s = choose(engine, choose(engine, started(engine), 'both-real-senior'), 'both-kinds');
    const skipped = apply(engine, s, { type: 'skip', ref: refOf(engine.view(s)) });
    expect(skipped.texts['problem-story']).toBe('');
    expect(skipped.current).toBe('day-shape');
    const { session } = answerToEnd(engine, skipped, (step) =>
      step.id === 'manager-note'
        ? { text: 'I want to grow.' }
        : step.kind === 'choice'
          ? { option: step.options[0]?.id as string }
          : 'skip',
    );
    const summary = engine.summary(session);
    expect(summary.ownWords).toEqual([]);
    expect(summary.note?.text).toBe('I want to grow.');
    expect(summary.answers.find((a) => a.stepId === 'problem-story')?.answer).toBe('(skipped)');
  });

  it('skip on a choice step is stale', () => {
    const s = started(engine);
    const result = engine.advance(s, { type: 'skip', ref: refOf(engine.view(s)) }, ctx());
    expect(result).toMatchObject({ changed: false, outcome: { type: 'stale' } });
  });

  it('write on a choice step is stale', () => {
    const s = started(engine);
    const result = engine.advance(
      s,
      { type: 'write', ref: refOf(engine.view(s)), text: 'hi' },
      ctx(),
    );
    expect(result).toMatchObject({ changed: false, outcome: { type: 'stale' } });
  });

  it('show re-shows the current view without changing anything', () => {
    const s = choose(engine, started(engine), 'staff-only');
    const result: Result = engine.advance(s, { type: 'show' }, ctx());
    expect(result.session).toBe(s);
    expect(result.changed).toBe(false);
    expect((result.outcome as { view: StepView }).view.step.id).toBe('interesting-problems');
  });

  it('bumps rev and updatedAt on every change', () => {
    const s = started(engine);
    const next = choose(engine, s, 'staff-only');
    expect(next.rev).toBe(s.rev + 1);
    expect(next.updatedAt).toBeGreaterThan(s.updatedAt);
    expect(next.startedAt).toBe(s.startedAt);
  });
});

describe('Engine on a branching exchange (fixture)', () => {
  const engine = fixtureEngine();

  it('follows an option\'s next, and counts "step N of M" on the shorter path', () => {
    const s = choose(engine, started(engine), 'a-short');
    const view = stepView(engine, s);
    expect(view.step.id).toBe('delta');
    expect([view.index, view.total]).toEqual([2, 4]);
  });

  it('Back from a step reached by a jump returns to the step that jumped', () => {
    const s = choose(engine, started(engine), 'a-short');
    const back = apply(engine, s, { type: 'back', ref: refOf(engine.view(s)) });
    expect(back.current).toBe('alpha');
  });

  it('edit that opens a branch walks only the newly needed, unanswered steps, then returns', () => {
    const short = (step: Step) =>
      step.id === 'alpha'
        ? { option: 'a-short' }
        : step.kind === 'choice'
          ? { option: step.options[1]?.id as string }
          : ('skip' as const);
    const { session: done, visited } = answerToEnd(engine, started(engine), short);
    expect(visited.map((v) => v.step.id)).toEqual(['alpha', 'delta', 'eps', 'zeta']);

    const editing = apply(engine, done, {
      type: 'edit',
      ref: refOf(engine.view(done)),
      step: 'alpha',
    });
    const afterAlpha = choose(engine, editing, 'a-staff');
    expect(afterAlpha.current).toBe('beta');
    expect(stepView(engine, afterAlpha)).toMatchObject({ editing: true, canGoBack: false });
    const afterBeta = choose(engine, afterAlpha, 'b-both');
    expect(afterBeta.current).toBe('gamma');
    const afterGamma = apply(engine, afterBeta, { type: 'reply', text: 'Gamma words.' });
    expect(afterGamma.current).toBe(AT_SUMMARY);
    expect(afterGamma.status).toBe('complete');
    // delta, eps and zeta kept their answers and were not asked again.
    for (const id of ['delta', 'eps', 'zeta'])
      expect(afterGamma.choices[id]).toBe(done.choices[id]);
  });

  it('edit that keeps the same branch returns to the summary straight away', () => {
    const { session: done } = answerToEnd(engine, started(engine));
    const editing = apply(engine, done, {
      type: 'edit',
      ref: refOf(engine.view(done)),
      step: 'delta',
    });
    const after = choose(engine, editing, 'd-em');
    expect(after.current).toBe(AT_SUMMARY);
  });

  it('replies on the fixture text step are held to its own maxLength (40)', () => {
    const s = choose(engine, choose(engine, started(engine), 'a-em'), 'b-em');
    expect(s.current).toBe('gamma');
    const result = engine.advance(s, { type: 'reply', text: 'y'.repeat(100) }, ctx());
    expect(result.outcome).toMatchObject({ type: 'too-long', length: 100, max: 40 });
    const fits = engine.advance(s, { type: 'reply', text: 'y'.repeat(40) }, ctx());
    expect(fits.session?.texts.gamma).toBe('y'.repeat(40));
  });
});

describe('Engine: changing one answer, then keeping it', () => {
  const engine = realEngine();

  function editing(step = 'day-shape'): { done: Session; edited: Session } {
    const { session: done } = answerToEnd(engine, started(engine));
    const edited = apply(engine, done, { type: 'edit', ref: refOf(engine.view(done)), step });
    return { done, edited };
  }

  it('"Keep my answer" goes back to the brief with every answer as it was', () => {
    const { done, edited } = editing();
    const result = engine.advance(edited, { type: 'keep', ref: refOf(engine.view(edited)) }, ctx());
    expect(result.changed).toBe(true);
    expect(result.outcome).toMatchObject({ type: 'show', resumed: false, started: false });
    expect((result.outcome as { view: CurrentView }).view.kind).toBe('summary');
    expect(result.session).toMatchObject({
      current: AT_SUMMARY,
      editing: false,
      status: 'complete',
      choices: done.choices,
      texts: done.texts,
      rev: edited.rev + 1,
    });
  });

  it('"Keep my answer" from a message older than the edit changes nothing', () => {
    const { done, edited } = editing();
    const old = { ...refOf(engine.view(edited)), rev: edited.rev - 1 };
    const result = engine.advance(edited, { type: 'keep', ref: old }, ctx());
    expect(result).toMatchObject({ session: edited, changed: false, outcome: { type: 'stale' } });
    expect(done.rev).toBeLessThan(edited.rev);
  });

  it('"Keep my answer" outside an edit (a step of the first walk) is stale and moves nothing', () => {
    const s = started(engine);
    const result = engine.advance(s, { type: 'keep', ref: refOf(engine.view(s)) }, ctx());
    expect(result).toMatchObject({ session: s, changed: false, outcome: { type: 'stale' } });
    expect((result.outcome as { view: CurrentView }).view.kind).toBe('step');
  });

  it('the brief lists every answered step, in the order asked, as one a user can change', () => {
    const { session, visited } = answerToEnd(engine, started(engine));
    const view = engine.view(session);
    if (view.kind !== 'summary') throw new Error('expected the summary');
    expect(view.editable).toEqual(visited.map((v) => ({ id: v.step.id, title: v.step.title })));
  });

  it('a finished run started again is shown, not announced as resumed', () => {
    const { session } = answerToEnd(engine, started(engine));
    const result = engine.advance(session, { type: 'start' }, ctx());
    expect(result.outcome).toMatchObject({ type: 'show', resumed: false, started: false });
  });

  it('show with no session says stale, with nothing to show', () => {
    const result = engine.advance(null, { type: 'show' }, ctx());
    expect(result).toMatchObject({ session: null, changed: false });
    expect(result.outcome).toEqual({ type: 'stale', view: null });
  });

  it('a typed reply after the brief is not taken as an answer', () => {
    const { session } = answerToEnd(engine, started(engine));
    const result = engine.advance(session, { type: 'reply', text: 'one more thing' }, ctx());
    expect(result).toMatchObject({ session, changed: false, outcome: { type: 'not-an-answer' } });
    expect((result.outcome as { view: CurrentView }).view.kind).toBe('summary');
  });

  it('a skipped choice comes back unpicked when the user returns to it', () => {
    const s = started(engine);
    const { session } = answerToEnd(engine, s, (step) =>
      step.kind === 'choice' && step.optional ? 'skip' : firstOption(step),
    );
    const optional = engine.graph
      .path(session.choices)
      .map((id) => engine.graph.step(id))
      .find((step) => step?.kind === 'choice' && step.optional);
    if (!optional) throw new Error('the real exchange has an optional choice step');
    const edited = apply(engine, session, {
      type: 'edit',
      ref: refOf(engine.view(session)),
      step: optional.id,
    });
    expect(stepView(engine, edited).chosen).toBeUndefined();
  });
});

describe('clipText and normalizeText: typed words as they are kept', () => {
  it('runs of spaces, tabs and newlines become one space, and the ends are trimmed', () => {
    expect(normalizeText('  Mentoring\t\tand   code\n\nreview  ')).toBe(
      'Mentoring and code review',
    );
    expect(clipText('a  b', 3)).toBe('a b');
  });

  it('too long is cut with an ellipsis within the limit, never through an emoji', () => {
    const text = `${'a'.repeat(8)}😀 and more`;
    const clipped = clipText(text, 10);
    expect(clipped.length).toBeLessThanOrEqual(10);
    expect(clipped.endsWith('…')).toBe(true);
    // No lone half of a surrogate pair: the string survives a round trip through UTF-8.
    expect(Buffer.from(clipped, 'utf8').toString('utf8')).toBe(clipped);
    expect(clipped).toBe('aaaaaaaa…');
  });

  it('a cut right after a whole emoji keeps it', () => {
    expect(clipText(`${'a'.repeat(7)}😀bbbb`, 10)).toBe(`${'a'.repeat(7)}😀…`);
  });

  it('spaces before the ellipsis are dropped', () => {
    expect(clipText('abcd     efgh', 6)).toBe('abcd…');
  });
});
