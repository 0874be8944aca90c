import type { HomeView, KnownBlock, PlainTextOption } from '@slack/types';
import {
  type BriefId,
  CADENCES,
  type CheckinCopy,
  type CheckinPrefs,
  type HistoryEntry,
  type Session,
  type SummaryModel,
  type TrendPoint,
} from '../engine/index.ts';
import { ACTION } from './action-ids.ts';
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
import { renderSharedWithYou, type SharedWithYouItem } from './brief-reply.ts';
import { leanLine } from './brief-text.ts';
import {
  CADENCE_WORDS,
  recentCheckins,
  renderTrend,
  scheduleLine,
  WEEKDAY_NAMES,
} from './checkin.ts';
import { COMMAND } from './command.ts';
import { slackDay } from './when.ts';

/** Bounds that keep the Home tab far under Slack's 100-block cap, whatever the history holds. */
export const HOME_MAX_BRIEFS = 4;
export const HOME_MAX_RECENT = 5;

export interface HomeModel {
  session: Session | null;
  summary: SummaryModel | null;
  now?: number;
  /** The user's zone (from users.info) for the fallback text of dates. */
  tz?: string;
  checkin?: CheckinPrefs;
  checkinCopy?: CheckinCopy;
  history?: readonly HistoryEntry[];
  trend?: readonly TrendPoint[] | null;
  /** Briefs that can be opened again, newest first: the Open button carries `id`. */
  briefs?: readonly { at: number; id: BriefId; label: string }[];
  /** Briefs other people shared with this user. */
  sharedWithYou?: readonly SharedWithYouItem[];
  /** True right after "Forget me": say what was deleted. */
  forgotten?: boolean;
}

const cadenceOption = (c: (typeof CADENCES)[number]) =>
  option(c === 'off' ? 'Off' : `${c[0]?.toUpperCase()}${c.slice(1)} (${CADENCE_WORDS[c]})`, c);

export function renderHome(model: HomeModel): HomeView {
  const { session, summary } = model;
  const now = model.now ?? Date.now();
  const tz = model.tz ?? model.checkin?.tz ?? 'UTC';
  const blocks: KnownBlock[] = [header('Staff Engineer or Engineering Manager?')];
  if (model.forgotten) {
    blocks.push(
      section(
        ':wastebasket: *Done: I deleted everything I kept about you.* Your answers, briefs, check-in schedule and history are gone. Messages already in our DM stay in Slack, where you can delete them.',
        'forgotten',
      ),
    );
  }
  blocks.push(
    section(
      'A short, private exchange that ends in a brief for your next 1:1 with your manager. Nothing is shared unless you choose to share it.',
    ),
    divider(),
  );
  if (summary && session?.status === 'complete') {
    const when = session.completedAt ? ` (last brief ${slackDay(session.completedAt, tz)})` : '';
    blocks.push(section(`*Where you stand:* ${leanLine(summary)}${when}`, 'stand'));
    blocks.push(
      actions('home', [
        button('Open my brief', ACTION.resume, 'home', { style: 'primary' }),
        button('Start over', ACTION.homeRestart, 'home'),
      ]),
    );
  } else if (session) {
    blocks.push(
      section(
        session.status === 'paused'
          ? '*Paused.* Your answers are saved.'
          : '*In progress.* Your answers are saved.',
        'stand',
      ),
    );
    blocks.push(actions('home', [button('Resume', ACTION.resume, 'home', { style: 'primary' })]));
  } else {
    blocks.push(actions('home', [button('Start', ACTION.resume, 'home', { style: 'primary' })]));
  }
  if (model.trend && model.trend.length > 0) {
    blocks.push(section(`*How my thinking moved:* ${renderTrend(model.trend, tz)}`, 'trend'));
  }
  if (model.checkinCopy && model.history) {
    const recent = recentCheckins(model.checkinCopy, model.history, tz, HOME_MAX_RECENT);
    if (recent.length > 0) {
      blocks.push(section(`*Recent check-ins*\n${recent.join('\n')}`, 'recent'));
    }
  }
  const briefs = (model.briefs ?? []).slice(0, HOME_MAX_BRIEFS);
  if (briefs.length > 0) {
    blocks.push(divider(), section('*Your briefs*', 'briefs'));
    for (const b of briefs) {
      blocks.push({
        type: 'section',
        block_id: `brief-${b.id}`,
        text: { type: 'mrkdwn', text: `${slackDay(b.at, tz)}: ${b.label}` },
        accessory: button('Open', ACTION.homeOpenBrief, b.id),
      });
    }
  }
  const shared = renderSharedWithYou(model.sharedWithYou ?? [], tz);
  if (shared.length > 0) blocks.push(divider(), ...shared);
  blocks.push(divider(), ...checkinSettings(model.checkin, now));
  blocks.push(
    divider(),
    actions('forget', [
      button('Forget me', ACTION.homeForget, 'forget', {
        style: 'danger',
        confirm: confirmDialog(
          'Forget everything?',
          'This deletes your answers, briefs, check-in schedule and history. It cannot be undone.',
          'Delete it all',
          'Keep it',
          'danger',
        ),
      }),
    ]),
    context(`Type \`${COMMAND} help\` anywhere for the commands.`),
  );
  return { type: 'home', blocks: blocks.slice(0, LIMITS.viewBlocks) };
}

