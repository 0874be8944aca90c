import type { BlockAction, BlockElementAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Surface } from '../store/index.ts';
import type { Replace, Tell, UserContext } from './exchange-service.ts';

/** The arguments of a block_actions listener, narrowed to what the listeners read. */
export type ActionArgs = SlackActionMiddlewareArgs<BlockAction<BlockElementAction>> & {
  client: UserContext['client'];
};

/** Who acted: the team and user of any interaction payload (actions and view submissions). */
export function userOf(
  body: { team?: { id: string } | null; user: { id: string; team_id?: string } },
  client: UserContext['client'],
): UserContext {
  return {
    key: { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id },
    client,
  };
}

export function userOfAction({ body, client }: ActionArgs): UserContext {
  return userOf(body, client);
}

/** The message the click came from, when it came from a message (not a modal). */
export function surfaceOf(body: BlockAction): Surface | null {
  const channel = body.container?.channel_id ?? body.channel?.id;
  const ts = body.container?.message_ts ?? body.message?.ts;
  return typeof channel === 'string' && typeof ts === 'string' ? { channel, ts } : null;
}

/** Tells only the clicking user, through the click's response_url. */
export function tellOf(args: ActionArgs): Tell {
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
