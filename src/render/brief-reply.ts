import type { KnownBlock, ModalView } from '@slack/types';
import { ACTION, type BriefRef, CALLBACK, encodeBriefRef } from './action-ids.ts';
import { button, context, header, LIMITS, section } from './blocks.ts';
import { BRIEF_REPLY } from './brief-text.ts';
import type { Message } from './message.ts';
import { escapeMrkdwn, quote, truncate } from './text.ts';
import { slackDate, slackDay } from './when.ts';

/** The recipient's note in "Suggest what to try first": kept short, like the user's own. */
export const SUGGEST_INPUT = { block: 'suggest', action: 'suggest.input', maxLength: 500 } as const;

/** What the recipient pressed under a shared brief. */
export type BriefReply =
  | { kind: 'talk'; from: string; at: number }
  | { kind: 'suggest'; from: string; at: number; note: string };

/**
 * What the sharer receives in their DM when the recipient answers. Only the sharer sees it:
 * post it in the app DM with the sharer, never in the channel the brief went to.
 */
export function renderBriefReply(reply: BriefReply, brief: BriefRef, tz = 'UTC'): Message {
  const written = slackDate(brief.at, tz);
  if (reply.kind === 'talk') {
    return {
      text: `<@${reply.from}> would like to talk about your brief in your next 1:1.`,
      blocks: [
        section(
          `*<@${reply.from}> would like to talk about your brief in your next 1:1.*\nThat's the brief you wrote ${written}. Bring it along; nothing else to do until then.`,
        ),
      ],
    };
  }
  return {
    text: `<@${reply.from}> suggested what to try first from your brief.`,
    blocks: [
      section(
        `*<@${reply.from}> suggested what to try first* from the brief you wrote ${written}:`,
      ),
      section(quote(truncate(reply.note, SUGGEST_INPUT.maxLength))),
      context(`Sent ${slackDay(reply.at, tz)}. Only you see this.`),
    ],
  };
}

/** The small form behind "Suggest what to try first". */
export function renderSuggestModal(brief: BriefRef): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.suggestModal,
    private_metadata: encodeBriefRef(brief),
    title: { type: 'plain_text', text: truncate('Suggest a first step', LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(
        `Which experiment or talking point from <@${brief.sharer}>'s brief would you start with? They get your note in a private message from career-path.`,
      ),
      {
        type: 'input',
        block_id: SUGGEST_INPUT.block,
        label: { type: 'plain_text', text: 'A short note' },
        element: {
          type: 'plain_text_input',
          action_id: SUGGEST_INPUT.action,
          multiline: true,
          max_length: SUGGEST_INPUT.maxLength,
          placeholder: {
            type: 'plain_text',
            text: 'e.g. Start with the design doc; I can find you a second team to review it',
          },
        },
      },
    ],
  };
}

/** The answer, shown to the recipient after pressing a button (ephemeral, or in the DM). */
export function renderBriefReplySent(reply: BriefReply['kind'], sharer: string): Message {
  const text =
    reply === 'talk'
      ? `Sent. <@${sharer}> knows you'd like to talk about their brief in your next 1:1.`
      : `Sent. <@${sharer}> has your suggestion, privately.`;
  return { text, blocks: [section(text)] };
}

export interface SharedWithYouItem {
  ref: BriefRef;
  /** When it was shared with the reader. */
  sharedAt: number;
  /** leanLine() of the brief, as the sharer left it. */
  lean: string;
}

/** "Briefs shared with you", for the recipient's Home: newest first, each can be opened again. */
export function renderSharedWithYou(items: readonly SharedWithYouItem[], tz = 'UTC'): KnownBlock[] {
  if (items.length === 0) return [];
  const sorted = [...items].sort((a, b) => b.sharedAt - a.sharedAt).slice(0, 10);
  return [
    header('Briefs shared with you'),
    ...sorted.map(
      (item): KnownBlock => ({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `<@${item.ref.sharer}>, ${slackDay(item.sharedAt, tz)}: ${escapeMrkdwn(item.lean)}`,
        },
        accessory: button('Open', ACTION.homeSharedBrief, encodeBriefRef(item.ref)),
      }),
    ),
    context(`${BRIEF_REPLY.talk}? Open the brief to answer from its buttons.`),
  ];
}
