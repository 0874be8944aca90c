import type { WebClient } from '@slack/web-api';
import type { EngineEvent, Outcome, Result, StepView } from '../engine/index.ts';
import { ACTION, encodeRef } from '../render/action-ids.ts';
import { actions, button } from '../render/blocks.ts';
import { renderCurrent } from '../render/current.ts';
import type { Message } from '../render/message.ts';
import { renderPaused, renderProblem, renderStale } from '../render/notices.ts';
import { renderAnsweredStep } from '../render/step.ts';
import { KeyedLock, keyOf, type Surface, type UserKey, type UserState } from '../store/index.ts';
import type { SlackDeps } from './deps.ts';
import { explainSlackError, slackErrorCode } from './slack-errors.ts';

/** Tells only this user something (an ephemeral reply), wherever they clicked. */
export type Tell = (message: Message) => Promise<void>;

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

  constructor(private readonly deps: SlackDeps) {}

  /** Serialises work per user: two quick clicks must not both read the same session. */
  withUser<T>(key: UserKey, task: (state: UserState) => Promise<T>): Promise<T> {
    return this.lock.run(keyOf(key), async () => {
      const state = (await this.deps.store.get(key)) ?? { session: null };
      return task(state);
    });
  }

  async save(key: UserKey, state: UserState): Promise<void> {
    await this.deps.store.set(key, state);
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
    return this.withUser(user.key, async (state) => {
      const result = this.advance(state, event);
      const dm = await this.dmChannel(user, state);
      let next: UserState = { ...state, session: result.session, dm };
      await this.save(user.key, next);
      const message = this.renderOutcome(result.outcome);
      let posted: Awaited<ReturnType<UserContext['client']['chat']['postMessage']>>;
      try {
        if (lead) await user.client.chat.postMessage({ channel: dm, ...lead });
        posted = await user.client.chat.postMessage({ channel: dm, ...message });
      } catch (error) {
        // Nothing reached the user, so nothing happened: a reset that could not be shown must
        // not have wiped their answers.
        await this.save(user.key, { ...state, dm });
        throw error;
      }
      if (posted.ts && isLive(result.outcome)) {
        next = { ...next, surface: { channel: dm, ts: posted.ts } };
        await this.save(user.key, next);
      }
      return { dm, outcome: result.outcome };
    });
  }

  /**
   * A click on a message: replace that message with what comes next, or tell only this user
   * that the button was out of date.
   */
  async clickOn(user: UserContext, event: EngineEvent, where: Surface, tell: Tell): Promise<void> {
    await this.withUser(user.key, async (state) => {
      const result = this.advance(state, event);
      if (result.outcome.type === 'stale') {
        await tell(renderStale(result.outcome.view));
        return;
      }
      const next: UserState = { ...state, session: result.session, surface: where };
      if (result.changed) await this.save(user.key, next);
      const shown = await this.updateOrTell(user, where, this.renderOutcome(result.outcome), tell);
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
      let next: UserState = { ...state, session: result.session, dm };
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
        ...this.renderOutcome(result.outcome),
      });
      if (posted.ts) {
        next = { ...next, surface: { channel: dm, ts: posted.ts } };
        await this.save(user.key, next);
      }
      return result.outcome;
    });
  }

  renderOutcome(outcome: Outcome): Message {
    switch (outcome.type) {
      case 'show':
        return renderCurrent(outcome.view);
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
  ): Promise<boolean> {
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
