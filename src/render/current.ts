import type { CurrentView, Outcome } from '../engine/index.ts';
import type { Message } from './message.ts';
import { renderPausedWithResume, renderStale, renderTooLong } from './notices.ts';
import { renderStep } from './step.ts';
import { renderSummary, type SummaryExtras } from './summary.ts';

export function renderCurrent(view: CurrentView, extras?: SummaryExtras): Message {
  return view.kind === 'step' ? renderStep(view) : renderSummary(view, extras);
}

/** What the user sees after an engine result: the step or brief, the paused notice, or "stale". */
export function renderOutcome(outcome: Outcome, extras?: SummaryExtras): Message {
  switch (outcome.type) {
    case 'show':
      return renderCurrent(outcome.view, extras);
    case 'paused':
      return renderPausedWithResume(outcome.view);
    case 'too-long':
      return renderTooLong(outcome.length, outcome.max);
    case 'stale':
    case 'not-an-answer':
      return renderStale(outcome.view);
  }
}
