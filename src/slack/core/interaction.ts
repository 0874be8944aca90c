import type { BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Surface, UserKey } from '../../store/index.ts';

/** Who a piece of work is for, and the client authorised for their workspace. */
export interface UserContext {
  key: UserKey;
  client: WebClient;
  /** The user's DM with the app, when the payload at hand names it (a message in that DM). */
  dm?: string;
}

/** Who acted: the team and user of any interaction payload (actions and view submissions). */
export function userOf(
  body: { team?: { id: string } | null; user: { id: string; team_id?: string } },
  client: WebClient,
): UserContext {
  return {
    key: { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id },
    client,
  };
}

/** The team of an Events API delivery (the envelope names it; the inner event may not). */
export function teamOfEvent(body: unknown): string {
  const teamId = (body as { team_id?: unknown }).team_id;
  return typeof teamId === 'string' ? teamId : '';
}

/** The message the click came from, when it came from a message (not a modal or the Home tab). */
export function surfaceOf(body: BlockAction): Surface | null {
  const channel = body.container?.channel_id ?? body.channel?.id;
  const ts = body.container?.message_ts ?? body.message?.ts;
  return typeof channel === 'string' && typeof ts === 'string' ? { channel, ts } : null;
}
