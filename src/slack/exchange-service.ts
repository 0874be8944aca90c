import type { WebClient } from '@slack/web-api';
import {
  type EngineEvent,
  type Outcome,
  type Result,
  recordSummary,
  type StepView,
  trend,
} from '../engine/index.ts';
import { ACTION, encodeRef } from '../render/action-ids.ts';
import { actions, button } from '../render/blocks.ts';
import { renderTrend } from '../render/checkin.ts';
import { renderCurrent } from '../render/current.ts';
import type { Message } from '../render/message.ts';
import { renderPaused, renderProblem, renderStale } from '../render/notices.ts';
import { renderAnsweredStep } from '../render/step.ts';
import { KeyedLock, keyOf, type Surface, type UserKey, type UserState } from '../store/index.ts';
import type { SlackDeps } from './deps.ts';
import { explainSlackError, slackErrorCode } from './slack-errors.ts';
import { WriteConflict, WriteTracker } from './write-tracker.ts';

/** Tells only this user something (an ephemeral reply), wherever they clicked. */
export type Tell = (message: Message) => Promise<void>;

/**
 * Replaces the message the user clicked, through the click's response_url. Preferred to
 * chat.update for a click: it is one small JSON POST, where a Web API call is serialised,
 * redacted for debug lines and answered with the whole message echoed back (`npm run bench`).
 */
export type Replace = (message: Message) => Promise<void>;

export interface UserContext {
  key: UserKey;
  client: WebClient;
}

/**
 * The one place that turns an engine event into Slack calls. It saves the user's state before
 * any Web API call, so a failed call never loses an answer.
 */
export class ExchangeService {
  private readonly lock = new KeyedLock();
  private readonly writes: WriteTracker;

  constructor(private readonly deps: SlackDeps) {
    this.writes = new WriteTracker(deps.store, deps.logger);
  }

  /**
   * Serialises work per user: two quick clicks must not both read the same session. The lock
   * only covers this process; another instance may write in between, which the versioned save
   * detects. Tasks save before any Slack call a user can see, so when that first save loses,
   * nothing happened yet and the task simply runs again on the state the other instance wrote
   * (typically ending in "that button is out of date", which is the truth).
   */
  withUser<T>(key: UserKey, task: (state: UserState, stored: boolean) => Promise<T>): Promise<T> {
    return this.lock.run(keyOf(key), async () => {
      for (let attempt = 1; ; attempt += 1) {
        const { state, version } = await this.deps.store.read(key);
        try {
          return await this.writes.track(key, version, () =>
            task(state ?? { session: null }, version !== 0),
          );
        } catch (error) {
          if (!(error instanceof WriteConflict) || attempt >= MAX_ATTEMPTS) throw error;
          this.deps.logger.debug({ attempt }, 'another instance wrote first; reading again');
        }
      }
    });
  }

  async save(key: UserKey, state: UserState): Promise<void> {
    await this.writes.save(key, state);
  }

  /**
   * The state after an engine result: a finished run adds a point to the user's history, and a
   * finished run that is replaced (Start over) is kept so its brief can be opened again.
   */
  evolve(state: UserState, result: Result): UserState {
    const before = state.session;
    const after = result.session;
    const next: UserState = { ...state, session: after };
    if (before?.status === 'complete' && after && after.id !== before.id) {
      next.summaries = [
        ...(state.summaries ?? []),
        {
          at: before.completedAt ?? before.updatedAt,
          choices: before.choices,
          texts: before.texts,
        },
      ].slice(-MAX_ARCHIVED);
    }
    if (
      after?.status === 'complete' &&
      after.completedAt !== undefined &&
      after.completedAt !== before?.completedAt
    ) {
      const lean = this.deps.engine.summary(after).lean;
      next.history = recordSummary(state.history ?? [], after.completedAt, lean);
    }
    return next;
  }

  advance(state: UserState, event: EngineEvent): Result {
    return this.deps.engine.advance(state.session, event, {
      now: this.deps.now(),
      newId: this.deps.newId(),
    });
  }

  async dmChannel({ key, client }: UserContext, state: UserState): Promise<string> {
    if (state.dm) return state.dm;
    const opened = await client.conversations.open({ users: key.userId });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open returned no channel');
    return id;
  }

  /** Posts what is current as a new message in the user's DM (commands, DM keywords). */
  async postCurrent(
    user: UserContext,
    event: EngineEvent,
    lead?: Message,
  ): Promise<{ dm: string; outcome: Outcome }> {
    // Slack always names the user; a payload that does not is worth neither a save nor a call.
    if (!user.key.userId) throw new Error('no user to post to');
    return this.withUser(user.key, async (state, stored) => {
      const result = this.advance(state, event);
      let next: UserState = this.evolve(state, result);
      await this.save(user.key, next);
      const message = this.renderOutcome(result.outcome, next);
      // Posting to a user id lands in their DM with the app, and Slack answers with the DM's id,
      // so a first contact needs no conversations.open round trip before the reply.
      const to = state.dm ?? user.key.userId;
      let posted: Awaited<ReturnType<UserContext['client']['chat']['postMessage']>>;
      try {
        if (lead) await user.client.chat.postMessage({ channel: to, ...lead });
        posted = await user.client.chat.postMessage({ channel: to, ...message });
      } catch (error) {
        // Nothing reached the user, so nothing happened: a reset that could not be shown must
        // not have wiped their answers, and a first contact that failed leaves nothing behind.
        if (stored) await this.save(user.key, state);
        else await this.deps.store.delete(user.key);
        throw error;
      }
      const dm = posted.channel ?? (await this.dmChannel(user, state));
      next = { ...next, dm };
      if (posted.ts && isLive(result.outcome))
        next = { ...next, surface: { channel: dm, ts: posted.ts } };
      await this.save(user.key, next);
      return { dm, outcome: result.outcome };
    });
  }

