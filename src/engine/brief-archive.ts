import { type HistoryEntry, recordSummary } from './checkin-history.ts';
import type { LeanId } from './content-schema.ts';
import type { Strength } from './scoring.ts';
import type { Session } from './session.ts';

/** A finished run, kept as its answers: the brief is rebuilt from them when it is opened again. */
export interface ArchivedBrief {
  at: number;
  choices: Record<string, string>;
  texts: Record<string, string>;
}

/** Earlier briefs kept for the Home tab; each is a few hundred bytes. */
export const MAX_ARCHIVED = 3;

/** What a user's record keeps across runs: earlier briefs, and how their lean moved. */
export interface RunRecord {
  summaries?: ArchivedBrief[];
  history?: HistoryEntry[];
}

/**
 * The record after the session went from `before` to `after`: a finished run that is replaced
 * (Start over) is archived so its brief can be opened again, and a run that finishes (or
 * finishes again after a changed answer) adds a point to the history.
 */
export function recordRun(
  record: RunRecord,
  before: Session | null,
  after: Session | null,
  /** The finished run's lean, and its strength so later check-in nudges start from there. */
  leanOf: (session: Session) => LeanId | { lean: LeanId; strength?: Strength | null },
): RunRecord {
  const next: RunRecord = {};
  if (before?.status === 'complete' && after && after.id !== before.id) {
    next.summaries = [
      ...(record.summaries ?? []),
      { at: before.completedAt ?? before.updatedAt, choices: before.choices, texts: before.texts },
    ].slice(-MAX_ARCHIVED);
  }
  if (
    after?.status === 'complete' &&
    after.completedAt !== undefined &&
    after.completedAt !== before?.completedAt
  ) {
    const of = leanOf(after);
    const { lean, strength } = typeof of === 'string' ? { lean: of, strength: null } : of;
    next.history = recordSummary(
      record.history ?? [],
      after.completedAt,
      lean,
      undefined,
      strength ?? null,
    );
  }
  return next;
}

/**
 * Names a brief that can be opened again (the Home tab's Open button carries it): the current
 * run's, or an earlier one by its place in the archive.
 */
export type BriefId = 'current' | `a${number}`;

export interface OpenableBrief {
  id: BriefId;
  at: number;
  session: Session;
}

/** Every brief that can be opened again, newest first: the current one, then earlier runs. */
export function openableBriefs(
  current: Session | null | undefined,
  archived: readonly ArchivedBrief[] = [],
): OpenableBrief[] {
  const list: OpenableBrief[] = [];
  if (current?.status === 'complete') {
    list.push({ id: 'current', at: current.completedAt ?? current.updatedAt, session: current });
  }
  archived.forEach((brief, i) => {
    list.push({ id: `a${i}`, at: brief.at, session: archivedSession(brief, i) });
  });
  return list.sort((a, b) => b.at - a.at);
}

/** An archived run as a finished session, so the summary can be built from it like any other. */
function archivedSession(brief: ArchivedBrief, i: number): Session {
  return {
    id: `archived-${i}`,
    rev: 0,
    status: 'complete',
    current: 'summary',
    choices: brief.choices,
    texts: brief.texts,
    editing: false,
    startedAt: brief.at,
    updatedAt: brief.at,
    completedAt: brief.at,
  };
}
