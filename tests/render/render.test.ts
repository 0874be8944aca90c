import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AT_SUMMARY,
  type Content,
  type Engine,
  type Session,
  SHAREABLE_SECTIONS,
  type ShareableSection,
  type StepView,
  type SummaryModel,
  type SummaryView,
} from '../../src/engine/index.ts';
import {
  ACTION,
  chunkText,
  decodeModalMetadata,
  decodeRef,
  encodeRef,
  type Message,
  type ModalMetadata,
  renderAnsweredStep,
  renderChannelPointer,
  renderCurrent,
  renderHelp,
  renderHome,
  renderNoSummaryYet,
  renderPaused,
  renderProblem,
  renderReset,
  renderSharedBrief,
  renderShareModal,
  renderShareStatusModal,
  renderStale,
  renderStep,
  renderSummary,
  renderTextModal,
} from '../../src/render/index.ts';
import {
  allTexts,
  blockKitProblems,
  interactiveElements,
  mrkdwnTexts,
} from '../support/block-kit-limits.ts';
import { fixtureEngine, realContent, realEngine, sessionWith } from '../support/content.ts';
import { propertyRuns } from '../support/property-runs.ts';

type Obj = Record<string, unknown>;

const engine = realEngine();
const content = realContent();
const steps = content.exchange.steps;

const HOSTILE = '<!channel> <@U0EVIL> &amp; <https://evil.example|click> *bold* ';
const HUGE = `${'<!channel> &<> '.repeat(240)}<!here>`; // 3,607 characters, well past any clip

const expectClean = (payload: unknown) => {
  const problems = blockKitProblems(payload);
  expect(problems, problems.join('\n')).toEqual([]);
};

const meta: ModalMetadata = { session: 'sess-1', step: 'problem-story', rev: 3 };

/** A session sitting on `stepId`, with every earlier step on the path answered (first options). */
function sessionAt(
  e: Engine,
  stepId: string,
  opts: { chosen?: string; text?: string; editing?: boolean } = {},
): Session {
  const choices: Record<string, string> = {};
  const texts: Record<string, string> = {};
  for (const id of e.graph.path(choices)) {
    if (id === stepId) break;
    const step = e.graph.step(id);
    if (step?.kind === 'choice') choices[id] = step.options[0]?.id as string;
    else texts[id] = 'Earlier words.';
  }
  if (opts.chosen !== undefined) choices[stepId] = opts.chosen;
  if (opts.text !== undefined) texts[stepId] = opts.text;
  return sessionWith(
    e,
    { choices, texts },
    { id: 'sess-1', rev: 4, current: stepId, editing: opts.editing ?? false },
  );
}

function stepViewAt(e: Engine, stepId: string, opts: Parameters<typeof sessionAt>[2] = {}) {
  const view = e.view(sessionAt(e, stepId, opts));
  if (view.kind !== 'step') throw new Error('expected a step view');
  return view;
}

function completeSession(e: Engine, texts: Record<string, string> = {}): Session {
  const choices: Record<string, string> = {};
  for (const id of e.graph.path(choices)) {
    const step = e.graph.step(id);
    if (step?.kind === 'choice') choices[id] = step.options[0]?.id as string;
  }
  return sessionWith(
    e,
    { choices, texts },
    { id: 'sess-1', rev: 12, current: AT_SUMMARY, status: 'complete' },
  );
}

function summaryView(e: Engine, s: Session): SummaryView {
  const view = e.view(s);
  if (view.kind !== 'summary') throw new Error('expected the summary');
  return view;
}

function blockById(message: { blocks: unknown[] }, id: string): Obj | undefined {
  return (message.blocks as Obj[]).find((b) => b.block_id === id);
}

function elementsOf(block: Obj | undefined): Obj[] {
  return (block?.elements as Obj[] | undefined) ?? [];
}

/** Every variant of every step of the real content: answered or not, editing or not. */
function allStepViews(e: Engine, c: Content): { name: string; view: StepView }[] {
  const out: { name: string; view: StepView }[] = [];
  for (const step of c.exchange.steps) {
    for (const editing of [false, true]) {
      const answers =
        step.kind === 'choice'
          ? [undefined, ...step.options.map((o) => o.id)]
          : [undefined, '', 'A short sentence.', HOSTILE, 'x'.repeat(step.maxLength)];
      for (const a of answers) {
        const view = stepViewAt(
          e,
          step.id,
          step.kind === 'choice' ? { chosen: a, editing } : { text: a, editing },
        );
        out.push({
          name: `${step.id} ${a === undefined ? '(unanswered)' : JSON.stringify(a).slice(0, 20)}${editing ? ' editing' : ''}`,
          view,
        });
      }
    }
  }
  return out;
}

