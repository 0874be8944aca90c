import type { HistoryEntry } from './checkin-history.ts';
import type { ContentGraph } from './content.ts';
import {
  type Condition,
  type Content,
  type LeanId,
  type Option,
  SKIPPED_OPTION,
} from './content-schema.ts';
import { type Score, type Strength, scoreSession } from './scoring.ts';
import type { Session } from './session.ts';

export const MAX_REASONS = 5;
export const TALKING_POINTS = { min: 3, max: 5 } as const;
export const EXPERIMENTS = { min: 2, max: 3 } as const;

export type Track = 'staff' | 'em';

export interface AnsweredStep {
  stepId: string;
  title: string;
  answer: string;
}

/** Sections a user may leave out when sharing, in the order the brief shows them. */
export const SHAREABLE_SECTIONS = [
  'ask',
  'tensions',
  'role',
  'reasons',
  'misconceptions',
  'evidence',
  'talkingPoints',
  'experiments',
  'ownWords',
] as const;
export type ShareableSection = (typeof SHAREABLE_SECTIONS)[number];

/**
 * What the share form ticks at first: everything but the check-in evidence, which stays private
 * unless the user includes it.
 */
export const DEFAULT_SHARE_SECTIONS: readonly ShareableSection[] = SHAREABLE_SECTIONS.filter(
  (s) => s !== 'evidence',
);

export interface SummaryModel {
  lean: LeanId;
  leanLabel: string;
  leanBlurb: string;
  strength: Strength | null;
  strengthLabel: string | null;
  score: Pick<Score, 'staff' | 'em' | 'answered'>;
  /** When the brief was written (the session's last answer), for the date at its top. */
  writtenAt: number;
  /** "Where I stand": the user's situation in their voice; null when not answered. */
  situation: string | null;
  /** Tracks that are real roles where the user works (both unless an answer says otherwise). */
  tracks: Track[];
  /** "What I'd like from you", or null when skipped. Section `ask`. */
  ask: string | null;
  /** The user's note for the manager, exactly as written; opens the brief. Section `ownWords`. */
  note: { label: string; text: string } | null;
  /** Conflicts between answers. Section `tensions` (and `misconceptions` where `also` says). */
  tensions: { id: string; text: string; also: ShareableSection[] }[];
  /** The shape of role the answers resemble. Section `role`. */
  role: { id: string; track: Track; name: string; day: string } | null;
  reasons: string[];
  misconceptions: { id: string; belief: string; counterpoint: string }[];
  talkingPoints: string[];
  experiments: { id: string; title: string; how: string }[];
  /**
   * Sections besides its own that a talking point belongs to (same index as `talkingPoints`):
   * a line that restates a misconception or a check-in goes when that section is left out.
   */
  talkingPointsAlso: ShareableSection[][];
  /** "What the last weeks showed", from check-ins; empty without any. Section `evidence`. */
  evidence: string[];
  /** The user's own words, exactly as written (the note for the manager excluded). */
  ownWords: { stepId: string; label: string; text: string }[];
  /** Every answer on the path, for "Change an answer" and the plain-text brief. */
  answers: AnsweredStep[];
}

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

interface Facts {
  lean: LeanId;
  answers: Set<string>;
  misconceptions: Set<string>;
  tensions: Set<string>;
}

/** Any field matching is a match (OR), as prompts/README.md documents for `when`. */
function matches(when: Condition | undefined, f: Facts): boolean {
  if (!when) return false;
  return Boolean(
    when.lean?.includes(f.lean) ||
      when.answers?.some((a) => f.answers.has(a)) ||
      when.misconceptions?.some((m) => f.misconceptions.has(m)) ||
      when.tensions?.some((t) => f.tensions.has(t)),
  );
}

const fits = (needs: readonly Track[], tracks: readonly Track[]) =>
  needs.every((t) => tracks.includes(t));

/** Keys of what check-ins showed, usable in `when.answers` as `checkins.<key>`. */
interface Evidence {
  lines: string[];
  keys: string[];
}

