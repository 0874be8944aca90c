import type { CurrentView } from '../engine/index.ts';
import type { Message } from './message.ts';
import { renderStep } from './step.ts';
import { renderSummary, type SummaryExtras } from './summary.ts';

export function renderCurrent(view: CurrentView, extras?: SummaryExtras): Message {
  return view.kind === 'step' ? renderStep(view) : renderSummary(view, extras);
}
