import type { KnownBlock } from '@slack/types';
import {
  type Cadence,
  type CheckinCopy,
  type CheckinPrefs,
  type HistoryEntry,
  isPaused,
  type TrendPoint,
} from '../engine/index.ts';
import { ACTION } from './action-ids.ts';
import { actions, button, confirmDialog, context, section } from './blocks.ts';
import { checkinAnswerActionId, encodeCheckin } from './checkin-ids.ts';
import { COMMAND } from './command.ts';
import type { Message } from './message.ts';
import { slackDateTime, slackDay } from './when.ts';

export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

export const CADENCE_WORDS: Record<Cadence, string> = {
  weekly: 'every week',
  biweekly: 'every other week',
  monthly: 'every four weeks',
  off: 'off',
};

/** "Oct 12: leaning EM → Nov 23: could do either", dates in the user's zone. */
export function renderTrend(points: readonly TrendPoint[], tz: string): string {
  return points
    .map((p) => `${slackDay(p.at, tz)}: ${p.still ? `still ${p.label}` : p.label}`)
    .join(' → ');
}

export function scheduleLine(prefs: CheckinPrefs, now: number): string {
  if (prefs.cadence === 'off') return 'Check-ins are *off*.';
  const when = `${CADENCE_WORDS[prefs.cadence]} on ${WEEKDAY_NAMES[prefs.weekday]}s at ${prefs.time} (${prefs.tz})`;
  const lines = [`Check-ins: *${when}*.`];
  if (isPaused(prefs, now) && prefs.pausedUntil !== undefined) {
    lines.push(`:double_vertical_bar: *Paused until ${slackDay(prefs.pausedUntil, prefs.tz)}.*`);
  }
  if (prefs.next !== null) lines.push(`Next check-in: ${slackDateTime(prefs.next, prefs.tz)}.`);
  return lines.join('\n');
}

export interface CheckinMessageModel {
  copy: CheckinCopy;
  slot: number;
  tz: string;
  /** Answers so far (question id → option id). */
  answers: Record<string, string>;
  /** The datepicker's starting value: a week on, YYYY-MM-DD in the user's zone. */
  snoozeDefault: string;
}

/** The check-in: one row of buttons per question, then Skip / Snooze until… / Stop. */
export function renderCheckin(model: CheckinMessageModel): Message {
  const { copy, slot, answers } = model;
  const blocks: KnownBlock[] = [section(`*${copy.intro}*`, 'checkin-intro')];
  copy.questions.forEach((q, i) => {
    blocks.push(section(q.prompt, `q-${i}-prompt`));
    blocks.push(
      actions(
        `q-${i}`,
        q.options.map((o, j) =>
          button(
            o.label,
            checkinAnswerActionId(j),
            encodeCheckin({ slot, question: q.id, option: o.id }),
            answers[q.id] === o.id ? { style: 'primary' } : {},
          ),
        ),
      ),
    );
  });
  const complete = copy.questions.every((q) => answers[q.id] !== undefined);
  const anyAnswered = Object.keys(answers).length > 0;
  if (complete) blocks.push(context(`:white_check_mark: ${copy.thanks}`));
  const value = encodeCheckin({ slot });
  blocks.push(
    actions('checkin-controls', [
      ...(anyAnswered ? [] : [button('Skip this one', ACTION.checkinSkip, value)]),
      {
        type: 'datepicker',
        action_id: ACTION.checkinSnooze,
        initial_date: model.snoozeDefault,
        placeholder: { type: 'plain_text', text: 'Snooze until…' },
      },
      button('Stop check-ins', ACTION.checkinStop, value, {
        confirm: confirmDialog(
          'Stop check-ins?',
          'No more check-ins. Your history and brief stay; turn check-ins back on any time from the Home tab.',
          'Stop',
          'Keep them',
        ),
      }),
    ]),
  );
  blocks.push(context(`Check-in for ${slackDay(slot, model.tz)}. Only you see this.`));
  return { text: complete ? 'Check-in saved' : 'Time for a quick check-in', blocks };
}

export function renderNudge(copy: CheckinCopy): Message {
  return { text: 'A gentle nudge about your check-in', blocks: [section(copy.nudge)] };
}

function withSchedule(text: string, prefs: CheckinPrefs, now: number): Message {
  return { text, blocks: [section(text), context(scheduleLine(prefs, now))] };
}

export function renderCheckinSkipped(prefs: CheckinPrefs, now: number): Message {
  return withSchedule('Skipped this one. Nothing was recorded.', prefs, now);
}

export function renderCheckinSnoozed(prefs: CheckinPrefs, now: number): Message {
  const until = prefs.pausedUntil ?? now;
  return withSchedule(`Snoozed. No check-ins until ${slackDay(until, prefs.tz)}.`, prefs, now);
}

export function renderCheckinsStopped(): Message {
  const text = `Check-ins stopped. Your history and brief stay. Turn them back on with \`${COMMAND} checkin biweekly\`, or from my Home tab.`;
  return { text, blocks: [section(text)] };
}

/** The answer to `/career-path checkin` (no argument) and to the summary's button. */
export function renderCheckinStatus(prefs: CheckinPrefs | undefined, now: number): Message {
  if (!prefs || prefs.cadence === 'off') {
    const text = `Check-ins are off. I can check in with you on your schedule, with a few one-click questions, and show how your thinking moves. Turn them on with \`${COMMAND} checkin weekly\`, \`biweekly\` or \`monthly\` (every four weeks), or from my Home tab.`;
    return { text: 'Check-ins are off.', blocks: [section(text)] };
  }
  const text = scheduleLine(prefs, now);
  return {
    text: text.replace(/\*/g, ''),
    blocks: [
      section(text),
      context(
        `Change the day, time or cadence in my Home tab, or with \`${COMMAND} checkin weekly|biweekly|monthly|off\`.`,
      ),
    ],
  };
}

export function renderCheckinsOn(prefs: CheckinPrefs, now: number): Message {
  const text = `Done. ${scheduleLine(prefs, now)}`;
  return {
    text: text.replace(/\*/g, ''),
    blocks: [
      section(text),
      context('Times are in your Slack time zone. Change them any time in my Home tab.'),
    ],
  };
}

/** One line per answered check-in, newest first, for the Home tab. */
export function recentCheckins(
  copy: CheckinCopy,
  history: readonly HistoryEntry[],
  tz: string,
  max: number,
): string[] {
  return history
    .filter((e) => e.src === 'c')
    .slice(-max)
    .reverse()
    .map((e) => {
      const parts = copy.questions
        .map((q) => {
          const label = q.options.find((o) => o.id === e.answers?.[q.id])?.label;
          return label ? `${q.title}: ${label}` : null;
        })
        .filter((p): p is string => p !== null);
      return `• ${slackDay(e.at, tz)}: ${copy.trend[e.lean]}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}`;
    });
}

/** A click on a check-in that is no longer open: nothing changes. */
export function renderCheckinEnded(): Message {
  const text =
    'That check-in is no longer open (it was skipped, or check-ins were reset), so I left everything as it is.';
  return { text, blocks: [section(text)] };
}

export function renderSnoozeDateInvalid(): Message {
  const text = 'Pick a date after today to snooze until. Nothing changed.';
  return { text, blocks: [section(text)] };
}
