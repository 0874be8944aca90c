import type { KnownBlock, ModalView } from '@slack/types';
import { ACTION, type BriefRef, CALLBACK, encodeBriefRef } from './action-ids.ts';
import { button, context, header, LIMITS, section } from './blocks.ts';
import { BRIEF_REPLY } from './brief-text.ts';
import type { Message } from './message.ts';
import { escapeMrkdwn, quote, truncate } from './text.ts';
import { slackDate, slackDay } from './when.ts';

/** The recipient's note in "Suggest what to try first": kept short, like the user's own. */
export const SUGGEST_INPUT = { block: 'suggest', action: 'suggest.input', maxLength: 500 } as const;
export const SUGGEST_EMPTY = 'Write a few words first: what would you start with?';

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
  /** The sharer deleted it (Forget me, or a new brief replaced it): listed, but not openable. */
  gone?: boolean;
}

/** "Briefs shared with you", for the recipient's Home: newest first, each can be opened again. */
export function renderSharedWithYou(items: readonly SharedWithYouItem[], tz = 'UTC'): KnownBlock[] {
  if (items.length === 0) return [];
  const sorted = [...items].sort((a, b) => b.sharedAt - a.sharedAt).slice(0, 10);
  return [
    header('Briefs shared with you'),
    ...sorted.map((item): KnownBlock => {
      const from = `<@${item.ref.sharer}>, ${slackDay(item.sharedAt, tz)}`;
      if (item.gone) return section(`${from}: _no longer available_`);
      return {
        type: 'section',
        text: { type: 'mrkdwn', text: `${from}: ${escapeMrkdwn(item.lean)}` },
        accessory: button('Open', ACTION.homeSharedBrief, encodeBriefRef(item.ref)),
      };
    }),
    context(`${BRIEF_REPLY.talk}? Open the brief to answer from its buttons.`),
  ];
}

/**
 * A reply button, a suggestion or Home's Open on a brief that cannot be reached any more: the
 * sharer deleted it, a newer brief replaced it, or the button was not one of ours.
 */
export function renderBriefUnavailable(): Message {
  const text =
    'That brief is no longer available: whoever shared it may have deleted it or written a new one. Nothing was sent.';
  return { text, blocks: [section(text)] };
}

function suggestOutcomeModal(body: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate('Suggest a first step', LIMITS.modalTitle) },
    close: { type: 'plain_text', text: 'Done' },
    blocks: [section(body)],
  };
}

/** The suggestion modal, once the note is on its way. */
export function renderSuggestSentModal(sharer: string): ModalView {
  return suggestOutcomeModal(`*Sent*\n${renderBriefReplySent('suggest', sharer).text}`);
}

/** The suggestion modal, when its brief can no longer be answered: nothing was sent. */
export function renderSuggestUnavailableModal(): ModalView {
  return suggestOutcomeModal(renderBriefUnavailable().text);
}

/**
 * A message in the app DM from someone who has briefs shared with them and no exchange of their
 * own under way: how to answer a brief, rather than the intro.
 */
export function renderAboutSharedBriefs(sharers: readonly string[]): Message {
  const who = [...new Set(sharers)].slice(0, 3).map((u) => `<@${u}>`);
  const from = who.length > 0 ? ` from ${who.join(', ')}` : '';
  const text = `To answer a brief${from}, use the buttons under it: *${BRIEF_REPLY.talk}*, or *${BRIEF_REPLY.suggest}* with a short note. Only the person who shared it sees your answer. The Home tab lists every brief shared with you, so you can open one again.`;
  return {
    text,
    blocks: [
      section(text),
      context(
        `Thinking about your own career path? Type \`start\` for a short exchange of your own.`,
      ),
    ],
  };
}
