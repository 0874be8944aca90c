import type { CurrentView } from '../engine/index.ts';
import { ACTION, encodeRef } from './action-ids.ts';
import { actions, button, context, section } from './blocks.ts';
import type { Message } from './message.ts';

const COMMAND = '/career-path';

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

export function renderChannelPointer(dmChannel: string): Message {
  return {
    text: `I've sent you a DM to keep this private: <#${dmChannel}>`,
    blocks: [
      section(
        `I've started this in <#${dmChannel}> so your answers stay private. Nothing is posted here.`,
      ),
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
          'That button is from a conversation that has ended, so I left everything as it is. Type `/career-path` to begin a new one.',
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
        'Paused. Your answers are saved. Type `/career-path` (or `start` here) whenever you want to pick up where you left off.',
      ),
    ],
  };
}

export function renderNoSummaryYet(): Message {
  return {
    text: 'No brief yet.',
    blocks: [
      section(
        "There's no brief yet: it appears once you've answered the questions. Type `/career-path` to begin or carry on.",
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

export function renderProblem(message: string): Message {
  return { text: message, blocks: [section(`:warning: ${message}`)] };
}

/** The state store (Redis) is unreachable: nothing was saved just now, nothing earlier is lost. */
export function renderStoreUnavailable(): Message {
  const text =
    "Sorry, I can't save right now: my storage is briefly out of reach, so I didn't record that. Your earlier answers are safe. Please try again in a minute.";
  return { text, blocks: [section(`:hourglass: ${text}`)] };
}
