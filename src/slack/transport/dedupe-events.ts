import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../logger.ts';
import type { DedupeStore } from '../../store/index.ts';

/** Work wrapped around the rest of a request's handling (see `createSlackApp`'s one middleware). */
export type Around = (
  args: AnyMiddlewareArgs & AllMiddlewareArgs,
  next: () => Promise<void>,
) => Promise<void>;

/**
 * Slack retries an event it thinks we missed (after 3 s without an ack, or on an error) up to
 * three times over about five minutes, with the same `event_id`. An hour covers that with room.
 */
export const EVENT_ID_TTL_MS = 60 * 60 * 1000;

/**
 * Each Events API delivery is handled once per `event_id`, so a retry or a
 * duplicate never produces a second reply. Bolt has already acked events before middleware
 * runs, so stopping here just ends the work. A retry whose first delivery never reached us (a
 * restart, another instance without a shared store) has an unseen id and is handled normally.
 */
export function dedupeEvents(store: DedupeStore, logger: Logger): Around {
  return async ({ body, context }, next) => {
    const eventId = (body as { type?: unknown; event_id?: unknown }).event_id;
    if ((body as { type?: unknown }).type !== 'event_callback' || typeof eventId !== 'string') {
      await next();
      return;
    }
    let first = true;
    try {
      first = await store.firstSeen(eventId, EVENT_ID_TTL_MS);
    } catch (error) {
      // A store outage must not silence the bot: better a rare double reply than none.
      logger.warn({ err: { message: (error as Error).message } }, 'dedupe store failed');
    }
    if (!first) {
      logger.info({ eventId, retry: context.retryNum ?? 0 }, 'skipped a repeated event delivery');
      return;
    }
    await next();
  };
}