  /**
   * A click on a message: replace that message with what comes next, or tell only this user
   * that the button was out of date.
   */
  async clickOn(
    user: UserContext,
    event: EngineEvent,
    where: Surface,
    tell: Tell,
    replace?: Replace,
  ): Promise<void> {
    await this.withUser(user.key, async (state) => {
      const result = this.advance(state, event);
      if (result.outcome.type === 'stale') {
        await tell(renderStale(result.outcome.view));
        return;
      }
      const next: UserState = { ...this.evolve(state, result), surface: where };
      if (result.changed) await this.save(user.key, next);
      const shown = await this.updateOrTell(
        user,
        where,
        this.renderOutcome(result.outcome, next),
        tell,
        replace,
      );
      // An answer is kept even when its message could not be updated (the next `start` shows
      // where they are), but a "Start over" the user never saw must not clear their brief.
      if (!shown && event.type === 'restart') await this.save(user.key, state);
    });
  }

  /** Words typed in the DM while a free-text step is open answer it. */
  async reply(user: UserContext, text: string, dm: string): Promise<Outcome> {
    return this.withUser(user.key, async (state) => {
      const result = this.advance(state, { type: 'reply', text });
      if (result.outcome.type === 'not-an-answer') return result.outcome;
      const answered = state.session ? this.deps.engine.view(state.session) : null;
      let next: UserState = { ...this.evolve(state, result), dm };
      await this.save(user.key, next);
      if (state.surface && answered?.kind === 'step') {
        const words = result.session?.texts[answered.step.id] ?? '';
        await user.client.chat
          .update({
            channel: state.surface.channel,
            ts: state.surface.ts,
            ...renderAnsweredStep(answered, words),
          })
          .catch((error) => this.logFailure('chat.update', error));
      }
      const posted = await user.client.chat.postMessage({
        channel: dm,
        ...this.renderOutcome(result.outcome, next),
      });
      if (posted.ts) {
        next = { ...next, surface: { channel: dm, ts: posted.ts } };
        await this.save(user.key, next);
      }
      return result.outcome;
    });
  }

  renderOutcome(outcome: Outcome, state?: UserState): Message {
    switch (outcome.type) {
      case 'show': {
        const points = state?.history && trend(this.deps.engine.content.checkin, state.history);
        const checkin = state?.checkin;
        return renderCurrent(outcome.view, {
          ...(points ? { moved: renderTrend(points, checkin?.tz ?? 'UTC') } : {}),
          checkinsOn: checkin !== undefined && checkin.cadence !== 'off',
        });
      }
      case 'paused':
        return withResume(renderPaused(), outcome.view);
      case 'stale':
      case 'not-an-answer':
        return renderStale(outcome.view);
    }
  }

  async updateOrTell(
    user: UserContext,
    where: Surface,
    message: Message,
    tell: Tell,
    replace?: Replace,
  ): Promise<boolean> {
    if (replace) {
      try {
        await replace(message);
        return true;
      } catch (error) {
        // An expired or spent response_url: chat.update reaches the same message.
        this.deps.logger.info({ code: slackErrorCode(error) }, 'response_url refused; updating');
      }
    }
    try {
      await user.client.chat.update({ channel: where.channel, ts: where.ts, ...message });
      return true;
    } catch (error) {
      const code = this.logFailure('chat.update', error);
      await tell(renderProblem(explainSlackError(code))).catch((e) => this.logFailure('tell', e));
      return false;
    }
  }

  logFailure(method: string, error: unknown): string {
    const code = slackErrorCode(error);
    this.deps.logger.warn({ method, code }, 'Slack call failed');
    return code;
  }
}

/** Earlier briefs kept for the Home tab; each is a few hundred bytes. */
export const MAX_ARCHIVED = 3;

/** Conflicts need a second instance writing for this user at the same moment; a few tries is plenty. */
const MAX_ATTEMPTS = 5;

function isLive(outcome: Outcome): boolean {
  return outcome.type === 'show' || outcome.type === 'paused';
}

function withResume(message: Message, view: StepView): Message {
  const ref = encodeRef({ session: view.sessionId, step: view.step.id, rev: view.rev });
  return {
    ...message,
    blocks: [
      ...message.blocks,
      actions('paused', [button('Resume', ACTION.resume, ref, { style: 'primary' })]),
    ],
  };
}