describe('every renderable state fits Block Kit', () => {
  it.each(allStepViews(engine, content))('step view: $name', ({ view }) => {
    expectClean(renderStep(view));
    expectClean(renderCurrent(view));
  });

  it.each(allStepViews(fixtureEngine(), fixtureEngine().content))(
    'fixture step view: $name',
    ({ view }) => {
      expectClean(renderStep(view));
    },
  );

  it('the collapsed "answered" form of each step, even with hostile words', () => {
    for (const step of steps) {
      const view = stepViewAt(engine, step.id);
      expectClean(
        renderAnsweredStep(
          view,
          step.kind === 'choice' ? (step.options[0]?.label as string) : HUGE,
        ),
      );
    }
  });

  const answersArb = fc.record(
    Object.fromEntries(
      steps.map((s) => [
        s.id,
        s.kind === 'choice'
          ? fc.option(fc.constantFrom(...s.options.map((o) => o.id)), { nil: undefined, freq: 5 })
          : fc.option(
              fc.oneof(
                fc.constant(''),
                fc.string({ minLength: 1, maxLength: 40 }),
                fc.constant(HUGE),
                fc.string({
                  unit: fc.constantFrom('<', '>', '&', '!', 'channel', ' ', '\n', '*'),
                  minLength: 3000,
                  maxLength: 3500,
                }),
              ),
              { nil: undefined },
            ),
      ]),
    ),
  );

  function sessionFrom(raw: Record<string, string | undefined>): Session {
    const choices: Record<string, string> = {};
    const texts: Record<string, string> = {};
    for (const step of steps) {
      const v = raw[step.id];
      if (v === undefined) continue;
      if (step.kind === 'choice') choices[step.id] = v;
      else texts[step.id] = v;
    }
    return sessionWith(
      engine,
      { choices, texts },
      { id: 'sess-1', rev: 9, current: AT_SUMMARY, status: 'complete' },
    );
  }

  it('the summary, the shared brief and the share preview for random answers, huge words included', () => {
    fc.assert(
      fc.property(answersArb, fc.subarray([...SHAREABLE_SECTIONS]), (raw, include) => {
        const view = summaryView(engine, sessionFrom(raw));
        const summary = renderSummary(view);
        expectClean(summary);
        // Nothing the user needs was sliced off the end to fit.
        expect(blockById(summary, 'summary-actions')).toBeDefined();
        expect(blockById(summary, 'edit')).toBeDefined();
        expectClean(renderSharedBrief(view.summary, 'U0123', include));
        expectClean(renderShareModal(view.summary, { meta, include }));
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  const richSummary = (): SummaryModel =>
    summaryView(
      engine,
      sessionWith(
        engine,
        {
          choices: {
            'where-you-are': 'staff-only',
            'interesting-problems': 'systems-puzzle',
            'day-shape': 'em-still-codes',
            'invisible-work': 'side-task',
            reversibility: 'lose-skills',
            'five-years': 'higher-pay',
            'kind-of-person': 'not-sure',
          },
          texts: { 'problem-story': HUGE, 'manager-note': HUGE },
        },
        { id: 'sess-1', rev: 9, current: AT_SUMMARY, status: 'complete' },
      ),
    ).summary;

  const subsets: ShareableSection[][] = Array.from(
    { length: 2 ** SHAREABLE_SECTIONS.length },
    (_, mask) => SHAREABLE_SECTIONS.filter((_, i) => mask & (1 << i)),
  );

  it.each(subsets.map((include) => ({ include, name: include.join(',') || '(none)' })))(
    'the share modal and shared brief with sections: $name',
    ({ include }) => {
      const summary = richSummary();
      const modal = renderShareModal(summary, { meta, include });
      expectClean(modal);
      expect(decodeModalMetadata(modal.private_metadata)).toEqual(meta);
      expectClean(renderSharedBrief(summary, 'U0123', include));
    },
  );

  it('the text modal for every text step, empty and pre-filled', () => {
    for (const step of steps) {
      if (step.kind !== 'text') continue;
      for (const current of [undefined, 'My earlier words.', 'y'.repeat(step.maxLength)]) {
        const modal = renderTextModal(
          step,
          { ...meta, step: step.id, channel: 'D0123', ts: '1700000000.000100' },
          current,
        );
        expectClean(modal);
        expect(decodeModalMetadata(modal.private_metadata)).toMatchObject({ step: step.id });
      }
    }
  });

  it('the home view with no session, in progress, paused and complete', () => {
    const done = completeSession(engine);
    const active = sessionAt(engine, 'day-shape');
    for (const model of [
      { session: null, summary: null },
      { session: active, summary: null },
      { session: { ...active, status: 'paused' as const }, summary: null },
      { session: done, summary: engine.summary(done) },
    ]) {
      expectClean(renderHome(model));
    }
  });

  it('the notices', () => {
    const stepView = stepViewAt(engine, 'day-shape');
    const summary = summaryView(engine, completeSession(engine));
    const notices: Message[] = [
      renderHelp(content.exchange.intro),
      renderStale(null),
      renderStale(stepView),
      renderStale(summary),
      renderPaused(),
      renderNoSummaryYet(),
      renderReset(),
      renderChannelPointer({ teamId: 'T0123', appId: 'A0123' }),
      renderProblem('Something went wrong.'),
    ];
    for (const n of notices) expectClean(n);
    expectClean(renderShareStatusModal('Shared', 'Posted to #general.'));
  });
});

describe('user text is escaped wherever Slack would parse it', () => {
  const session = completeSession(engine, { 'problem-story': HUGE, 'manager-note': HOSTILE });
  const view = summaryView(engine, session);
  const rendered: [string, unknown][] = [
    ['the summary', renderSummary(view)],
    ['the shared brief', renderSharedBrief(view.summary, 'U0123', SHAREABLE_SECTIONS)],
    [
      'the share modal preview',
      renderShareModal(view.summary, { meta, include: [...SHAREABLE_SECTIONS] }),
    ],
    [
      'a text step showing the words so far',
      renderStep(stepViewAt(engine, 'manager-note', { text: HOSTILE })),
    ],
    [
      'the collapsed answered step',
      renderAnsweredStep(stepViewAt(engine, 'manager-note'), HOSTILE),
    ],
  ];

  it.each(rendered)('%s never contains a raw <!channel>, <@…> or <link|…>', (_, payload) => {
    const texts = allTexts(payload).join('\n');
    // (Printing all of HUGE on failure helps nobody: report whether it matched.)
    expect(/<!channel>|<!here>|<@U0EVIL>|<https:/.test(texts)).toBe(false);
    expect(mrkdwnTexts(payload).join('\n')).toContain('&lt;!channel&gt;');
  });

  it("still shows the user's words (escaped), not drops them", () => {
    const text = mrkdwnTexts(renderSummary(view)).join('\n');
    expect(text).toContain('&lt;@U0EVIL&gt; &amp;amp; &lt;https://evil.example|click&gt;');
  });
});

describe('step views', () => {
  it('say "Step 3 of 10" on the third step of the real content', () => {
    const third = steps[2]?.id as string;
    const message = renderStep(stepViewAt(engine, third));
    expect(steps).toHaveLength(10);
    expect(allTexts(message).join('\n')).toContain('Step 3 of 10');
    expect(message.text).toContain('Step 3 of 10');
  });

  it('number every step of the real content in order', () => {
    steps.forEach((step, i) => {
      expect(renderStep(stepViewAt(engine, step.id)).text).toContain(
        `Step ${i + 1} of ${steps.length}`,
      );
    });
  });

  it('offer Back from step 2 on, never on step 1 or while changing one answer', () => {
    steps.forEach((step, i) => {
      for (const editing of [false, true]) {
        const message = renderStep(stepViewAt(engine, step.id, { editing }));
        const ids = interactiveElements(message).map((x) => x.element.action_id);
        expect(ids.includes(ACTION.back), `${step.id} editing=${editing}`).toBe(i >= 1 && !editing);
        // "Stop for now" is there except while changing one answer from the summary.
        expect(ids.includes(ACTION.pause), `${step.id} editing=${editing}`).toBe(!editing);
      }
    });
  });

  it('carry button values that decode back to this session, step and rev (and the option)', () => {
    for (const { view } of allStepViews(engine, content)) {
      const message = renderStep(view);
      const answers: string[] = [];
      for (const { element } of interactiveElements(message)) {
        const values =
          element.type === 'static_select'
            ? (element.options as Obj[]).map((o) => o.value)
            : [element.value];
        for (const value of values) {
          const ref = decodeRef(value);
          expect(ref, String(value)).toMatchObject({
            session: view.sessionId,
            step: view.step.id,
            rev: view.rev,
          });
          if (ref?.option !== undefined) answers.push(ref.option);
        }
      }
      const expected = view.step.kind === 'choice' ? view.step.options.map((o) => o.id) : [];
      expect(answers).toEqual(expected);
    }
  });

  it('keep action_ids unique within each block', () => {
    for (const { view } of allStepViews(engine, content)) {
      for (const block of renderStep(view).blocks as unknown as Obj[]) {
        const ids = elementsOf(block).map((e) => e.action_id);
        expect(new Set(ids).size).toBe(ids.length);
      }
    }
  });

  it('render up to 5 options as buttons and more as a static_select (fixture)', () => {
    const fixture = fixtureEngine();
    const beta = fixture.content.exchange.steps.find((s) => s.id === 'beta');
    expect(beta?.kind === 'choice' && beta.options.length).toBeGreaterThan(5);
    const dropdown = elementsOf(blockById(renderStep(stepViewAt(fixture, 'beta')), 'answer'));
    expect(dropdown).toHaveLength(1);
    expect(dropdown[0]).toMatchObject({ type: 'static_select' });
    expect(((dropdown[0]?.options ?? []) as Obj[]).map((o) => (o.text as Obj).text)).toEqual(
      beta?.kind === 'choice' ? beta.options.map((o) => o.label) : [],
    );
    const buttons = elementsOf(blockById(renderStep(stepViewAt(fixture, 'alpha')), 'answer'));
    expect(buttons.map((b) => b.type)).toEqual(['button', 'button', 'button']);
  });

  it("mark the chosen answer: the primary button, or the dropdown's initial option", () => {
    const buttons = elementsOf(
      blockById(renderStep(stepViewAt(engine, 'day-shape', { chosen: 'one-on-ones' })), 'answer'),
    );
    const primary = buttons
      .filter((b) => b.style === 'primary')
      .map((b) => decodeRef(b.value)?.option);
    expect(primary).toEqual(['one-on-ones']);

    const fixture = fixtureEngine();
    const select = elementsOf(
      blockById(renderStep(stepViewAt(fixture, 'beta', { chosen: 'b-six' })), 'answer'),
    )[0];
    expect(decodeRef((select?.initial_option as Obj | undefined)?.value)?.option).toBe('b-six');
    const none = elementsOf(blockById(renderStep(stepViewAt(fixture, 'beta')), 'answer'))[0];
    expect(none?.initial_option).toBeUndefined();
  });

  it('offer Write / Skip on an empty text step and Rewrite / Keep once there are words', () => {
    const labels = (text?: string) =>
      elementsOf(
        blockById(renderStep(stepViewAt(engine, 'problem-story', { text })), 'answer'),
      ).map((b) => (b.text as Obj).text);
    expect(labels()).toEqual(['Write a sentence', 'Skip']);
    expect(labels('Some words.')).toEqual(['Rewrite it', 'Keep it']);
  });

  it('"Keep it" on a text step that already has words keeps the words', () => {
    // A user went Back to (or chose to change) a text step they had written, and clicks Keep it.
    const session = sessionAt(engine, 'problem-story', { text: 'Why our deploys got slower.' });
    const message = renderStep(
      stepViewAt(engine, 'problem-story', { text: 'Why our deploys got slower.' }),
    );
    const keep = elementsOf(blockById(message, 'answer')).find(
      (b) => (b.text as Obj).text === 'Keep it',
    );
    const ref = decodeRef(keep?.value);
    if (!ref) throw new Error('Keep it should carry a ref');
    // src/slack/listeners/actions.ts turns a click on ACTION.textSkip into an engine `skip`.
    expect(keep?.action_id).toBe(ACTION.textSkip);
    const result = engine.advance(
      session,
      { type: 'skip', ref: { session: ref.session, step: ref.step, rev: ref.rev } },
      { now: 1, newId: 'unused' },
    );
    expect(result.session?.current).toBe('day-shape');
    expect(result.session?.texts['problem-story']).toBe('Why our deploys got slower.');
    expect(
      engine.summary({ ...(result.session as Session), current: AT_SUMMARY }).ownWords,
    ).toEqual([
      expect.objectContaining({ stepId: 'problem-story', text: 'Why our deploys got slower.' }),
    ]);
  });
});

describe('the summary message', () => {
  const view = summaryView(engine, completeSession(engine));
  const message = renderSummary(view);

  it('carries buttons whose values decode to the summary of this session and rev', () => {
    for (const { element } of interactiveElements(message)) {
      if (element.type !== 'button') continue;
      expect(decodeRef(element.value)).toEqual({
        session: 'sess-1',
        step: AT_SUMMARY,
        rev: view.rev,
      });
    }
  });

  it('lists every step on the path under "Change an answer", each decoding to its step', () => {
    const select = (blockById(message, 'edit')?.accessory ?? {}) as Obj;
    const decoded = (select.options as Obj[]).map((o) => decodeRef(o.value));
    expect(decoded.map((r) => r?.option)).toEqual(steps.map((s) => s.id));
    for (const r of decoded)
      expect(r).toMatchObject({ session: 'sess-1', step: AT_SUMMARY, rev: view.rev });
  });

  it('asks for confirmation before Start over', () => {
    const restart = interactiveElements(message).find(
      (x) => x.element.action_id === ACTION.restart,
    );
    expect(restart?.element.confirm).toBeDefined();
  });

  it('points a stale notice at where the user really is', () => {
    const stepView = stepViewAt(engine, 'five-years');
    const button = interactiveElements(renderStale(stepView))[0]?.element;
    expect(decodeRef(button?.value)).toEqual({
      session: 'sess-1',
      step: 'five-years',
      rev: stepView.rev,
    });
    expect(interactiveElements(renderStale(null))).toEqual([]);
  });
});

describe('button values from outside', () => {
  it('round-trip through encodeRef / decodeRef, with and without an option', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9-]{1,32}$/),
        fc.stringMatching(/^[a-z0-9-]{1,24}$/),
        fc.nat({ max: 1_000_000 }),
        fc.option(fc.stringMatching(/^[a-z0-9-]{1,24}$/), { nil: undefined }),
        (session, step, rev, option) => {
          const ref =
            option === undefined ? { session, step, rev } : { session, step, rev, option };
          expect(decodeRef(encodeRef(ref))).toEqual(ref);
        },
      ),
    );
  });

  it.each([
    ['an extra part', 'sess-1:day-shape:3:one-on-ones:extra'],
    ['an upper-case session', 'SESS:day-shape:3'],
    ['a negative rev', 'sess-1:day-shape:-1'],
    ['a fractional rev', 'sess-1:day-shape:1.5'],
    ['a missing rev', 'sess-1:day-shape'],
    ['a value over 150 characters', `sess-1:day-shape:3:${'a'.repeat(150)}`],
    ['not a string', 42],
    ['the Home tab value', 'home'],
  ])('reject %s (a forged or foreign click reads as nothing)', (_, value) => {
    expect(decodeRef(value)).toBeNull();
  });

  it('modal metadata rejects junk, over-long and extra-field metadata', () => {
    expect(decodeModalMetadata('{not json')).toBeNull();
    expect(decodeModalMetadata(42)).toBeNull();
    expect(decodeModalMetadata(JSON.stringify({ ...meta, extra: 1 }))).toBeNull();
    expect(decodeModalMetadata(JSON.stringify({ ...meta, channel: 'lower' }))).toBeNull();
    expect(decodeModalMetadata(' '.repeat(3001))).toBeNull();
    expect(decodeModalMetadata(JSON.stringify(meta))).toEqual(meta);
  });
});

describe('chunkText (long lists split across sections)', () => {
  it('keeps every chunk within a section, loses nothing, and prefers line breaks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 0, maxLength: 900 }), { minLength: 1, maxLength: 20 }),
        (lines) => {
          const text = lines.join('\n');
          const chunks = chunkText(text);
          for (const c of chunks) expect(c.length).toBeLessThanOrEqual(3000);
          // Nothing is lost but the line breaks it split at.
          expect(chunks.join('\n').replace(/\n/g, '')).toBe(text.replace(/\n/g, ''));
        },
      ),
    );
    const twoParagraphs = `${'a'.repeat(2000)}\n${'b'.repeat(2000)}`;
    expect(chunkText(twoParagraphs)).toEqual(['a'.repeat(2000), 'b'.repeat(2000)]);
  });
});
