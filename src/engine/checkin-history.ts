import type { CheckinCopy } from './checkin-schema.ts';
import type { LeanId } from './content-schema.ts';

/**
 * The user's thinking over time: one entry per summary or answered check-in. Compact on purpose
 * (it lives in user state), and capped, so a year of check-ins stays small.
 */
export interface HistoryEntry {
  /** When: the summary's completion, or the check-in's slot (which its buttons carry). */
  at: number;
  lean: LeanId;
  /** `s` for a finished summary, `c` for a check-in. */
  src: 's' | 'c';
  /** Check-ins only: question id → option id. */
  answers?: Record<string, string>;
  /**
   * Position on the scale from −3 (strong EM) to +3 (strong Staff); 0 is neither. Absent on
   * entries written before it existed: read from the lean (see positionOf).
   */
  pos?: number;
}

const STRENGTH_POS = { slight: 1, moderate: 2, strong: 3 } as const;

/** Where an entry stands on the scale; a lean without a strength counts as moderate. */
export function positionOf(e: Pick<HistoryEntry, 'lean' | 'pos'>): number {
  if (e.pos !== undefined) return e.pos;
  return e.lean === 'staff' ? 2 : e.lean === 'em' ? -2 : 0;
}

function leanAt(pos: number): LeanId {
  return pos > 0 ? 'staff' : pos < 0 ? 'em' : 'unclear';
}

/** About a year of every-other-week check-ins. */
export const MAX_HISTORY = 26;

function capped(history: HistoryEntry[]): HistoryEntry[] {
  return history.length > MAX_HISTORY ? history.slice(history.length - MAX_HISTORY) : history;
}

function sorted(history: HistoryEntry[]): HistoryEntry[] {
  return [...history].sort((a, b) => a.at - b.at);
}

/** The lean in force just before `at`. */
export function leanBefore(history: readonly HistoryEntry[], at: number): LeanId | null {
  let lean: LeanId | null = null;
  for (const e of history) if (e.at < at) lean = e.lean;
  return lean;
}

/**
 * A finished summary. Finishing again within `sameRunMs` of the last summary entry (changing an
 * answer from the summary) replaces that entry instead of adding a new point.
 */
export function recordSummary(
  history: readonly HistoryEntry[],
  at: number,
  lean: LeanId,
  sameRunMs = 86_400_000,
  /** The summary's strength, so later nudges start from the right place on the scale. */
  strength?: keyof typeof STRENGTH_POS | null,
): HistoryEntry[] {
  const last = history.at(-1);
  const entry: HistoryEntry = { at, lean, src: 's' };
  if (strength && (lean === 'staff' || lean === 'em'))
    entry.pos = (lean === 'staff' ? 1 : -1) * STRENGTH_POS[strength];
  if (last?.src === 's' && at - last.at < sameRunMs) {
    return capped([...history.slice(0, -1), { ...entry, at: last.at }]);
  }
  return capped(sorted([...history, entry]));
}

export type AnswerResult =
  | { ok: true; history: HistoryEntry[]; entry: HistoryEntry; complete: boolean }
  | { ok: false; reason: 'unknown-question' | 'unknown-option' };

/**
 * Records (or changes) one answer of the check-in for slot `at`. Editing a past check-in works
 * the same way: its entry is found by its slot, and its lean recomputed from its own answers.
 */
export function answerCheckin(
  copy: CheckinCopy,
  history: readonly HistoryEntry[],
  at: number,
  questionId: string,
  optionId: string,
): AnswerResult {
  const question = copy.questions.find((q) => q.id === questionId);
  if (!question) return { ok: false, reason: 'unknown-question' };
  if (!question.options.some((o) => o.id === optionId))
    return { ok: false, reason: 'unknown-option' };
  const existing = history.find((e) => e.src === 'c' && e.at === at);
  const answers = { ...(existing?.answers ?? {}), [questionId]: optionId };
  const lean = leanBefore(history, at) ?? 'unclear';
  const entry: HistoryEntry = { at, lean, src: 'c', answers };
  const rest = history.filter((e) => e !== existing);
  const next = capped(sorted([...rest, entry]));
  // A changed lean carries into later check-ins that said "no change".
  const settled = carryLeans(copy, next);
  const saved = settled.find((e) => e.src === 'c' && e.at === at) ?? entry;
  return {
    ok: true,
    history: settled,
    entry: saved,
    complete: copy.questions.every((q) => answers[q.id] !== undefined),
  };
}

type Move = { lean: LeanId } | { toward: 'staff' | 'em' } | null;

function moveOf(copy: CheckinCopy, answers: Record<string, string>): Move {
  for (const q of copy.questions) {
    const option = q.options.find((o) => o.id === answers[q.id]);
    if (option?.lean) return { lean: option.lean };
    if (option?.toward) return { toward: option.toward };
  }
  return null;
}

/**
 * Recomputes every check-in's place from the one before it: "toward Staff" is one step up the
 * scale from where the user stood, so a nudge away from a moderate EM lean stays an EM lean.
 * A changed answer carries into later check-ins that said "no change".
 */
function carryLeans(copy: CheckinCopy, history: HistoryEntry[]): HistoryEntry[] {
  let previous: { lean: LeanId; pos: number } | null = null;
  return history.map((e) => {
    if (e.src === 'c' && e.answers) {
      const move = moveOf(copy, e.answers);
      let next: { lean: LeanId; pos: number };
      if (move && 'lean' in move) next = { lean: move.lean, pos: positionOf({ lean: move.lean }) };
      else if (move) {
        const from = previous?.pos ?? 0;
        const pos = Math.max(-3, Math.min(3, from + (move.toward === 'staff' ? 1 : -1)));
        next = { lean: leanAt(pos), pos };
      } else next = previous ?? { lean: e.lean, pos: positionOf(e) };
      previous = next;
      if (next.lean === e.lean && next.pos === e.pos) return e;
      return { ...e, lean: next.lean, pos: next.pos };
    }
    previous = { lean: e.lean, pos: positionOf(e) };
    return e;
  });
}

export interface TrendPoint {
  at: number;
  lean: LeanId;
  label: string;
  /** The last point of an unchanged run, shown as "still … as of". */
  still?: boolean;
}

/**
 * "How my thinking moved": where the lean changed, plus the latest entry when it did not.
 * Null with fewer than two entries: one point is not a movement.
 */
export function trend(
  copy: CheckinCopy,
  history: readonly HistoryEntry[],
  maxPoints = 6,
): TrendPoint[] | null {
  if (history.length < 2) return null;
  const points: TrendPoint[] = [];
  for (const e of history) {
    if (points.at(-1)?.lean !== e.lean)
      points.push({ at: e.at, lean: e.lean, label: copy.trend[e.lean] });
  }
  const last = history.at(-1) as HistoryEntry;
  if (points.at(-1)?.at !== last.at) {
    points.push({ at: last.at, lean: last.lean, label: copy.trend[last.lean], still: true });
  }
  return points.slice(-maxPoints);
}
