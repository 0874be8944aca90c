import type { ContentGraph } from './content.ts';
import type { Condition, Content, LeanId, Option } from './content-schema.ts';
import { type Score, type Strength, scoreSession } from './scoring.ts';
import type { Session } from './session.ts';

export const MAX_REASONS = 5;
export const TALKING_POINTS = { min: 3, max: 5 } as const;
export const EXPERIMENTS = { min: 2, max: 3 } as const;

export interface AnsweredStep {
  stepId: string;
  title: string;
  answer: string;
}

export interface SummaryModel {
  lean: LeanId;
  leanLabel: string;
  leanBlurb: string;
  strength: Strength | null;
  strengthLabel: string | null;
  score: Pick<Score, 'staff' | 'em' | 'answered'>;
  reasons: string[];
  misconceptions: { id: string; belief: string; counterpoint: string }[];
  talkingPoints: string[];
  experiments: { id: string; title: string; how: string }[];
  /** The user's own words, exactly as written. */
  ownWords: { stepId: string; label: string; text: string }[];
  /** Every answer on the path, for "Change an answer" and the plain-text brief. */
  answers: AnsweredStep[];
}

/** Sections a user may leave out when sharing. */
export const SHAREABLE_SECTIONS = [
  'reasons',
  'misconceptions',
  'talkingPoints',
  'experiments',
  'ownWords',
] as const;
export type ShareableSection = (typeof SHAREABLE_SECTIONS)[number];

interface Chosen {
  stepId: string;
  option: Option;
}

function chosenOptions(graph: ContentGraph, session: Session): Chosen[] {
  const chosen: Chosen[] = [];
  for (const stepId of graph.path(session.choices)) {
    const step = graph.step(stepId);
    const option =
      step?.kind === 'choice'
        ? step.options.find((o) => o.id === session.choices[stepId])
        : undefined;
    if (option) chosen.push({ stepId, option });
  }
  return chosen;
}

function pointsToward(option: Option, lean: LeanId): boolean {
  if (lean === 'staff') return option.signals.staff > option.signals.em;
  if (lean === 'em') return option.signals.em > option.signals.staff;
  return false;
}

function matches(
  when: Condition | undefined,
  lean: LeanId,
  answers: Set<string>,
  misconceptions: Set<string>,
): boolean {
  if (!when) return false;
  return Boolean(
    when.lean?.includes(lean) ||
      when.answers?.some((a) => answers.has(a)) ||
      when.misconceptions?.some((m) => misconceptions.has(m)),
  );
}

export function buildSummary(
  content: Content,
  graph: ContentGraph,
  session: Session,
): SummaryModel {
  const copy = content.summary;
  const score = scoreSession(graph, copy, session);
  const chosen = chosenOptions(graph, session);
  const answerKeys = new Set(chosen.map((c) => `${c.stepId}.${c.option.id}`));

  const withReasons = chosen.filter((c) => c.option.reason);
  const reasons = [
    ...withReasons.filter((c) => pointsToward(c.option, score.lean)),
    ...withReasons.filter((c) => !pointsToward(c.option, score.lean)),
  ]
    .slice(0, MAX_REASONS)
    .map((c) => c.option.reason as string);

  const revealed = new Set(chosen.flatMap((c) => c.option.misconceptions));
  const misconceptions = copy.misconceptions
    .filter((m) => revealed.has(m.id))
    .map(({ id, belief, counterpoint }) => ({ id, belief, counterpoint }));

  const isMatch = (when: Condition | undefined) => matches(when, score.lean, answerKeys, revealed);
  const talkingPoints = [
    ...copy.talkingPoints.filter((t) => isMatch(t.when)),
    ...copy.talkingPoints.filter((t) => !t.when),
  ]
    .slice(0, TALKING_POINTS.max)
    .map((t) => t.text);

  const experiments = pickExperiments(copy.experiments, score.lean, isMatch).map(
    ({ id, title, how }) => ({ id, title, how }),
  );

  const ownWords: SummaryModel['ownWords'] = [];
  const answers: AnsweredStep[] = [];
  for (const stepId of graph.path(session.choices)) {
    const step = graph.step(stepId);
    if (!step) continue;
    if (step.kind === 'choice') {
      const option = step.options.find((o) => o.id === session.choices[stepId]);
      if (option) answers.push({ stepId, title: step.title, answer: option.label });
    } else {
      const text = session.texts[stepId];
      if (text) {
        ownWords.push({ stepId, label: step.quoteLabel, text });
        answers.push({ stepId, title: step.title, answer: text });
      } else if (text === '') {
        answers.push({ stepId, title: step.title, answer: '(skipped)' });
      }
    }
  }

  const lean = copy.leans[score.lean];
  return {
    lean: score.lean,
    leanLabel: lean.label,
    leanBlurb: lean.blurb,
    strength: score.strength,
    strengthLabel: score.strength ? copy.strengths[score.strength] : null,
    score: { staff: score.staff, em: score.em, answered: score.answered },
    reasons,
    misconceptions,
    talkingPoints,
    experiments,
    ownWords,
    answers,
  };
}

type Experiment = Content['summary']['experiments'][number];

function pickExperiments(
  all: Experiment[],
  lean: LeanId,
  isMatch: (when: Condition | undefined) => boolean,
): Experiment[] {
  const picked: Experiment[] = [];
  const add = (e: Experiment | undefined) => {
    if (e && !picked.includes(e) && picked.length < EXPERIMENTS.max) picked.push(e);
  };
  for (const e of all) if (isMatch(e.when)) add(e);
  const byProbe = (probe: Experiment['probes']) => all.filter((e) => e.probes === probe);
  const order: Experiment['probes'][] =
    lean === 'staff' ? ['staff', 'both'] : lean === 'em' ? ['em', 'both'] : ['staff', 'em', 'both'];
  if (lean === 'either' || lean === 'unclear') {
    // One of each track first, so neither is favoured when the answers don't favour one.
    for (const probe of order) add(byProbe(probe).find((e) => !picked.includes(e)));
  }
  for (const probe of order) for (const e of byProbe(probe)) add(e);
  for (const e of all) if (picked.length < EXPERIMENTS.min) add(e);
  return picked;
}