function evidenceOf(
  copy: Content['summary']['evidence'],
  trend: Content['checkin']['trend'],
  history: readonly HistoryEntry[],
): Evidence {
  if (!copy) return { lines: [], keys: [] };
  const checkins = history.filter((e) => e.src === 'c' && e.answers).slice(-copy.window);
  const total = checkins.length;
  if (total === 0) return { lines: [], keys: [] };
  const lines: string[] = [];
  const keys: string[] = [];
  const fill = (t: string, v: Record<string, string | number>) =>
    t.replace(/\{(\w+)\}/g, (m, k: string) => (k in v ? String(v[k]) : m));

  const energy = new Map<string, number>();
  for (const e of checkins) {
    const id = e.answers?.energy;
    if (id && copy.energyWhat[id]) energy.set(id, (energy.get(id) ?? 0) + 1);
  }
  const [topEnergy] = [...energy.entries()].sort((a, b) => b[1] - a[1]);
  if (topEnergy && topEnergy[1] >= Math.max(2, Math.ceil(total / 2))) {
    const [id, count] = topEnergy;
    lines.push(fill(copy.energy, { count, total, what: copy.energyWhat[id] as string }));
    keys.push(`energy-${id}`);
  }
  for (const toward of ['staff', 'em'] as const) {
    const count = checkins.filter((e) => e.answers?.lean === toward).length;
    if (count >= 2 || (count === 1 && total === 1)) {
      lines.push(fill(copy.moves, { count, total, toward: copy.towards[toward] }));
      keys.push(`toward-${toward}`);
    }
  }
  const first = history.find((e) => e.src === 's');
  const last = history.at(-1);
  if (first && last && last.src === 'c' && last.lean !== first.lean) {
    lines.push(fill(copy.shift, { from: trend[first.lean], to: trend[last.lean] }));
  } else if (lines.length === 0 && total >= 2) lines.push(copy.steady);
  return { lines, keys };
}

export interface SummaryOptions {
  /** The user's check-in history, so weeks of check-ins reach the brief. */
  history?: readonly HistoryEntry[];
}

