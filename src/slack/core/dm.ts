import type { UserState } from '../../store/index.ts';
import type { UserContext } from './interaction.ts';

/** The user's DM with the app: the one Slack named when we first posted, else opened now. */
export async function dmChannel({ key, client }: UserContext, state: UserState): Promise<string> {
  if (state.dm) return state.dm;
  const opened = await client.conversations.open({ users: key.userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel');
  return id;
}
