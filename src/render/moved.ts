import type { CurrentView, SummaryModel } from '../engine/index.ts';
import { renderArchivedBrief } from './archived-brief.ts';
import { context } from './blocks.ts';
import type { Message } from './message.ts';
import { progressLabel } from './step.ts';
import { escapeMrkdwn } from './text.ts';

/**
 * What an older live copy of the exchange becomes once the same step (or brief) is posted again
 * below it: a line that points down, no buttons, so only one copy can be answered.
 */
export function renderMovedBelow(view: CurrentView): Message {
  const label = view.kind === 'step' ? progressLabel(view) : 'Your brief';
  return {
    text: `${label}: moved below`,
    blocks: [context(`✓ *${escapeMrkdwn(label)}*: moved below`)],
  };
}

/** A brief whose run was replaced (a Start over): kept readable, as the record it now is. */
export function renderReplacedBrief(summary: SummaryModel, at: number, tz: string): Message {
  return renderArchivedBrief(summary, at, tz);
}
