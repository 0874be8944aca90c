import type { BlockAction, BlockElementAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Surface } from '../store/index.ts';
import type { Tell, UserContext } from './exchange-service.ts';

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
