import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ContentError,
  ContentGraph,
  type ContentProblem,
  type Exchange,
  SUMMARY_TARGET,
} from '../../src/engine/index.ts';
import { loadContent, PROMPTS_DIR } from '../../src/load-content.ts';
import { FIXTURE_FILES, fixtureRaw, parseFixture, realContent } from '../support/content.ts';

function problemsOf(fn: () => unknown): ContentProblem[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).problems;
  }
  throw new Error('expected a ContentError, but the content parsed');
}

/**
 * Every distinct route through the exchange: at a choice step, one branch per distinct place its
 * options lead (options that lead to the same step give the same route from there on, so this
 * covers every combination of options without walking each one).
 */
function allRoutes(exchange: Exchange): { steps: string[]; end: string }[] {
  const graph = new ContentGraph(exchange);
  const routes: { steps: string[]; end: string }[] = [];
  const walk = (id: string, trail: string[]) => {
    if (id === SUMMARY_TARGET || !graph.step(id) || trail.includes(id)) {
      routes.push({ steps: trail, end: id });
      return;
    }
    for (const next of graph.successors(id)) walk(next, [...trail, id]);
  };
  walk(graph.startId, []);
  return routes;
}

describe('the real prompts/', () => {
  const content = realContent();
  const { exchange, summary } = content;
  const graph = new ContentGraph(exchange);

  it('parses', () => {
    expect(exchange.steps.length).toBeGreaterThan(0);
  });

  it('has 6 to 10 steps, at most 2 of them free text', () => {
    expect(exchange.steps.length).toBeGreaterThanOrEqual(6);
    expect(exchange.steps.length).toBeLessThanOrEqual(10);
    expect(exchange.steps.filter((s) => s.kind === 'text').length).toBeLessThanOrEqual(2);
  });

  it('can reach every step from the start', () => {
    expect([...graph.reachable()].sort()).toEqual(exchange.steps.map((s) => s.id).sort());
  });

  it('ends every route (every combination of options) in the summary, without revisiting a step', () => {
    const routes = allRoutes(exchange);
    expect(routes.length).toBeGreaterThan(0);
    // successors() must cover every option's target, or the walk above would miss routes.
    for (const step of exchange.steps) {
      if (step.kind !== 'choice') continue;
      for (const o of step.options)
        expect(graph.successors(step.id)).toContain(graph.next(step.id, o.id));
    }
    for (const route of routes) {
      expect(route.end).toBe(SUMMARY_TARGET);
      expect(new Set(route.steps).size).toBe(route.steps.length);
    }
  });

  it('points every option and text step at a real step or the summary', () => {
    const ids = new Set(exchange.steps.map((s) => s.id));
    for (const step of exchange.steps) {
      const targets = step.kind === 'text' ? [step.next] : step.options.map((o) => o.next);
      for (const t of targets) {
        if (t !== undefined)
          expect(t === SUMMARY_TARGET || ids.has(t), `${step.id} → ${t}`).toBe(true);
      }
      for (const next of graph.successors(step.id)) {
        expect(next === SUMMARY_TARGET || ids.has(next), `${step.id} → ${next}`).toBe(true);
      }
    }
  });

  it('uses only misconception ids and answers that exist', () => {
    const misconceptions = new Set(summary.misconceptions.map((m) => m.id));
    const answers = new Set(
      exchange.steps.flatMap((s) =>
        s.kind === 'choice' ? s.options.map((o) => `${s.id}.${o.id}`) : [],
      ),
    );
    for (const step of exchange.steps) {
      if (step.kind !== 'choice') continue;
      for (const o of step.options)
        for (const m of o.misconceptions) expect(misconceptions).toContain(m);
    }
    for (const item of [...summary.talkingPoints, ...summary.experiments]) {
      // `checkins.*` keys are what check-ins showed, not answers of the exchange.
      for (const a of item.when?.answers ?? [])
        if (!a.startsWith('checkins.')) expect(answers, item.id).toContain(a);
      for (const m of item.when?.misconceptions ?? []) expect(misconceptions, item.id).toContain(m);
    }
  });

  it('keeps every misconception reachable from some answer (none is dead copy)', () => {
    const revealed = new Set(
      exchange.steps.flatMap((s) =>
        s.kind === 'choice' ? s.options.flatMap((o) => o.misconceptions) : [],
      ),
    );
    for (const m of summary.misconceptions) expect(revealed, m.id).toContain(m.id);
  });
});

