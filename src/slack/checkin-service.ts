import { ErrorCode } from '@slack/web-api';
import {
  answerCheckin,
  type CheckinPrefs,
  closeOpen,
  dueOf,
  localDate,
  optIn,
  pauseUntil,
  planCheckin,
  RETRY_AFTER_MS,
  resume,
  type Session,
  startOfLocalDate,
  stop,
  trend,
} from '../engine/index.ts';
import { context, header, section } from '../render/blocks.ts';
import { leanLine } from '../render/brief-text.ts';
import {
  renderCheckin,
  renderCheckinSkipped,
  renderCheckinSnoozed,
  renderCheckinsStopped,
  renderNudge,
} from '../render/checkin.ts';
import { renderHome } from '../render/home.ts';
import type { Message } from '../render/message.ts';
import { renderSummaryBody } from '../render/summary.ts';
import { slackDay } from '../render/when.ts';
import type { DeliverContext, DeliverOutcome } from '../scheduler/checkin-scheduler.ts';
import type { ScheduleStore, Surface, UserKey, UserState } from '../store/index.ts';
import type { SlackDeps } from './deps.ts';
import type { ExchangeService, Replace, Tell, UserContext } from './exchange-service.ts';
import { slackErrorCode } from './slack-errors.ts';

const DAY_MS = 86_400_000;
const RETRYABLE = /^(network|internal_error|fatal_error|service_unavailable|http_5\d\d)$/;

export type CheckinChoice = Partial<Pick<CheckinPrefs, 'cadence' | 'weekday' | 'time'>>;

/**
 * Check-ins end to end: settings, the scheduled send and nudge, answers, skip / snooze / stop,
 * the Home tab and "Forget me". State changes go through the exchange's per-user lock, and are
 * saved (with the next due time) before any Slack call, like the exchange itself.
 */
export class CheckinService {
  constructor(
    private readonly deps: SlackDeps,
    readonly schedule: ScheduleStore,
    private readonly exchange: ExchangeService,
  ) {}

  private get copy() {
    return this.deps.engine.content.checkin;
  }

  /** The user's Slack time zone; times are shown and scheduled in it, never in UTC. */
  async timeZone(user: UserContext, fallback?: string): Promise<string> {
    try {
      const info = await user.client.users.info({ user: user.key.userId });
      const tz = (info.user as { tz?: string } | undefined)?.tz;
      if (tz) return tz;
    } catch (error) {
      this.exchange.logFailure('users.info', error);
    }
    return fallback ?? 'UTC';
  }

  async prefs(key: UserKey): Promise<CheckinPrefs | undefined> {
    return (await this.deps.store.get(key))?.checkin;
  }

  /** Turns check-ins on, off, or changes the day, time or cadence. */
  async configure(user: UserContext, choice: CheckinChoice): Promise<CheckinPrefs> {
    const previous = await this.prefs(user.key);
    const tz = await this.timeZone(user, previous?.tz);
    return this.exchange.withUser(user.key, async (state) => {
      const now = this.deps.now();
      const prefs =
        choice.cadence === 'off'
          ? stop(state.checkin ?? optIn(now, tz))
          : optIn(now, tz, choice, state.checkin);
      await this.save(user.key, { ...state, checkin: prefs });
      return prefs;
    });
  }

  async resumeCheckins(user: UserContext): Promise<void> {
    await this.exchange.withUser(user.key, async (state) => {
      if (!state.checkin) return;
      await this.save(user.key, { ...state, checkin: resume(state.checkin, this.deps.now()) });
    });
  }

  /** Saves the state and points the schedule at whatever the user needs next. */
  private async save(key: UserKey, state: UserState): Promise<void> {
    await this.exchange.save(key, state);
    await this.schedule.setDue(key, state.checkin ? dueOf(state.checkin) : null);
  }

  /** The scheduler's hand: send what is due for this user, at most once per slot. */
  async deliverDue(user: UserContext, ctx: DeliverContext): Promise<DeliverOutcome> {
    const peek = planCheckin((await this.deps.store.get(user.key))?.checkin, ctx.now());
    if (!peek || peek.action === 'wait') return this.settle(user.key, ctx.now());
    await ctx.pace();
    return this.exchange.withUser(user.key, async (state) => {
      const now = ctx.now();
      const plan = planCheckin(state.checkin, now);
      if (!plan || plan.action === 'wait') return this.settleLocked(user.key, state, now);
      // Saved before posting: if the process dies mid-post, the slot is not sent again.
      await this.save(user.key, { ...state, checkin: plan.prefs });
      const message =
        plan.action === 'send'
          ? renderCheckin({
              copy: this.copy,
              slot: plan.slot,
              tz: plan.prefs.tz,
              answers: {},
              snoozeDefault: localDate(now + 7 * DAY_MS, plan.prefs.tz),
            })
          : renderNudge(this.copy);
      try {
        const dm = await this.exchange.dmChannel(user, state);
        await user.client.chat.postMessage({ channel: dm, ...message });
        if (dm !== state.dm)
          await this.exchange.save(user.key, { ...state, checkin: plan.prefs, dm });
      } catch (error) {
        const slot = plan.action === 'send' ? plan.slot : null;
        return this.undoFailedPost(user.key, state, plan.prefs, slot, now, error);
      }
      return { type: plan.action === 'send' ? 'sent' : 'nudged' };
    });
  }

