import {
  type EngineEvent,
  type Outcome,
  type Result,
  recordRun,
  trend,
} from '../../../engine/index.ts';
import {
  type Message,
  renderAnsweredStep,
  renderIntro,
  renderMovedBelow,
  renderOutcome,
  renderReplacedBrief,
  renderTrend,
} from '../../../render/index.ts';
import type { Surface, UserState } from '../../../store/index.ts';
import type { CoreServices } from '../../core/core-services.ts';
import { dmChannel } from '../../core/dm.ts';
import type { UserContext } from '../../core/interaction.ts';
import { type ReplyRoute, showInPlace } from '../../core/reply-route.ts';

type Posted = Awaited<ReturnType<UserContext['client']['chat']['postMessage']>>;

/**
 * The guided exchange: turns an engine event into Slack calls. It saves the user's state before
 * any Web API call, so a failed call never loses an answer.
 */
export class ExchangeFlow {
  constructor(private readonly s: Pick<CoreServices, 'deps' | 'users' | 'failures'>) {}

  /** The state after an engine result, with the run's record (archive, history) brought along. */
  private after(state: UserState, result: Result): UserState {
    const { engine } = this.s.deps;
    // The lean and strength come from the answers alone; no need to build the whole brief.
    const record = recordRun(state, state.session, result.session, (s) => {
      const { lean, strength } = engine.score(s);
      return { lean, strength };
    });
    return { ...state, ...record, session: result.session };
  }

  private advance(state: UserState, event: EngineEvent): Result {
    return this.s.deps.engine.advance(state.session, event, {
      now: this.s.deps.now(),
      newId: this.s.deps.newId(),
    });
  }

  /** Posts what is current as a new message in the user's DM (commands, DM keywords). */
  async postCurrent(
    user: UserContext,
    event: EngineEvent,
    lead?: Message,
  ): Promise<{ dm: string; outcome: Outcome }> {
    // Slack always names the user; a payload that does not is worth neither a save nor a call.
    if (!user.key.userId) throw new Error('no user to post to');
    const { users } = this.s;
    const { dm, outcome, collapse } = await users.run(user.key, async (state, stored) => {
      const result = this.advance(state, event);
      let next = this.after(state, result);
      await users.save(user.key, next);
      let message = this.render(result.outcome, next);
      // Someone who has never been here gets the intro (private, about three minutes, nothing
      // shared unless they choose) at the top of their first step, in the same message.
      const firstTime = !state.session && !state.history?.length && !state.summaries?.length;
      if (firstTime && !lead && result.outcome.type === 'show' && result.outcome.started) {
        const intro = renderIntro(this.s.deps.engine.content.exchange.intro);
        message = { ...message, blocks: [...intro.blocks, ...message.blocks] };
      }
      let to: string;
      let posted: Posted;
      try {
        to = await dmChannel(user, state);
        if (lead) await user.client.chat.postMessage({ channel: to, ...lead });
        posted = await user.client.chat.postMessage({ channel: to, ...message });
      } catch (error) {
        // Nothing reached the user, so nothing happened: a reset that could not be shown must
        // not have wiped their answers, and a first contact that failed leaves nothing behind.
        if (stored) await users.save(user.key, state);
        else await this.s.deps.store.delete(user.key);
        throw error;
      }
      const dm = posted.channel ?? to;
      next = { ...next, dm };
      let collapse: (() => Promise<void>) | undefined;
      if (posted.ts && isLive(result.outcome)) {
        const surface = { channel: dm, ts: posted.ts };
        next = { ...next, surface };
        await users.save(user.key, next);
        collapse = () => this.collapseOlder(user, state, surface, result.session?.id);
      } else await users.save(user.key, next);
      return { dm, outcome: result.outcome, collapse };
    });
    // The older message loses its buttons once the lock is let go: the user's first click on
    // the new one need not wait for that chat.update (a click on the old one meanwhile is told
    // it is out of date, as the state already points at the new message).
    await collapse?.();
    return { dm, outcome };
  }