describe('parseContent on broken content', () => {
  it('accepts the fixture as it is, and the route walker follows its branch', () => {
    const { exchange } = parseFixture();
    const routes = allRoutes(exchange);
    expect(routes.map((r) => r.steps.join(' '))).toEqual(
      expect.arrayContaining(['alpha beta gamma delta eps zeta', 'alpha delta eps zeta']),
    );
    for (const r of routes) expect(r.end).toBe(SUMMARY_TARGET);
  });

  it('names file, path and problem for a missing field', () => {
    const raw = fixtureRaw();
    delete (raw.exchange.data.steps[1] as { title?: string }).title;
    const problems = problemsOf(() => parseFixture(raw));
    expect(problems).toContainEqual({
      file: FIXTURE_FILES.exchange,
      path: 'steps[1].title',
      message: expect.any(String),
    });
    expect(problems.find((p) => p.path === 'steps[1].title')?.message).not.toBe('');
  });

  it('names a missing field in summary.yaml against that file', () => {
    const raw = fixtureRaw();
    delete (raw.summary.data.leans as { em?: unknown }).em;
    const problems = problemsOf(() => parseFixture(raw));
    expect(problems).toContainEqual(
      expect.objectContaining({ file: FIXTURE_FILES.summary, path: 'leans.em' }),
    );
  });

  describe('checkin.yaml: what zod alone cannot see', () => {
    type RawOption = { id: string; label: string; lean?: string; toward?: string };
    type RawQuestion = { id: string; options: RawOption[] };
    const questionsOf = (raw: ReturnType<typeof fixtureRaw>) =>
      (raw.checkin.data as { questions: RawQuestion[] }).questions;

    it('names a repeated option id, with its question', () => {
      const raw = fixtureRaw();
      const q = questionsOf(raw)[1] as RawQuestion;
      (q.options[1] as RawOption).id = (q.options[0] as RawOption).id;
      expect(problemsOf(() => parseFixture(raw))).toContainEqual({
        file: FIXTURE_FILES.checkin,
        path: 'questions[1].options[1].id',
        message: `duplicate option id "${q.options[0]?.id}" in question "${q.id}"`,
      });
    });

    it('refuses copy where no option records a lean, since the history could never move', () => {
      const raw = fixtureRaw();
      for (const q of questionsOf(raw))
        for (const o of q.options) {
          delete o.lean;
          delete o.toward;
        }
      expect(problemsOf(() => parseFixture(raw))).toEqual([
        {
          file: FIXTURE_FILES.checkin,
          path: 'questions',
          message: 'needs a question with options that set `lean`, or the history cannot move',
        },
      ]);
    });

    it('a nudge (`toward`) alone does not count as recording a lean', () => {
      const raw = fixtureRaw();
      for (const q of questionsOf(raw))
        for (const o of q.options) {
          delete o.lean;
          o.toward = 'staff';
        }
      expect(problemsOf(() => parseFixture(raw)).map((p) => p.path)).toEqual(['questions']);
    });

    it('an option that both sets a lean and nudges is named', () => {
      const raw = fixtureRaw();
      const questions = questionsOf(raw);
      const i = questions.findIndex((q) => q.options.some((o) => o.lean));
      const j = (questions[i] as RawQuestion).options.findIndex((o) => o.lean);
      ((questions[i] as RawQuestion).options[j] as RawOption).toward = 'em';
      expect(problemsOf(() => parseFixture(raw))).toContainEqual({
        file: FIXTURE_FILES.checkin,
        path: `questions[${i}].options[${j}]`,
        message: 'an option sets either `lean` or `toward`, not both',
      });
    });
  });

  it('reports an option whose next is an unknown step', () => {
    const raw = fixtureRaw();
    (raw.exchange.data.steps[0]?.options?.[2] as { next?: string }).next = 'nowhere';
    const problems = problemsOf(() => parseFixture(raw));
    expect(problems).toContainEqual({
      file: FIXTURE_FILES.exchange,
      path: 'steps[0].options[2].next',
      message: expect.stringContaining('"nowhere"'),
    });
  });

  it('reports an unknown misconception id on an option', () => {
    const raw = fixtureRaw();
    const option = raw.exchange.data.steps[1]?.options?.[3] as { misconceptions?: string[] };
    option.misconceptions = ['myth-one', 'no-such-myth'];
    const problems = problemsOf(() => parseFixture(raw));
    expect(problems).toContainEqual({
      file: FIXTURE_FILES.exchange,
      path: 'steps[1].options[3].misconceptions[1]',
      message: expect.stringContaining('"no-such-myth"'),
    });
  });

  it('reports a when.answers that names no real option', () => {
    const raw = fixtureRaw();
    raw.summary.data.talkingPoints[2] = {
      id: 'tp-short',
      text: 'Talking point.',
      when: { answers: ['alpha.a-short', 'alpha.a-long'] },
    };
    const problems = problemsOf(() => parseFixture(raw));
    expect(problems).toContainEqual({
      file: FIXTURE_FILES.summary,
      path: 'talkingPoints[2].when.answers[1]',
      message: expect.stringContaining('"alpha.a-long"'),
    });
  });

  it('reports a when.misconceptions on an experiment that names no misconception', () => {
    const raw = fixtureRaw();
    raw.summary.data.experiments[2] = {
      id: 'x-em-1',
      probes: 'em',
      title: 'Em one',
      how: 'Do em one.',
      when: { misconceptions: ['myth-three'] },
    };
    const problems = problemsOf(() => parseFixture(raw));
    expect(problems).toContainEqual({
      file: FIXTURE_FILES.summary,
      path: 'experiments[2].when.misconceptions[0]',
      message: expect.stringContaining('"myth-three"'),
    });
  });

  it('reports a loop between steps, naming the steps in it', () => {
    const raw = fixtureRaw();
    // zeta's myth answer goes back to delta: delta → eps → zeta → delta.
    (raw.exchange.data.steps[5]?.options?.[2] as { next?: string }).next = 'delta';
    const problems = problemsOf(() => parseFixture(raw));
    const loop = problems.find((p) => /loop/.test(p.message));
    expect(loop).toMatchObject({ file: FIXTURE_FILES.exchange, path: 'steps' });
    expect(loop?.message).toMatch(/delta → eps → zeta → delta/);
  });

  it('reports a loop through a text step', () => {
    const raw = fixtureRaw();
    (raw.exchange.data.steps[2] as { next?: string }).next = 'beta';
    const problems = problemsOf(() => parseFixture(raw));
    expect(problems.find((p) => /loop/.test(p.message))?.message).toMatch(/beta → gamma → beta/);
  });

  it('reports duplicate step ids and duplicate option ids', () => {
    const raw = fixtureRaw();
    (raw.exchange.data.steps[4] as { id: string }).id = 'delta';
    (raw.exchange.data.steps[3]?.options?.[1] as { id: string }).id = 'd-staff';
    const problems = problemsOf(() => parseFixture(raw));
    expect(problems).toContainEqual({
      file: FIXTURE_FILES.exchange,
      path: 'steps[4].id',
      message: expect.stringContaining('"delta"'),
    });
    expect(problems).toContainEqual({
      file: FIXTURE_FILES.exchange,
      path: 'steps[3].options[1].id',
      message: expect.stringContaining('"d-staff"'),
    });
  });

  it('collects every cross-file problem in one ContentError, not just the first', () => {
    const raw = fixtureRaw();
    (raw.exchange.data.steps[0]?.options?.[2] as { next?: string }).next = 'nowhere';
    (raw.exchange.data.steps[1]?.options?.[3] as { misconceptions?: string[] }).misconceptions = [
      'no-such-myth',
    ];
    (raw.exchange.data.steps[4] as { id: string }).id = 'delta';
    raw.summary.data.talkingPoints[2] = {
      id: 'tp-short',
      text: 'Talking point.',
      when: { answers: ['alpha.a-long'] },
    };
    const problems = problemsOf(() => parseFixture(raw));
    const paths = problems.map((p) => `${p.file}: ${p.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        `${FIXTURE_FILES.exchange}: steps[0].options[2].next`,
        `${FIXTURE_FILES.exchange}: steps[1].options[3].misconceptions[0]`,
        `${FIXTURE_FILES.exchange}: steps[4].id`,
        `${FIXTURE_FILES.summary}: talkingPoints[2].when.answers[0]`,
      ]),
    );
  });

  it('collects schema problems from both files in one ContentError', () => {
    const raw = fixtureRaw();
    delete (raw.exchange.data.steps[1] as { title?: string }).title;
    (raw.exchange.data.steps[3]?.options?.[0] as { label: string }).label = 'x'.repeat(76);
    (raw.summary.data.scoring as { eitherFloor: unknown }).eitherFloor = 'four';
    const error = (() => {
      try {
        parseFixture(raw);
      } catch (e) {
        return e as ContentError;
      }
      throw new Error('expected a ContentError');
    })();
    expect(error.problems.map((p) => `${p.file}: ${p.path}`)).toEqual(
      expect.arrayContaining([
        `${FIXTURE_FILES.exchange}: steps[1].title`,
        `${FIXTURE_FILES.exchange}: steps[3].options[0].label`,
        `${FIXTURE_FILES.summary}: scoring.eitherFloor`,
      ]),
    );
    // The error's own message is readable on its own: every problem, one per line, with its file.
    expect(error.message.split('\n')).toHaveLength(error.problems.length);
    expect(error.message).toContain(`${FIXTURE_FILES.exchange}: steps[1].title: `);
  });

  it('reports a start, or a text step next, that points nowhere', () => {
    const raw = fixtureRaw();
    (raw.exchange.data as { start?: string }).start = 'omega';
    (raw.exchange.data.steps[2] as { next?: string }).next = 'epsilon';
    const problems = problemsOf(() => parseFixture(raw));
    expect(problems).toContainEqual({
      file: FIXTURE_FILES.exchange,
      path: 'start',
      message: expect.stringContaining('"omega"'),
    });
    expect(problems).toContainEqual({
      file: FIXTURE_FILES.exchange,
      path: 'steps[2].next',
      message: expect.stringContaining('"epsilon"'),
    });
  });

  it('rejects summary copy that could not fill a summary, or thresholds out of order', () => {
    const raw = fixtureRaw();
    // Only two unconditional talking points: a summary could end up with fewer than 3.
    raw.summary.data.talkingPoints = raw.summary.data.talkingPoints.filter(
      (t) => t.id !== 'tp-general-3',
    );
    // No experiment probes em: an em lean would get no em experiment.
    raw.summary.data.experiments = raw.summary.data.experiments.map((e) =>
      e.probes === 'em' ? { ...e, probes: 'both' } : e,
    );
    raw.summary.data.scoring.margins = { slight: 5, moderate: 4, strong: 7 };
    const problems = problemsOf(() => parseFixture(raw));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: FIXTURE_FILES.summary, path: 'talkingPoints' }),
        expect.objectContaining({
          file: FIXTURE_FILES.summary,
          path: 'experiments',
          message: expect.stringContaining('"em"'),
        }),
        expect.objectContaining({ file: FIXTURE_FILES.summary, path: 'scoring.margins' }),
      ]),
    );
  });

  it('rejects more than two free-text steps', () => {
    const raw = fixtureRaw();
    const text = {
      kind: 'text',
      title: 'Another',
      prompt: 'Another sentence?',
      placeholder: 'e.g. more',
      quoteLabel: 'More words',
    };
    // Replace eps and zeta (choice) with text steps: three text steps in all.
    (raw.exchange.data.steps as unknown[])[4] = { id: 'eps', ...text };
    (raw.exchange.data.steps as unknown[])[5] = { id: 'zeta', ...text };
    const problems = problemsOf(() => parseFixture(raw));
    expect(problems).toContainEqual({
      file: FIXTURE_FILES.exchange,
      path: 'steps',
      message: expect.stringMatching(/two free-text steps/),
    });
  });
});

describe('loadContent', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('names the file and the line of broken YAML', () => {
    dir = mkdtempSync(join(tmpdir(), 'career-path-content-'));
    const good = readFileSync(join(PROMPTS_DIR, 'exchange.yaml'), 'utf8').split('\n');
    const lineNo = good.findIndex((l) => l.startsWith('steps:')) + 3; // inside the first step
    const broken = [...good];
    broken.splice(lineNo - 1, 0, '    kind: [choice'); // an unclosed flow sequence
    writeFileSync(join(dir, 'exchange.yaml'), broken.join('\n'));
    writeFileSync(join(dir, 'summary.yaml'), readFileSync(join(PROMPTS_DIR, 'summary.yaml')));
    writeFileSync(join(dir, 'checkin.yaml'), readFileSync(join(PROMPTS_DIR, 'checkin.yaml')));
    const problems = problemsOf(() => loadContent(dir));
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.file).toMatch(/exchange\.yaml$/);
    const lines = problems.map((p) => /^line (\d+):\d+$/.exec(p.path)?.[1]).map(Number);
    // The parser may notice the missing bracket a line or two later, but never before it.
    expect(
      lines.some((n) => n >= lineNo && n <= lineNo + 3),
      problems.map((p) => p.path).join(),
    ).toBe(true);
  });

  it('names a missing file', () => {
    dir = mkdtempSync(join(tmpdir(), 'career-path-content-'));
    writeFileSync(join(dir, 'exchange.yaml'), readFileSync(join(PROMPTS_DIR, 'exchange.yaml')));
    writeFileSync(join(dir, 'checkin.yaml'), readFileSync(join(PROMPTS_DIR, 'checkin.yaml')));
    const problems = problemsOf(() => loadContent(dir));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toMatch(/summary\.yaml$/);
    expect(problems[0]?.message).toMatch(/cannot be read/);
  });

  it('reports schema problems in a loaded file against that file', () => {
    dir = mkdtempSync(join(tmpdir(), 'career-path-content-'));
    const exchange = readFileSync(join(PROMPTS_DIR, 'exchange.yaml'), 'utf8').replace(
      'title: Where you are',
      `title: ${'A very long title '.repeat(4)}`,
    );
    writeFileSync(join(dir, 'exchange.yaml'), exchange);
    writeFileSync(join(dir, 'summary.yaml'), readFileSync(join(PROMPTS_DIR, 'summary.yaml')));
    writeFileSync(join(dir, 'checkin.yaml'), readFileSync(join(PROMPTS_DIR, 'checkin.yaml')));
    const problems = problemsOf(() => loadContent(dir));
    expect(problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/exchange\.yaml$/),
        path: 'steps[0].title',
      }),
    ]);
  });
});
