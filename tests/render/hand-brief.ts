import type { SummaryModel, SummaryView } from '../../src/engine/index.ts';

/** Helpers for render tests: a brief written by hand, so each line it shows is known. */

export const WRITTEN = Date.UTC(2026, 11, 1, 23, 30); // 1 Dec in UTC, 2 Dec in Auckland

/** A brief with a line or two in each part, written by hand so each line is known. */
export function model(over: Partial<SummaryModel> = {}): SummaryModel {
  return {
    lean: 'staff',
    leanLabel: 'Staff Engineer',
    leanBlurb: 'Your answers point at deep technical work.',
    strength: 'moderate',
    strengthLabel: 'a clear lean',
    score: { staff: 5, em: 2, answered: 7 },
    writtenAt: WRITTEN,
    situation: 'Both tracks are real roles here.',
    tracks: ['staff', 'em'],
    ask: 'Tell me which of these you see in me.',
    note: null,
    tensions: [],
    role: null,
    reasons: ['You like long problems.', 'You want to keep coding.'],
    misconceptions: [],
    talkingPoints: ['First point.', 'Second point.', 'Third point.'],
    experiments: [],
    talkingPointsAlso: [[], [], []],
    evidence: [],
    ownWords: [],
    answers: [],
    ...over,
  };
}

export function view(summary: SummaryModel, editable: SummaryView['editable'] = []): SummaryView {
  return { kind: 'summary', sessionId: 'sess-1', rev: 5, summary, editable };
}
