import type { SummaryModel } from '../engine/index.ts';
import { context, header, LIMITS, section } from './blocks.ts';
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

/** A Home "Open" for a brief no longer kept (a Home tab left open on another device, say). */
export function renderBriefGone(): Message {
  const text =
    "I don't keep that brief any more, so there is nothing to open. Your Home tab now lists the briefs I still have.";
  return { text, blocks: [section(text)] };
}
