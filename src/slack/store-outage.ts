import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../logger.ts';
import { renderStoreUnavailable } from '../render/notices.ts';
import { isStoreUnavailable } from '../store/index.ts';

type Args = AnyMiddlewareArgs & {
  client: import('@slack/web-api').WebClient;
  respond?: (message: object) => Promise<unknown>;
  ack?: (response?: object) => Promise<void>;
};

/** Work wrapped around the rest of a request's handling (see `createSlackApp`'s one middleware). */
export type Around = (
  args: AnyMiddlewareArgs & AllMiddlewareArgs,
  next: () => Promise<void>,
) => Promise<void>;

/**
 * When a listener could not reach the state store, the user hears it kindly, wherever they were
 * (nothing was saved, nothing earlier is lost), instead of silence.
 */
export function storeOutageNotice(logger: Logger): Around {
  return async (raw, next) => {
    const args = raw as unknown as Args;
    try {
      await next();
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      logger.warn({ code: 'store_unavailable' }, 'state store unreachable; told the user');
      await tell(args).catch((e: { code?: string }) =>
        logger.warn({ code: e?.code ?? 'unknown' }, 'could not tell the user about the outage'),
      );
    }
  };
}

async function tell(args: Args): Promise<void> {
  const message = renderStoreUnavailable();
  const body = args.body as {
    type?: string;
    user?: { id?: string };
    event?: { channel?: string; channel_type?: string };
  };
  if (args.respond) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, ...message });
    return;
  }
  if (body.event?.channel_type === 'im' && body.event.channel) {
    await args.client.chat.postMessage({ channel: body.event.channel, ...message });
    return;
  }
  // A submitted modal has no response_url: the DM is where their exchange lives. Other events
  // (opening App Home, say) were not something the user did to save, so they get no message.
  if (body.type !== 'view_submission' || !body.user?.id) return;
  // Some view listeners read the store before acking; close the modal rather than let it hang.
  await args.ack?.().catch(() => {});
  // Posting to the user id lands in their DM with the app.
  await args.client.chat.postMessage({ channel: body.user.id, ...message });
}
