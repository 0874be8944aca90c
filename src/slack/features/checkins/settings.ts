import { type CheckinPrefs, moveTimeZone, optIn, resume, stop } from '../../../engine/index.ts';
import { renderCheckinsStopped } from '../../../render/index.ts';
import type { UserKey } from '../../../store/index.ts';
import type { CoreServices } from '../../core/core-services.ts';
import type { UserContext } from '../../core/interaction.ts';
import { type ReplyRoute, showInPlace } from '../../core/reply-route.ts';
import { saveAndSchedule } from './scheduled-save.ts';

export type CheckinChoice = Partial<Pick<CheckinPrefs, 'cadence' | 'weekday' | 'time'>>;

type Needs = Pick<CoreServices, 'deps' | 'users' | 'schedule' | 'failures'>;

/** Check-in settings: on, off, cadence, day and time, resume after a snooze, stop. */
export class CheckinSettings {
  constructor(private readonly s: Needs) {}

  /** The user's Slack time zone; times are shown and scheduled in it, never in UTC. */
  async timeZone(user: UserContext, fallback?: string): Promise<string> {
    try {
      const info = await user.client.users.info({ user: user.key.userId });
      const tz = (info.user as { tz?: string } | undefined)?.tz;
      if (tz) return tz;
    } catch (error) {
      this.s.failures.slackFailed('users.info', error);
    }
    return fallback ?? 'UTC';
  }

  async prefs(key: UserKey): Promise<CheckinPrefs | undefined> {
    return (await this.s.users.peek(key))?.checkin;
  }

  /** Turns check-ins on, off, or changes the day, time or cadence. */
  async configure(user: UserContext, choice: CheckinChoice): Promise<CheckinPrefs> {
    const previous = await this.prefs(user.key);
    const tz = await this.timeZone(user, previous?.tz);
    return this.s.users.run(user.key, async (state) => {
      const now = this.s.deps.now();
      const prefs =
        choice.cadence === 'off'
          ? stop(state.checkin ?? optIn(now, tz))
          : optIn(now, tz, choice, state.checkin);
      await saveAndSchedule(this.s, user.key, { ...state, checkin: prefs });
      return prefs;
    });
  }

  /**
   * The user changed their Slack time zone (user_change): their check-ins keep the same local
   * day and time in the new zone. Anyone without check-ins, or whose zone did not change, costs
   * one read and no write (user_change arrives for every profile change in the workspace).
   */
  async followTimeZone(key: UserKey, tz: string): Promise<void> {
    const peeked = (await this.s.users.peek(key))?.checkin;
    if (!peeked || peeked.tz === tz) return;
    await this.s.users.run(key, async (state) => {
      if (!state.checkin) return;
      const checkin = moveTimeZone(state.checkin, tz, this.s.deps.now());
      if (checkin !== state.checkin) await saveAndSchedule(this.s, key, { ...state, checkin });
    });
  }

  async resume(user: UserContext): Promise<void> {
    await this.s.users.run(user.key, async (state) => {
      if (!state.checkin) return;
      const checkin = resume(state.checkin, this.s.deps.now());
      await saveAndSchedule(this.s, user.key, { ...state, checkin });
    });
  }

  /** "Stop check-ins" under a check-in: off, and that message says so. */
  async stop(user: UserContext, route: ReplyRoute): Promise<void> {
    await this.s.users.run(user.key, async (state) => {
      if (state.checkin)
        await saveAndSchedule(this.s, user.key, { ...state, checkin: stop(state.checkin) });
      if (route.where)
        await showInPlace(user.client, this.s.deps.logger, route, renderCheckinsStopped());
    });
  }
}
