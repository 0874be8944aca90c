import type { SummaryModel } from '../engine/index.ts';
import { context, header, LIMITS } from './blocks.ts';
import type { Message } from './message.ts';
import { renderSummaryBody } from './summary.ts';
import { slackDay } from './when.ts';

/** An earlier brief, opened again from the Home tab: a read-only record, not something to edit. */
export function renderArchivedBrief(summary: SummaryModel, at: number, tz: string): Message {
  return {
    text: `Your brief from ${slackDay(at, tz)}`,
    blocks: [
      header('An earlier brief'),
      context(`From ${slackDay(at, tz)}. Kept for reference; only you see it.`),
      ...renderSummaryBody(summary),
    ].slice(0, LIMITS.messageBlocks),
  };
}
