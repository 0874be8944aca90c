import type { KnownBlock } from '@slack/types';
import {
  SHAREABLE_SECTIONS,
  type ShareableSection,
  type SummaryModel,
  type SummaryView,
} from '../engine/index.ts';
import { ACTION, type BriefRef, encodeBriefRef, encodeRef } from './action-ids.ts';
import {
  actions,
  button,
  confirmDialog,
  context,
  divider,
  header,
  LIMITS,
  option,
  section,
} from './blocks.ts';
import {
  BRIEF_LABELS,
  BRIEF_REPLY,
  type BriefLine,
  type BriefPart,
  briefParts,
  leanLine,
} from './brief-text.ts';
import type { Message } from './message.ts';
import { chunkText, escapeMrkdwn, quote } from './text.ts';
import { slackDate } from './when.ts';

/** Block id of the recipient's answer buttons under a shared brief. */
export const BRIEF_REPLY_BLOCK = 'brief-reply';

/** A titled list that may run long: split into as many sections as the 3000-character cap needs. */
function listSection(title: string | undefined, items: string[], blockId?: string): KnownBlock[] {
  if (items.length === 0) return [];
  const body = title ? `*${escapeMrkdwn(title)}*\n${items.join('\n')}` : items.join('\n');
  return chunkText(body).map((chunk, i) => section(chunk, i === 0 ? blockId : undefined));
}

/** One part of the brief as mrkdwn lines: bullets, numbers, or bare when it has no title. */
function partItems(part: BriefPart): string[] {
  return part.lines.map((line, i) => {
    const words = line.quote !== undefined ? quote(line.quote) : '';
    const text = line.md ? escapeLabel(line, part) : '';
    const body = [text, words].filter(Boolean).join('\n');
    if (!part.title) return body;
    if (line.quote !== undefined) return body;
    return part.numbered ? `${i + 1}. ${body}` : `• ${body}`;
  });
}

/** Labels of the user's own words come from prompts/; anything else is our own mrkdwn already. */
function escapeLabel(line: BriefLine, part: BriefPart): string {
  return part.key === 'ownWords' ? escapeMrkdwn(line.md) : line.md;
}

/** The brief's body, shared by the private summary, the share preview and the shared message. */
export function renderSummaryBody(
  summary: SummaryModel,
  include: readonly ShareableSection[] = SHAREABLE_SECTIONS,
): KnownBlock[] {
  return briefParts(summary, include).flatMap((part) =>
    listSection(part.title, partItems(part), part.key === 'lean' ? 'lean' : undefined),
  );
}

/** What the summary shows beyond the brief itself: history and check-ins, private to the user. */
export interface SummaryExtras {
  /** "How my thinking moved", already rendered; absent until there are two points. */
  moved?: string;
  checkinsOn?: boolean;
}

export function renderSummary(view: SummaryView, extras: SummaryExtras = {}): Message {
  const ref = encodeRef({ session: view.sessionId, step: 'summary', rev: view.rev });
  const [lean, ...body] = renderSummaryBody(view.summary);
  const blocks: KnownBlock[] = [
    header('Your brief for the next 1:1'),
    context('Private to you. Nothing is shared unless you press Share… and choose where.'),
    ...(lean ? [lean] : []),
    ...(extras.moved ? [section(`*How my thinking moved*\n${extras.moved}`, 'moved')] : []),
    ...body,
    divider(),
    actions('summary-actions', [
      button('Share…', ACTION.shareOpen, ref, { style: 'primary' }),
      button('Copy as text', ACTION.copy, ref),
      button('Start over', ACTION.restart, ref, {
        confirm: confirmDialog(
          'Start over?',
          'Your answers will be cleared and you will begin again from the first step.',
          'Start over',
          'Keep my answers',
          'danger',
        ),
      }),
      // Once check-ins are on, the offer is done: their settings live on the Home tab.
      ...(extras.checkinsOn ? [] : [button('Check in with me', ACTION.checkinOptIn, ref)]),
    ]),
  ];
  if (view.editable.length > 0) {
    blocks.push({
      type: 'section',
      block_id: 'edit',
      text: {
        type: 'mrkdwn',
        text: 'Want to change an answer? Pick the step and the brief updates.',
      },
      accessory: {
        type: 'static_select',
        action_id: ACTION.edit,
        placeholder: { type: 'plain_text', text: 'Change an answer' },
        options: view.editable.slice(0, 100).map((s) => option(s.title, `${ref}:${s.id}`)),
      },
    });
  }
  return {
    text: `Your brief for the next 1:1 — lean: ${leanLine(view.summary)}`,
    blocks: blocks.slice(0, 50),
  };
}

export interface SharedBriefOptions {
  /** The sharer's zone, for the date's plain fallback; UTC when unknown. */
  tz?: string;
  /** Team of the sharer, carried by the answer buttons so a reply finds its way back. */
  team?: string;
}

/** Header and body of the shared brief: what the share preview shows, byte for byte. */
export function renderSharedBriefBlocks(
  summary: SummaryModel,
  userId: string,
  include: readonly ShareableSection[],
  options: SharedBriefOptions = {},
): KnownBlock[] {
  return [
    header('Staff or EM: a brief for our 1:1'),
    context(
      `${BRIEF_LABELS.written} ${slackDate(summary.writtenAt, options.tz ?? 'UTC')} by <@${userId}> with career-path`,
    ),
    ...renderSummaryBody(summary, include),
  ];
}

/** The message that lands in the channel or DM the user chose to share with. */
export function renderSharedBrief(
  summary: SummaryModel,
  userId: string,
  include: readonly ShareableSection[],
  options: SharedBriefOptions = {},
): Message {
  const body = renderSharedBriefBlocks(summary, userId, include, options);
  const ref: BriefRef = {
    sharer: userId,
    ...(options.team ? { team: options.team } : {}),
    at: summary.writtenAt,
  };
  const blocks: KnownBlock[] = [
    ...body.slice(0, LIMITS.messageBlocks - 2),
    divider(),
    actions(BRIEF_REPLY_BLOCK, [
      button(BRIEF_REPLY.talk, ACTION.briefTalk, encodeBriefRef(ref), { style: 'primary' }),
      button(BRIEF_REPLY.suggest, ACTION.briefSuggest, encodeBriefRef(ref)),
    ]),
  ];
  return {
    text: `<@${userId}> shared their career-path brief — lean: ${leanLine(summary)}`,
    blocks,
  };
}
