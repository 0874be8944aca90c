import { section } from './blocks.ts';
import { COMMAND } from './command.ts';
import type { Message } from './message.ts';

const STORE_UNAVAILABLE =
  "Sorry, I can't save right now: my storage is briefly out of reach, so I didn't record that. Your earlier answers are safe. Please try again in a minute.";

/**
 * What to tell the user when a Slack call fails, in words that say what to do next. `where` is a
 * channel mention or a person, already formatted for mrkdwn.
 */
export function explainSlackError(code: string, where = 'there'): string {
  switch (code) {
    case 'not_in_channel':
      return `I'm not a member of ${where}, so I couldn't post. Type \`/invite @career-path\` in ${where}, then try again. Your brief is unchanged.`;
    case 'channel_not_found':
      return `I can't see ${where}: it may be private and I'm not in it. Invite me with \`/invite @career-path\`, or pick another place. Your brief is unchanged.`;
    case 'is_archived':
      return `${where} is archived, so nothing can be posted there. Pick another channel or a person. Your brief is unchanged.`;
    case 'restricted_action':
    case 'restricted_action_read_only_channel':
      return `This workspace doesn't let me post in ${where}. Pick another place, or send it to a person instead.`;
    case 'msg_too_long':
    case 'invalid_blocks':
      return 'That message came out too long for Slack. Try leaving a section out, or use Copy as text.';
    case 'messages_tab_disabled':
      return "I can't message you: the Messages tab is turned off for this app. Ask a workspace admin to enable it (App Home → Messages Tab).";
    case 'user_not_found':
    case 'account_inactive':
      return "That person's account is inactive, so I can't send it to them. Pick someone else.";
    case 'token_revoked':
    case 'invalid_auth':
    case 'not_authed':
      return 'career-path has been disconnected from this workspace. Ask an admin to reinstall it.';
    case 'store_unavailable':
      return STORE_UNAVAILABLE;
    case 'ratelimited':
      return 'Slack asked me to slow down. Give it a few seconds and try again; nothing was lost.';
    default:
      return "Slack didn't accept that just now. Try again in a moment; nothing was lost.";
  }
}

/** A failed Slack call, told to the one user it concerns. */
export function renderProblem(message: string): Message {
  return { text: message, blocks: [section(`:warning: ${message}`)] };
}

/** The state store (Redis) is unreachable: nothing was saved just now, nothing earlier is lost. */
export function renderStoreUnavailable(): Message {
  return { text: STORE_UNAVAILABLE, blocks: [section(`:hourglass: ${STORE_UNAVAILABLE}`)] };
}

/** Something failed that is neither Slack nor the store: say so, and that the answer is kept. */
export function renderUnexpectedProblem(): Message {
  return renderProblem(
    `Something went wrong on my side. Your answers so far are saved; type \`${COMMAND}\` to carry on.`,
  );
}

/** Slack asked the bot to wait before its next call for this user: the answer is coming. */
export function renderSlackBusy(waitSec: number): Message {
  const text = `Slack is busy, so this will take a moment (about ${Math.ceil(waitSec)} seconds). Nothing was lost; no need to click again.`;
  return { text, blocks: [section(`:hourglass: ${text}`)] };
}