  /**
   * A click on a message (or a modal opened from one): replace that message with what comes
   * next, or tell only this user that the button was out of date.
   */
  async clickOn(user: UserContext, event: EngineEvent, route: ReplyRoute): Promise<void> {
    const { users } = this.s;
    await users.run(user.key, async (state) => {
      const result = this.advance(state, event);
      if (result.outcome.type === 'stale') {
        await route.tell(renderOutcome(result.outcome));
        return;
      }
      const next: UserState = {
        ...this.after(state, result),
        ...(route.where ? { surface: route.where } : {}),
      };
      const moved =
        route.where !== null &&
        (state.surface?.ts !== route.where.ts || state.surface?.channel !== route.where.channel);
      if (result.changed || (moved && isLive(result.outcome))) await users.save(user.key, next);
      const shown = await showInPlace(
        user.client,
        this.s.deps.logger,
        route,
        this.render(result.outcome, next),
      );
      // An answer is kept even when its message could not be updated (the next `start` shows
      // where they are), but a "Start over" the user never saw must not clear their brief.
      if (!shown && event.type === 'restart') await users.save(user.key, state);
      else if (shown && isLive(result.outcome))
        await this.collapseOlder(user, state, route.where, result.session?.id);
    });
  }

  /** Words typed in the DM while a free-text step is open answer it. */
  async reply(user: UserContext, text: string, dm: string): Promise<Outcome> {
    const { users, deps } = this.s;
    return users.run(user.key, async (state) => {
      const result = this.advance(state, { type: 'reply', text });
      if (result.outcome.type === 'not-an-answer') return result.outcome;
      if (result.outcome.type === 'too-long') {
        await user.client.chat.postMessage({ channel: dm, ...renderOutcome(result.outcome) });
        return result.outcome;
      }
      const answered = state.session ? deps.engine.view(state.session) : null;
      let next: UserState = { ...this.after(state, result), dm };
      await users.save(user.key, next);
      if (state.surface && answered?.kind === 'step') {
        const words = result.session?.texts[answered.step.id] ?? '';
        await user.client.chat
          .update({
            channel: state.surface.channel,
            ts: state.surface.ts,
            ...renderAnsweredStep(answered, words),
          })
          .catch((error) => this.s.failures.slackFailed('chat.update', error));
      }
      const posted = await user.client.chat.postMessage({
        channel: dm,
        ...this.render(result.outcome, next),
      });
      if (posted.ts) {
        next = { ...next, surface: { channel: dm, ts: posted.ts } };
        await users.save(user.key, next);
      }
      return result.outcome;
    });
  }

  /**
   * One live copy at a time: the message the state last knew as live (`surface`), when it is not
   * the one now showing the exchange, loses its buttons. A step says it moved below; a brief
   * whose run was replaced stays readable as the record it is.
   */
  private async collapseOlder(
    user: UserContext,
    state: UserState,
    keep: Surface | null,
    nextSessionId: string | undefined,
  ): Promise<void> {
    const old = state.surface;
    const session = state.session;
    if (!old || !session || (keep && old.channel === keep.channel && old.ts === keep.ts)) return;
    const view = this.s.deps.engine.view(session);
    const message =
      view.kind === 'summary' && session.id !== nextSessionId && session.completedAt
        ? renderReplacedBrief(view.summary, session.completedAt, state.checkin?.tz ?? 'UTC')
        : renderMovedBelow(view);
    await user.client.chat
      .update({ channel: old.channel, ts: old.ts, ...message })
      .catch((error) => this.s.failures.slackFailed('chat.update', error));
  }

  /** The outcome as the user sees it, with how their thinking moved under the brief. */
  private render(outcome: Outcome, state: UserState): Message {
    if (outcome.type !== 'show') return renderOutcome(outcome);
    // The brief is built with the user's check-ins, so its evidence and talking points follow them.
    if (outcome.view.kind === 'summary' && state.session) {
      outcome = {
        ...outcome,
        view: this.s.deps.engine.view(state.session, { history: state.history ?? [] }),
      };
    }
    const points = state.history && trend(this.s.deps.engine.content.checkin, state.history);
    const checkin = state.checkin;
    return renderOutcome(outcome, {
      ...(points ? { moved: renderTrend(points, checkin?.tz ?? 'UTC') } : {}),
      checkinsOn: checkin !== undefined && checkin.cadence !== 'off',
    });
  }
}

function isLive(outcome: Outcome): boolean {
  return outcome.type === 'show' || outcome.type === 'paused';
}
