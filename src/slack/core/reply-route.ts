import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.ts';
import type { Message } from '../../render/index.ts';
import { explainSlackError, renderProblem } from '../../render/index.ts';
import type { Surface } from '../../store/index.ts';
import { openDm } from './dm.ts';
import type { ActionArgs } from './listener-args.ts';
import { slackErrorCode } from './slack-errors.ts';

/** Tells only this user something (an ephemeral reply), wherever they clicked. */
export type Tell = (message: Message) => Promise<void>;

/**
 * Replaces the message the user clicked, through the click's response_url. Preferred to
 * chat.update for a click: it is one small JSON POST, where a Web API call is serialised,
 * redacted for debug lines and answered with the whole message echoed back (`npm run bench`).
 */
export type Replace = (message: Message) => Promise<void>;

/** Where the answer to one interaction goes. */
export interface ReplyRoute {
  /** The message the user acted on, when they acted on a message. */
  where: Surface | null;
  tell: Tell;
  replace?: Replace;
}

/** Tells only the clicking user, through the click's response_url; from the Home tab, in the DM. */
export function tellOf(args: ActionArgs): Tell {
  if (!args.body.response_url) {
    // A Home-tab click has no response_url and no message to answer under: the DM is where the
    // user's exchange lives (opened by id, as dm.ts explains).
    return async (message) => {
      const channel = await openDm(args.client, args.body.user.id);
      await args.client.chat.postMessage({ channel, ...message });
    };
  }
  return async (message) => {
    await args.respond({ response_type: 'ephemeral', replace_original: false, ...message });
  };
}

/** Replaces the clicked message through the click's response_url, when the click has one. */
export function replaceOf(args: ActionArgs): Replace | undefined {
  if (!args.body.response_url) return undefined;
  return async (message) => {
    // Bolt's respond throws on an HTTP error status; a 200 whose JSON says ok:false is a refusal too.
    const res: { text?: () => Promise<string> } | undefined = await args.respond({
      replace_original: true,
      ...message,
    });
    const body = typeof res?.text === 'function' ? await res.text() : '';
    if (body.startsWith('{') && (JSON.parse(body) as { ok?: unknown }).ok === false) {
      throw new Error(`response_url refused: ${body.slice(0, 100)}`);
    }
  };
}

/**
 * Shows `message` in place of the one the user acted on: through the response_url, else with
 * chat.update, else tells them what went wrong (their state is already saved). False when the
 * message could not be replaced.
 */
export async function showInPlace(
  client: WebClient,
  logger: Logger,
  route: ReplyRoute,
  message: Message,
): Promise<boolean> {
  if (route.replace) {
    try {
      await route.replace(message);
      return true;
    } catch (error) {
      // An expired or spent response_url: chat.update reaches the same message.
      logger.info({ code: slackErrorCode(error) }, 'response_url refused; updating');
    }
  }
  if (!route.where) return false;
  try {
    await client.chat.update({ channel: route.where.channel, ts: route.where.ts, ...message });
    return true;
  } catch (error) {
    const code = slackErrorCode(error);
    logger.warn({ method: 'chat.update', code }, 'Slack call failed');
    await route
      .tell(renderProblem(explainSlackError(code)))
      .catch((e) => logger.warn({ method: 'tell', code: slackErrorCode(e) }, 'Slack call failed'));
    return false;
  }
}