  /** Nothing to send: save any change (a pause ending) and set the next due time. */
  private settle(key: UserKey, now: number): Promise<DeliverOutcome> {
    return this.exchange.withUser(key, (state) => this.settleLocked(key, state, now));
  }

  private async settleLocked(key: UserKey, state: UserState, now: number): Promise<DeliverOutcome> {
    const plan = planCheckin(state.checkin, now);
    if (!plan) {
      await this.schedule.setDue(key, null);
      return { type: 'skipped' };
    }
    if (plan.prefs !== state.checkin)
      await this.exchange.save(key, { ...state, checkin: plan.prefs });
    await this.schedule.setDue(key, plan.due);
    return { type: 'skipped' };
  }

  private async undoFailedPost(
    key: UserKey,
    before: UserState,
    sent: CheckinPrefs,
    slot: number | null,
    now: number,
    error: unknown,
  ): Promise<DeliverOutcome> {
    const code = slackErrorCode(error);
    const e = error as { code?: string; retryAfter?: number };
    if (e.code === ErrorCode.RateLimitedError) {
      await this.save(key, before);
      return { type: 'rate-limited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
    }
    // A passing outage: try again shortly, but a check-in a day late is not worth sending.
    // Anything else (the Messages tab is off, say) moves on to the next slot, already saved.
    if (RETRYABLE.test(code) && (slot === null || now - slot < DAY_MS)) {
      await this.exchange.save(key, before);
      await this.schedule.setDue(key, now + RETRY_AFTER_MS);
    } else if (slot !== null) {
      // Nothing was posted, so there is nothing to nudge about.
      await this.save(key, { ...before, checkin: closeOpen(sent, slot) });
    }
    return { type: 'failed', code };
  }

  /** A click on an answer, in the open check-in or an earlier one (changing a past answer). */
  async answer(
    user: UserContext,
    slot: number,
    question: string,
    option: string,
    where: Surface,
    tell: Tell,
    replace?: Replace,
  ): Promise<void> {
    await this.exchange.withUser(user.key, async (state) => {
      const history = state.history ?? [];
      const known =
        state.checkin?.open?.at === slot || history.some((e) => e.src === 'c' && e.at === slot);
      const result = known ? answerCheckin(this.copy, history, slot, question, option) : null;
      if (!result?.ok) {
        await tell(checkinEnded());
        return;
      }
      const checkin = state.checkin && closeOpen(state.checkin, slot);
      await this.save(user.key, {
        ...state,
        history: result.history,
        ...(checkin ? { checkin } : {}),
      });
      const tz = state.checkin?.tz ?? 'UTC';
      await this.exchange.updateOrTell(
        user,
        where,
        renderCheckin({
          copy: this.copy,
          slot,
          tz,
          answers: result.entry.answers ?? {},
          snoozeDefault: localDate(this.deps.now() + 7 * DAY_MS, tz),
        }),
        tell,
        replace,
      );
    });
  }

  async skip(
    user: UserContext,
    slot: number,
    where: Surface,
    tell: Tell,
    replace?: Replace,
  ): Promise<void> {
    await this.exchange.withUser(user.key, async (state) => {
      if (!state.checkin || state.checkin.open?.at !== slot) {
        await tell(checkinEnded());
        return;
      }
      const checkin = closeOpen(state.checkin, slot);
      await this.save(user.key, { ...state, checkin });
      await this.exchange.updateOrTell(
        user,
        where,
        renderCheckinSkipped(checkin, this.deps.now()),
        tell,
        replace,
      );
    });
  }

  /** Snooze until a date (the user's local midnight): no check-in or nudge before it. */
  async snooze(
    user: UserContext,
    date: string,
    where: Surface,
    tell: Tell,
    replace?: Replace,
  ): Promise<void> {
    await this.exchange.withUser(user.key, async (state) => {
      if (!state.checkin || state.checkin.cadence === 'off') {
        await tell(checkinEnded());
        return;
      }
      const now = this.deps.now();
      const until = startOfLocalDate(date, state.checkin.tz);
      if (until === null || until <= now) {
        const text = 'Pick a date after today to snooze until. Nothing changed.';
        await tell({ text, blocks: [section(text)] });
        return;
      }
      const checkin = pauseUntil(state.checkin, until, now);
      await this.save(user.key, { ...state, checkin });
      await this.exchange.updateOrTell(
        user,
        where,
        renderCheckinSnoozed(checkin, now),
        tell,
        replace,
      );
    });
  }

  async stopCheckins(
    user: UserContext,
    where: Surface | null,
    tell: Tell,
    replace?: Replace,
  ): Promise<void> {
    await this.exchange.withUser(user.key, async (state) => {
      if (state.checkin) await this.save(user.key, { ...state, checkin: stop(state.checkin) });
      if (where)
        await this.exchange.updateOrTell(user, where, renderCheckinsStopped(), tell, replace);
    });
  }

  /** "Forget me": the user's state and schedule go, under the lock so nothing re-saves them. */
  async forget(key: UserKey): Promise<void> {
    await this.exchange.withUser(key, async () => {
      await this.schedule.setDue(key, null);
      await this.deps.store.delete(key);
    });
    this.deps.logger.info({ team: key.teamId, user: key.userId }, 'forgot a user at their request');
  }

  /** Every brief that can be opened again: the current one first, then earlier runs. */
  private briefs(state: UserState | undefined): { at: number; index: string; session: Session }[] {
    const list: { at: number; index: string; session: Session }[] = [];
    const current = state?.session;
    if (current?.status === 'complete') {
      list.push({
        at: current.completedAt ?? current.updatedAt,
        index: 'current',
        session: current,
      });
    }
    (state?.summaries ?? []).forEach((s, i) => {
      list.push({ at: s.at, index: `a${i}`, session: archivedSession(s, i) });
    });
    return list.sort((a, b) => b.at - a.at);
  }

  async publishHome(user: UserContext, options: { forgotten?: boolean } = {}): Promise<void> {
    const state = await this.deps.store.get(user.key);
    const session = state?.session ?? null;
    const summary = session?.status === 'complete' ? this.deps.engine.summary(session) : null;
    const history = state?.history ?? [];
    const view = renderHome({
      session,
      summary,
      now: this.deps.now(),
      ...(state?.checkin ? { checkin: state.checkin, tz: state.checkin.tz } : {}),
      checkinCopy: this.copy,
      history,
      trend: trend(this.copy, history),
      briefs: this.briefs(state).map((b) => ({
        at: b.at,
        index: b.index,
        label: leanLine(this.deps.engine.summary(b.session)),
      })),
      ...(options.forgotten ? { forgotten: true } : {}),
    });
    await user.client.views
      .publish({ user_id: user.key.userId, view })
      .catch((e) => this.exchange.logFailure('views.publish', e));
  }

  /** Posts an earlier brief to the DM, read-only: it is a record, not something to edit. */
  async openBrief(user: UserContext, index: string): Promise<boolean> {
    const state = await this.deps.store.get(user.key);
    const brief = this.briefs(state).find((b) => b.index === index);
    if (!brief) return false;
    if (index === 'current') {
      await this.exchange.postCurrent(user, { type: 'show' });
      return true;
    }
    const tz = state?.checkin?.tz ?? 'UTC';
    const summary = this.deps.engine.summary(brief.session);
    const dm = await this.exchange.dmChannel(user, state ?? { session: null });
    const message: Message = {
      text: `Your brief from ${slackDay(brief.at, tz)}`,
      blocks: [
        header('An earlier brief'),
        context(`From ${slackDay(brief.at, tz)}. Kept for reference; only you see it.`),
        ...renderSummaryBody(summary),
      ].slice(0, 50),
    };
    await user.client.chat.postMessage({ channel: dm, ...message });
    return true;
  }
}

function archivedSession(
  s: { at: number; choices: Record<string, string>; texts: Record<string, string> },
  i: number,
): Session {
  return {
    id: `archived-${i}`,
    rev: 0,
    status: 'complete',
    current: 'summary',
    choices: s.choices,
    texts: s.texts,
    editing: false,
    startedAt: s.at,
    updatedAt: s.at,
    completedAt: s.at,
  };
}

function checkinEnded(): Message {
  const text =
    'That check-in is no longer open (it was skipped, or check-ins were reset), so I left everything as it is.';
  return { text, blocks: [section(text)] };
}
