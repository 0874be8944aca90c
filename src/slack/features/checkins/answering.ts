import {
  answerCheckin,
  closeOpen,
  localDate,
  pauseUntil,
  startOfLocalDate,
} from '../../../engine/index.ts';
import {
  renderCheckin,
  renderCheckinEnded,
  renderCheckinSkipped,
  renderCheckinSnoozed,
  renderNudgeDone,
  renderSnoozeDateInvalid,
} from '../../../render/index.ts';
import type { UserState } from '../../../store/index.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { UserContext } from '../../core/interaction.ts';
import { type ReplyRoute, showInPlace } from '../../core/reply-route.ts';
import { lastTimeBefore } from './last-time.ts';
import { saveAndSchedule } from './scheduled-save.ts';

/** True when a newer check-in than `slot` has been posted: the click is on a replaced one. */
const replacedBy = (state: UserState, slot: number) =>
  (state.checkinSurface?.slot ?? Number.NEGATIVE_INFINITY) > slot;

const DAY_MS = 86_400_000;

/** One answer on a check-in: which check-in (its slot), which question, which option. */
export interface CheckinAnswer {
  slot: number;
  question: string;
  option: string;
}

type Needs = Pick<CoreServices, 'deps' | 'users' | 'schedule'>;

/** Clicks on a check-in message: answer (or change a past answer), skip, snooze. */
export class CheckinAnswers {
  constructor(private readonly s: Needs) {}

  private get wording() {
    return this.s.deps.engine.content.checkin;
  }

  /** A click on an answer, in the open check-in or an earlier one (changing a past answer). */
  async answer(user: UserContext, picked: CheckinAnswer, route: ReplyRoute): Promise<void> {
    const { slot, question, option } = picked;
    await this.s.users.run(user.key, async (state) => {
      const history = state.history ?? [];
      const known =
        state.checkin?.open?.at === slot || history.some((e) => e.src === 'c' && e.at === slot);
      const result = known ? answerCheckin(this.wording, history, slot, question, option) : null;
      if (!result?.ok) {
        await route.tell(renderCheckinEnded(replacedBy(state, slot)));
        return;
      }
      const checkin = state.checkin && closeOpen(state.checkin, slot);
      await saveAndSchedule(this.s, user.key, {
        ...state,
        history: result.history,
        ...(checkin ? { checkin } : {}),
      });
      const tz = state.checkin?.tz ?? 'UTC';
      const message = renderCheckin({
        copy: this.wording,
        slot,
        tz,
        answers: result.entry.answers ?? {},
        snoozeDefault: localDate(this.s.deps.now() + 7 * DAY_MS, tz),
        ...lastTimeBefore(result.history, slot),
      });
      await showInPlace(user.client, this.s.deps.logger, route, message);
      await this.settleNudge(user, state, slot);
    });
  }

  /**
   * The nudge for this check-in, once the check-in is dealt with, says there is nothing left to
   * do instead of pointing at buttons that have gone.
   */
  private async settleNudge(user: UserContext, state: UserState, slot: number): Promise<void> {
    const shown = state.checkinSurface;
    if (shown?.slot !== slot || !shown.nudge) return;
    await user.client.chat
      .update({ channel: shown.channel, ts: shown.nudge, ...renderNudgeDone() })
      .catch(() => undefined);
    const { nudge: _n, ...rest } = shown;
    const fresh = await this.s.users.peek(user.key);
    if (fresh) await this.s.users.save(user.key, { ...fresh, checkinSurface: rest });
  }

  async skip(user: UserContext, slot: number, route: ReplyRoute): Promise<void> {
    await this.s.users.run(user.key, async (state) => {
      if (!state.checkin || state.checkin.open?.at !== slot) {
        await route.tell(renderCheckinEnded(replacedBy(state, slot)));
        return;
      }
      const checkin = closeOpen(state.checkin, slot);
      await saveAndSchedule(this.s, user.key, { ...state, checkin });
      const message = renderCheckinSkipped(checkin, this.s.deps.now());
      await showInPlace(user.client, this.s.deps.logger, route, message);
      await this.settleNudge(user, state, slot);
    });
  }

  /** Snooze until a date (the user's local midnight): no check-in or nudge before it. */
  async snooze(user: UserContext, date: string, route: ReplyRoute): Promise<void> {
    await this.s.users.run(user.key, async (state) => {
      if (!state.checkin || state.checkin.cadence === 'off') {
        await route.tell(renderCheckinEnded());
        return;
      }
      const now = this.s.deps.now();
      const until = startOfLocalDate(date, state.checkin.tz);
      if (until === null || until <= now) {
        await route.tell(renderSnoozeDateInvalid());
        return;
      }
      const checkin = pauseUntil(state.checkin, until, now);
      await saveAndSchedule(this.s, user.key, { ...state, checkin });
      await showInPlace(user.client, this.s.deps.logger, route, renderCheckinSnoozed(checkin, now));
      const open = state.checkin.open?.at;
      if (open !== undefined) await this.settleNudge(user, state, open);
    });
  }
}
