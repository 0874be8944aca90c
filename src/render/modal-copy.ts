import type { ModalView } from '@slack/types';
import { renderShareStatusModal } from './modals.ts';

/** What the share form says when it cannot be submitted as it is. */
export const SHARE_FORM_ERRORS = {
  both: 'Pick a channel or a person, not both.',
  neither: 'Pick where to share: a channel, or a person below.',
  self: 'That is you. Pick the person you want to send it to, or a channel.',
  cannotPost:
    "I can't post in that channel. Type /invite @career-path there first, or pick another place.",
} as const;

/**
 * Said under the share form as soon as a place is picked, before anything is posted: where it
 * will go, or why the bot cannot post there. `mention` is a Slack mention (`<#C…>`, `<@U…>`).
 */
export const SHARE_NOTES = {
  to: (mention: string) => `:outbox_tray: It will go to ${mention}, with what is ticked below.`,
  self: `:warning: ${SHARE_FORM_ERRORS.self}`,
  hidden:
    ":warning: I can't see that channel (a private one I'm not in), so I can't post there. Invite me there first (`/invite @career-path`), or pick another place.",
  archived: (mention: string) =>
    `:warning: ${mention} is archived, so nothing can be posted there. Pick another place.`,
} as const;

/** The text modal's answer to an empty submit. */
export const EMPTY_TEXT_ERROR = 'Write a sentence, or close this and press Skip.';

/** The share modal after Share: posting, posted, or why not. */
export function renderSharing(mention: string): ModalView {
  return renderShareStatusModal('Sharing…', `Posting your brief to ${mention}.`);
}

export function renderShared(mention: string): ModalView {
  return renderShareStatusModal(
    'Shared ✓',
    `Your brief is in ${mention}. Your copy stays in our DM.`,
  );
}

export function renderShareFailed(problem: string): ModalView {
  return renderShareStatusModal("Couldn't share it", problem);
}

/** Submitted after the answers changed: nothing is shared from an out-of-date preview. */
export function renderShareOutOfDate(): ModalView {
  return renderShareStatusModal(
    'Your brief changed',
    'Your answers changed since you opened this, so I did not share it. Close this and press Share… again to see the new preview.',
  );
}
