import type { KnownBlock } from '@slack/types';
import {
  type Cadence,
  type CheckinCopy,
  type CheckinPrefs,
  type HistoryEntry,
  isPaused,
  type LeanId,
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
  /** Where the user stood before this check-in (their last summary or check-in), if anywhere. */
  lastTime?: { at: number; lean: LeanId };
}

/** The check-in: where they stood last time, one row of buttons per question, then Skip / Snooze / Stop. */
export function renderCheckin(model: CheckinMessageModel): Message {
  const { copy, slot, answers } = model;
  const blocks: KnownBlock[] = [section(`*${copy.intro}*`, 'checkin-intro')];
  if (model.lastTime) {
    blocks.push(
      context(
        `Last time (${slackDay(model.lastTime.at, model.tz)}): *${copy.trend[model.lastTime.lean]}*.`,
      ),
    );
  }
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
  const answered = copy.questions.filter((q) => answers[q.id] !== undefined).length;
  if (complete) blocks.push(context(`:white_check_mark: ${copy.thanks}`));
  else if (answered > 0) {
    const left = copy.questions.length - answered;
    blocks.push(
      context(
        `:white_check_mark: Saved. ${left} more ${left === 1 ? 'question' : 'questions'} above, all optional.`,
      ),
    );
  }
  const value = encodeCheckin({ slot });
  // Labelled in its own line: once a date is set, a datepicker shows only the date.
  blocks.push({
    type: 'section',
    block_id: 'checkin-snooze',
    text: { type: 'mrkdwn', text: '*Snooze until…* No check-ins before the date you pick.' },
    accessory: {
      type: 'datepicker',
      action_id: ACTION.checkinSnooze,
      initial_date: model.snoozeDefault,
      placeholder: { type: 'plain_text', text: 'Snooze until…' },
    },
  });
  blocks.push(
    actions('checkin-controls', [
      ...(answered > 0 ? [] : [button('Skip this one', ACTION.checkinSkip, value)]),
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

/** An unanswered check-in once a newer one is posted below it: one open check-in at a time. */
export function renderCheckinReplaced(slot: number, tz: string): Message {
  const text = `Check-in for ${slackDay(slot, tz)}: a newer check-in replaced this one (below).`;
  return { text, blocks: [context(`✓ ${text}`)] };
}

/** The nudge once its check-in is answered, skipped, snoozed or replaced: nothing left to do. */
export function renderNudgeDone(): Message {
  const text = 'That check-in is taken care of. Nothing to do here.';
  return { text, blocks: [context(`✓ ${text}`)] };
}

/** The one reminder: it names the check-in by its date and points at no button. */
export function renderNudge(copy: CheckinCopy, slot?: number, tz = 'UTC'): Message {
  return {
    text: 'A gentle nudge about your check-in',
    blocks: [
      section(copy.nudge),
      ...(slot !== undefined ? [context(`About the check-in for ${slackDay(slot, tz)}.`)] : []),
    ],
  };
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

/** A click on a check-in that is no longer open: nothing changes, and why. */
export function renderCheckinEnded(replaced = false): Message {
  const text = replaced
    ? 'A newer check-in replaced this one, so I left everything as it is. The newest one is further down.'
    : 'That check-in is no longer open (it was skipped, or check-ins were reset), so I left everything as it is.';
  return { text, blocks: [section(text)] };
}

export function renderSnoozeDateInvalid(): Message {
  const text = 'Pick a date after today to snooze until. Nothing changed.';
  return { text, blocks: [section(text)] };
}