function checkinSettings(prefs: CheckinPrefs | undefined, now: number): KnownBlock[] {
  const on = prefs !== undefined && prefs.cadence !== 'off';
  const blocks: KnownBlock[] = [
    section(
      on
        ? `*Check-ins*\n${scheduleLine(prefs, now)}`
        : '*Check-ins* are off. Pick how often and I will check in with a few one-click questions, at your local time.',
      'checkins',
    ),
  ];
  const cadenceOptions = CADENCES.map(cadenceOption);
  const weekdayOptions: PlainTextOption[] = WEEKDAY_NAMES.map((d, i) => option(d, String(i)));
  const current = cadenceOptions.find((o) => o.value === (prefs?.cadence ?? 'off'));
  const elements: Parameters<typeof actions>[1] = [
    {
      type: 'static_select',
      action_id: ACTION.homeCadence,
      placeholder: { type: 'plain_text', text: 'How often' },
      options: cadenceOptions,
      ...(current ? { initial_option: current } : {}),
    },
  ];
  if (on) {
    const day = weekdayOptions[prefs.weekday];
    elements.push(
      {
        type: 'static_select',
        action_id: ACTION.homeWeekday,
        placeholder: { type: 'plain_text', text: 'Day' },
        options: weekdayOptions,
        ...(day ? { initial_option: day } : {}),
      },
      {
        type: 'timepicker',
        action_id: ACTION.homeTime,
        initial_time: prefs.time,
        placeholder: { type: 'plain_text', text: 'Time' },
      },
    );
    if (prefs.pausedUntil !== undefined && prefs.pausedUntil > now) {
      elements.push(button('Resume check-ins', ACTION.homeResumeCheckins, 'resume'));
    }
  }
  blocks.push(actions(settingsBlockId(prefs, on, now), elements));
  return blocks;
}

/**
 * Slack keeps what a menu showed when a view is published again with the same block_id and
 * action_id, whatever the new initial_option says ("Preserving input entry",
 * https://docs.slack.dev/reference/methods/views.update/). So the block id carries the values it
 * shows: when a setting changes from elsewhere (a command, Forget me, a snooze), the menus start
 * over from the real value instead of the user's earlier pick.
 */
function settingsBlockId(prefs: CheckinPrefs | undefined, on: boolean, now: number): string {
  if (!on || !prefs) return 'checkin-settings.off';
  const paused = prefs.pausedUntil !== undefined && prefs.pausedUntil > now ? '.paused' : '';
  return `checkin-settings.${prefs.cadence}.${prefs.weekday}.${prefs.time}${paused}`;
}