export function buildSummary(
  content: Content,
  graph: ContentGraph,
  session: Session,
  options: SummaryOptions = {},
): SummaryModel {
  const copy = content.summary;
  const score = scoreSession(graph, copy, session);
  const chosen = chosenOptions(graph, session);
  const evidence = evidenceOf(copy.evidence, content.checkin.trend, options.history ?? []);
  const answerKeys = new Set([
    ...chosen.map((c) => `${c.stepId}.${c.option.id}`),
    ...evidence.keys.map((k) => `checkins.${k}`),
  ]);
  const tracks: Track[] = chosen.find((c) => c.option.tracks)?.option.tracks ?? ['staff', 'em'];
  const situation = chosen.find((c) => c.option.situation)?.option.situation ?? null;
  const ask = chosen.find((c) => c.option.ask)?.option.ask ?? null;

  // A reason whose answer revealed a misconception would only restate it: "What I'm
  // rethinking" says it once, and leaving that section out then leaves it out everywhere.
  const withReasons = chosen.filter((c) => c.option.reason && c.option.misconceptions.length === 0);
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

  const facts: Facts = {
    lean: score.lean,
    answers: answerKeys,
    misconceptions: revealed,
    tensions: new Set(),
  };
  const tensions = copy.tensions
    .filter(
      (t) =>
        (!t.when.lean || t.when.lean.includes(score.lean)) &&
        (!t.when.answers || t.when.answers.some((a) => answerKeys.has(a))),
    )
    .map((t) => ({
      id: t.id,
      text: t.text,
      also: t.revealsMisconception ? (['misconceptions'] as ShareableSection[]) : [],
    }));
  for (const t of tensions) facts.tensions.add(t.id);

  const usable = <T extends { when?: Condition; unless?: Condition; needs: Track[] }>(x: T) =>
    fits(x.needs, tracks) && !matches(x.unless, facts);
  const isMatch = (when: Condition | undefined) => matches(when, facts);
  const points = [
    ...copy.talkingPoints.filter((t) => usable(t) && isMatch(t.when)),
    ...copy.talkingPoints.filter((t) => usable(t) && !t.when),
  ].slice(0, TALKING_POINTS.max);
  const talkingPointsAlso = points.map((t) => {
    const also: ShareableSection[] = [];
    // Picked only because of a misconception, it hints at it: it goes when that section goes.
    const onlyByMisconception =
      t.when !== undefined &&
      matches({ misconceptions: t.when.misconceptions }, facts) &&
      !matches({ ...t.when, misconceptions: undefined }, facts);
    if (t.revealsMisconception || onlyByMisconception) also.push('misconceptions');
    const fromCheckins =
      t.when?.answers?.some((a) => a.startsWith('checkins.') && answerKeys.has(a)) ?? false;
    if (fromCheckins) also.push('evidence');
    return also;
  });

  // An experiment written for a tension is only for people who have that tension.
  const forSituation = (e: Experiment) => !e.when?.tensions || isMatch(e.when);
  const experiments = pickExperiments(
    copy.experiments.filter((e) => usable(e) && forSituation(e)),
    score.lean,
    tracks,
    isMatch,
  ).map(({ id, title, how }) => ({ id, title, how }));

  const role = pickRole(copy.roles, score.lean, answerKeys);

  let note: SummaryModel['note'] = null;
  const ownWords: SummaryModel['ownWords'] = [];
  const answers: AnsweredStep[] = [];
  for (const stepId of graph.path(session.choices)) {
    const step = graph.step(stepId);
    if (!step) continue;
    if (step.kind === 'choice') {
      const option = step.options.find((o) => o.id === session.choices[stepId]);
      if (option) answers.push({ stepId, title: step.title, answer: option.label });
      else if (session.choices[stepId] === SKIPPED_OPTION)
        answers.push({ stepId, title: step.title, answer: '(skipped)' });
    } else {
      const text = session.texts[stepId];
      if (text) {
        if (step.forManager) note = { label: step.quoteLabel, text };
        else ownWords.push({ stepId, label: step.quoteLabel, text });
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
    writtenAt: session.updatedAt,
    situation,
    tracks,
    ask,
    note,
    tensions,
    role,
    reasons,
    misconceptions,
    talkingPoints: points.map((t) => t.text),
    talkingPointsAlso,
    experiments,
    evidence: evidence.lines,
    ownWords,
    answers,
  };
}

function pickRole(
  roles: Content['summary']['roles'],
  lean: LeanId,
  answers: Set<string>,
): SummaryModel['role'] {
  if (lean !== 'staff' && lean !== 'em') return null;
  let best: (typeof roles.staff)[number] | undefined;
  let bestScore = -1;
  for (const r of roles[lean]) {
    const total = Object.entries(r.answers).reduce(
      (sum, [key, points]) => sum + (answers.has(key) ? points : 0),
      0,
    );
    if (total > bestScore) {
      best = r;
      bestScore = total;
    }
  }
  return best ? { id: best.id, track: lean, name: best.name, day: best.day } : null;
}

type Experiment = Content['summary']['experiments'][number];

function pickExperiments(
  all: Experiment[],
  lean: LeanId,
  tracks: readonly Track[],
  isMatch: (when: Condition | undefined) => boolean,
): Experiment[] {
  // A lean toward a track that isn't real here: test both, since only the other is on offer.
  const balanced = lean === 'either' || lean === 'unclear' || !tracks.includes(lean as Track);
  const picked: Experiment[] = [];
  const add = (e: Experiment | undefined) => {
    if (e && !picked.includes(e) && picked.length < EXPERIMENTS.max) picked.push(e);
  };
  for (const e of all) if (isMatch(e.when)) add(e);
  const byProbe = (probe: Experiment['probes']) => all.filter((e) => e.probes === probe);
  const order: Experiment['probes'][] = balanced
    ? ['staff', 'em', 'both']
    : lean === 'staff'
      ? ['staff', 'both']
      : ['em', 'both'];
  if (balanced) {
    // One of each track first, so neither is favoured when the answers don't favour one.
    for (const probe of order) add(byProbe(probe).find((e) => !picked.includes(e)));
  }
  for (const probe of order) for (const e of byProbe(probe)) add(e);
  for (const e of all) if (picked.length < EXPERIMENTS.min) add(e);
  return picked;
}
