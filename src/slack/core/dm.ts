import type { UserState } from '../../store/index.ts';
import type { UserContext } from './interaction.ts';

/**
 * The user's DM with the app: the one kept in their state, else the one the payload names, else
 * opened now with conversations.open (im:write), once per user: callers keep the id in
 * `UserState.dm`. Posting with a user id as `channel` also lands there, but Slack documents that
 * shortcut inconsistently (chat.postMessage: "channel … an encoded ID"; conversations.open is the
 * documented way to get a DM id, https://api.slack.com/methods/conversations.open), and every
 * later update and modal needs the real D… id anyway.
 */
export async function dmChannel(user: UserContext, state: UserState): Promise<string> {
  if (state.dm) return state.dm;
  if (user.dm) return user.dm;
  return openDm(user.client, user.key.userId);
}

/** The DM's D… id from conversations.open: for a notice where no kept state is at hand. */
export async function openDm(client: UserContext['client'], userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}
