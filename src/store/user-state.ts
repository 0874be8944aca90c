import type { Session } from '../engine/index.ts';

/** Where the exchange is on screen, so a DM reply can collapse the message it answered. */
export interface Surface {
  channel: string;
  ts: string;
}

/** Everything the bot keeps about one user of one workspace. */
export interface UserState {
  session: Session | null;
  /** The user's DM with the bot, cached to save a conversations.open per command. */
  dm?: string;
  surface?: Surface;
}

export interface UserKey {
  teamId: string;
  userId: string;
}

export function keyOf({ teamId, userId }: UserKey): string {
  return `${teamId}:${userId}`;
}
