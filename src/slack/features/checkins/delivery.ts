import { ErrorCode } from '@slack/web-api';
import {
  type CheckinPrefs,
  closeOpen,
  localDate,
  planCheckin,
  RETRY_AFTER_MS,
} from '../../../engine/index.ts';
import {
  renderCheckin,
  renderCheckinReplaced,
  renderNudge,
  renderNudgeDone,
} from '../../../render/index.ts';
import type { DeliverContext, DeliverOutcome } from '../../../scheduler/checkin-scheduler.ts';
import type { UserKey, UserState } from '../../../store/index.ts';
import type { CoreServices } from '../../core/core-services.ts';
import { dmChannel } from '../../core/dm.ts';
import type { UserContext } from '../../core/interaction.ts';
import { slackErrorCode } from '../../core/slack-errors.ts';
import { lastTimeBefore } from './last-time.ts';
import { saveAndSchedule } from './scheduled-save.ts';

const DAY_MS = 86_400_000;
const RETRYABLE = /^(network|internal_error|fatal_error|service_unavailable|http_5\d\d)$/;

type Needs = Pick<CoreServices, 'deps' | 'users' | 'schedule'>;

/**
 * The scheduler's hand: sends what is due for one user (the check-in, or its one nudge), at most
 * once per slot. State is saved with the next due time before the post, so a crash mid-post never
 * sends a slot twice.
 */
export class CheckinDelivery {
  constructor(private readonly s: Needs) {}

  private get wording() {
    return this.s.deps.engine.content.checkin;
  }

  async deliverDue(user: UserContext, ctx: DeliverContext): Promise<DeliverOutcome> {
    const { users } = this.s;
    const peek = planCheckin((await users.peek(user.key))?.checkin, ctx.now());
    if (!peek || peek.action === 'wait') return this.settle(user.key, ctx.now());
    await ctx.pace();
    return users.run(user.key, async (state) => {
      const now = ctx.now();
      const plan = planCheckin(state.checkin, now);
      if (!plan || plan.action === 'wait') return this.settleLocked(user.key, state, now);
      // Saved before posting: if the process dies mid-post, the slot is not sent again.
      await saveAndSchedule(this.s, user.key, { ...state, checkin: plan.prefs });
      const open = state.checkin?.open;
      const message =
        plan.action === 'send'
          ? renderCheckin({
              copy: this.wording,
              slot: plan.slot,
              tz: plan.prefs.tz,
              answers: {},
              snoozeDefault: localDate(now + 7 * DAY_MS, plan.prefs.tz),
              ...lastTimeBefore(state.history ?? [], plan.slot),
            })
          : renderNudge(this.wording, plan.prefs.open?.at ?? open?.at, plan.prefs.tz);
      try {
        const dm = await dmChannel(user, state);
        const posted = await user.client.chat.postMessage({ channel: dm, ...message });
        const shown = this.shownAt(state, plan, dm, posted.ts);
        await users.save(user.key, { ...state, checkin: plan.prefs, dm, ...shown });
        if (plan.action === 'send') await this.collapseReplaced(user, state, plan.prefs.tz);
      } catch (error) {
        const slot = plan.action === 'send' ? plan.slot : null;
        return this.undoFailedPost(user.key, state, plan.prefs, slot, now, error);
      }
      return { type: plan.action === 'send' ? 'sent' : 'nudged' };
    });
  }

  /** Where the newest check-in (or its nudge) now is. */
  private shownAt(
    state: UserState,
    plan: { action: 'send' | 'nudge'; slot?: number },
    dm: string,
    ts: string | undefined,
  ): Pick<UserState, 'checkinSurface'> {
    if (!ts) return state.checkinSurface ? { checkinSurface: state.checkinSurface } : {};
    if (plan.action === 'send' && plan.slot !== undefined)
      return { checkinSurface: { slot: plan.slot, channel: dm, ts } };
    return state.checkinSurface ? { checkinSurface: { ...state.checkinSurface, nudge: ts } } : {};
  }

  /**
   * One open check-in at a time: the one before, if never answered, collapses to a line saying a
   * newer one replaced it; its nudge, if any, says there is nothing left to do.
   */
  private async collapseReplaced(user: UserContext, state: UserState, tz: string): Promise<void> {
    const old = state.checkinSurface;
    if (!old) return;
    const answered = (state.history ?? []).some((e) => e.src === 'c' && e.at === old.slot);
    const calls: Promise<unknown>[] = [];
    if (!answered) {
      calls.push(
        user.client.chat.update({
          channel: old.channel,
          ts: old.ts,
          ...renderCheckinReplaced(old.slot, tz),
        }),
      );
    }
    if (old.nudge) {
      calls.push(
        user.client.chat.update({ channel: old.channel, ts: old.nudge, ...renderNudgeDone() }),
      );
    }
    // The new check-in is out and saved; an old message that cannot be edited is only untidy.
    await Promise.allSettled(calls);
  }

  /** Nothing to send: save any change (a pause ending) and set the next due time. */
  private settle(key: UserKey, now: number): Promise<DeliverOutcome> {
    return this.s.users.run(key, (state) => this.settleLocked(key, state, now));
  }

  private async settleLocked(key: UserKey, state: UserState, now: number): Promise<DeliverOutcome> {
    const plan = planCheckin(state.checkin, now);
    if (!plan) {
      await this.s.schedule.setDue(key, null);
      return { type: 'skipped' };
    }
    if (plan.prefs !== state.checkin)
      await this.s.users.save(key, { ...state, checkin: plan.prefs });
    await this.s.schedule.setDue(key, plan.due);
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
      await saveAndSchedule(this.s, key, before);
      return { type: 'rate-limited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
    }
    // A passing outage: try again shortly, but a check-in a day late is not worth sending.
    // Anything else (the Messages tab is off, say) moves on to the next slot, already saved.
    if (RETRYABLE.test(code) && (slot === null || now - slot < DAY_MS)) {
      await this.s.users.save(key, before);
      await this.s.schedule.setDue(key, now + RETRY_AFTER_MS);
    } else if (slot !== null) {
      // Nothing was posted, so there is nothing to nudge about.
      await saveAndSchedule(this.s, key, { ...before, checkin: closeOpen(sent, slot) });
    }
    return { type: 'failed', code };
  }
}
