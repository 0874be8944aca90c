import type { KnownBlock } from '@slack/types';
import type { ShareableSection, SummaryModel, SummaryView } from '../engine/index.ts';
import { ACTION, encodeRef } from './action-ids.ts';
import {
  actions,
  button,
  confirmDialog,
  context,
  divider,
  header,
  option,
  section,
} from './blocks.ts';
import { leanLine, SECTION_TITLES } from './brief-text.ts';
import type { Message } from './message.ts';
import { chunkText, escapeMrkdwn, quote } from './text.ts';

const ALL_SECTIONS = Object.keys(SECTION_TITLES) as ShareableSection[];

/** A titled list that may run long: split into as many sections as the 3000-character cap needs. */
function listSection(title: string, items: string[]): KnownBlock[] {
  if (items.length === 0) return [];
  return chunkText(`*${title}*\n${items.join('\n')}`).map((chunk) => section(chunk));
}

/** The brief's body, shared by the private summary, the share preview and the shared message. */
export function renderSummaryBody(
  summary: SummaryModel,
  include: readonly ShareableSection[] = ALL_SECTIONS,
): KnownBlock[] {
  const blocks: KnownBlock[] = [
    section(`*Lean:* ${escapeMrkdwn(leanLine(summary))}\n${summary.leanBlurb}`, 'lean'),
  ];
  const has = (s: ShareableSection) => include.includes(s);
  if (has('reasons'))
    blocks.push(
      ...listSection(
        SECTION_TITLES.reasons,
        summary.reasons.map((r) => `• ${r}`),
      ),
    );
  if (has('misconceptions') && summary.misconceptions.length > 0) {
    blocks.push(
      ...listSection(
        SECTION_TITLES.misconceptions,
        summary.misconceptions.map((m) => `• _${m.belief}_\n   ${m.counterpoint}`),
      ),
    );
  }
  if (has('talkingPoints')) {
    blocks.push(
      ...listSection(
        SECTION_TITLES.talkingPoints,
        summary.talkingPoints.map((t, i) => `${i + 1}. ${t}`),
      ),
    );
  }
  if (has('experiments')) {
    blocks.push(
      ...listSection(
        SECTION_TITLES.experiments,
        summary.experiments.map((e) => `• *${e.title}*: ${e.how}`),
      ),
    );
  }
  if (has('ownWords') && summary.ownWords.length > 0) {
    blocks.push(
      ...listSection(
        SECTION_TITLES.ownWords,
        summary.ownWords.map((w) => `${escapeMrkdwn(w.label)}\n${quote(w.text)}`),
      ),
    );
  }
  return blocks;
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

/** The message that lands in the channel or DM the user chose to share with. */
export function renderSharedBrief(
  summary: SummaryModel,
  userId: string,
  include: readonly ShareableSection[],
): Message {
  const blocks: KnownBlock[] = [
    header('Staff or EM: a brief for our 1:1'),
    context(`Shared by <@${userId}> from career-path`),
    ...renderSummaryBody(summary, include),
  ];
  return {
    text: `<@${userId}> shared their career-path brief — lean: ${leanLine(summary)}`,
    blocks: blocks.slice(0, 50),
  };
}
