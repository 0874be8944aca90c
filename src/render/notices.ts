import type { CurrentView, StepView } from '../engine/index.ts';
import { ACTION, encodeRef } from './action-ids.ts';
import { actions, button, context, section } from './blocks.ts';
import { COMMAND } from './command.ts';
import type { Message } from './message.ts';
import { escapeMrkdwn, truncate } from './text.ts';

export function renderHelp(intro: string): Message {
  const text = [
    intro,
    '',
    `*In the DM with me* you can type \`start\`, \`summary\`, \`reset\` or \`help\`.`,
    `*Anywhere*, use \`${COMMAND}\` with:`,
    '• `start` (or nothing): begin, or pick up where you left off',
    '• `summary`: show your brief for the 1:1',
    '• `share`: share your brief in a channel or with a person, after a preview',
    '• `reset`: clear your answers and begin again',
    '• `checkin`: see your check-ins; `checkin weekly`, `biweekly`, `monthly` or `off` to change them',
    '• `help`: this message',
  ].join('\n');
  return { text: `How ${COMMAND} works`, blocks: [section(text)] };
}

/** A DM answer over the step's limit: nothing saved, nothing cut; asked for a shorter one. */
export function renderTooLong(length: number, max: number): Message {
  const text = `That's ${length} characters, and I keep up to ${max} for this answer, so I haven't saved it. Could you send a shorter version? Your message is still above to copy from, and nothing was cut.`;
  return {
    text: 'A bit too long to keep: could you shorten it?',
    blocks: [section(text, 'too-long')],
  };
}

/** Posted above step 1 the first time someone starts: what this is, how long, and that it is private. */
export function renderIntro(intro: string): Message {
  return { text: intro, blocks: [section(`:wave: ${escapeMrkdwn(intro)}`, 'intro')] };
}

/** The app, as Slack's links name it: the workspace and the app id (`A…`). */
export interface AppLink {
  teamId: string;
  appId: string;
}

/**
 * A link that opens the user's DM with the app. `<#D…>` is a channel mention, which Slack does not
 * render for a DM; Slack's app_redirect URL opens the app's Messages tab on web, desktop and mobile
 * alike ("Opening a direct message with your app", https://api.slack.com/docs/deep-linking: its `app` and
 * `team` parameters), where
 * `slack://app?team=…&id=…&tab=messages` works only where a Slack client is installed.
 */
export function appDmUrl({ teamId, appId }: AppLink): string {
  return `https://slack.com/app_redirect?app=${encodeURIComponent(appId)}&team=${encodeURIComponent(teamId)}`;
}

export function renderChannelPointer(app: AppLink): Message {
  const link = `<${appDmUrl(app)}|our DM>`;
  return {
    text: `I've sent you a DM to keep this private: ${appDmUrl(app)}`,
    blocks: [
      section(`I've started this in ${link} so your answers stay private. Nothing is posted here.`),
    ],
  };
}

function currentRef(view: CurrentView): string {
  const step = view.kind === 'step' ? view.step.id : 'summary';
  return encodeRef({ session: view.sessionId, step, rev: view.rev });
}

export function renderStale(view: CurrentView | null): Message {
  if (!view) {
    return {
      text: 'That button is from a conversation that has ended.',
      blocks: [
        section(
          `That button is from a conversation that has ended, so I left everything as it is. Type \`${COMMAND}\` to begin a new one.`,
        ),
      ],
    };
  }
  return {
    text: 'That button is out of date.',
    blocks: [
      section('That button is from an earlier step, so I left your answers exactly as they were.'),
      actions('stale', [
        button('Take me to where I am', ACTION.resume, currentRef(view), { style: 'primary' }),
      ]),
    ],
  };
}

export function renderPaused(): Message {
  return {
    text: 'Paused. Your answers are saved.',
    blocks: [
      section(
        `Paused. Your answers are saved. Type \`${COMMAND}\` (or \`start\` here) whenever you want to pick up where you left off.`,
      ),
    ],
  };
}

export function renderNoSummaryYet(): Message {
  return {
    text: 'No brief yet.',
    blocks: [
      section(
        `There's no brief yet: it appears once you've answered the questions. Type \`${COMMAND}\` to begin or carry on.`,
      ),
    ],
  };
}

export function renderReset(): Message {
  return {
    text: 'Cleared. Starting again.',
    blocks: [context('Cleared your answers. Starting again from the top.')],
  };
}

/**
 * `reset` typed in the DM asks first, like the brief's Start over: a typo or a stray word must not
 * wipe a run. Start over carries the current ref, so a later answer makes it out of date.
 */
export function renderResetConfirm(view: CurrentView): Message {
  return {
    text: 'Start over? Your answers would be cleared.',
    blocks: [
      section(
        '*Start over?* Your answers will be cleared and you will begin again from the first step. Your earlier briefs stay on the Home tab.',
      ),
      actions('reset-confirm', [
        button('Start over', ACTION.restart, currentRef(view), { style: 'danger' }),
        button('Keep my answers', ACTION.resume, currentRef(view)),
      ]),
    ],
  };
}

/** The paused notice with the button that picks the exchange up again. */
export function renderPausedWithResume(view: StepView): Message {
  const message = renderPaused();
  const ref = encodeRef({ session: view.sessionId, step: view.step.id, rev: view.rev });
  return {
    ...message,
    blocks: [
      ...message.blocks,
      actions('paused', [button('Resume', ACTION.resume, ref, { style: 'primary' })]),
    ],
  };
}

/** The ack to a command typed in a channel: the exchange went to the DM, and nothing is posted here. */
export function renderStartedInDm(botUserId?: string): Message {
  const text = `I've sent you a DM${botUserId ? ` from <@${botUserId}>` : ''} so your answers stay private. Nothing is posted here.`;
  return { text, blocks: [section(text)] };
}

/** `/career-path <something unknown>`: help, never an error. */
export function renderUnknownCommand(typed: string): Message {
  return renderHelp(
    `I don't know \`${escapeMrkdwn(truncate(typed, 40))}\`, but here's what I can do.`,
  );
}

/** A DM that is not an answer: on a choice step, point at the buttons; otherwise, say hello. */
export function renderNotAnAnswer(onAStep: boolean): Message {
  const text = onAStep
    ? 'I only read typed answers on the free-text steps. For this one, pick an option above, or type `help`.'
    : 'Hi! I help you think through Staff Engineer versus Engineering Manager, privately. Type `start` to begin, or `help` to see what I can do.';
  return { text, blocks: [section(text)] };
}
