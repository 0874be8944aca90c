import type { BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { InstallationLookup, Surface, UserKey } from '../../store/index.ts';

/** Who a piece of work is for, and the client authorised for their workspace. */
export interface UserContext {
  key: UserKey;
  client: WebClient;
  /** The user's DM with the app, when the payload at hand names it (a message in that DM). */
  dm?: string;
}

/*
 * Whose state a request touches. A user is keyed by workspace and user id (the same user id in
 * two workspaces is two people), except under an Enterprise Grid org-wide install: there the
 * key's teamId is the org's id (E…), so one person is one person, with one brief and one
 * schedule, in every workspace of the org. Uninstalling org-wide forgets that whole key space.
 */

/** Who acted: the team and user of any interaction payload (actions and view submissions). */
export function userOf(
  body: {
    team?: { id: string } | null;
    user: { id: string; team_id?: string };
    enterprise?: { id: string } | null;
    is_enterprise_install?: boolean;
  },
  client: WebClient,
): UserContext {
  const orgId = body.is_enterprise_install === true ? body.enterprise?.id : undefined;
  return {
    key: { teamId: orgId ?? body.team?.id ?? body.user.team_id ?? '', userId: body.user.id },
    client,
  };
}

/** The team of an Events API delivery (the envelope names it; the inner event may not). */
export function teamOfEvent(body: unknown): string {
  const envelope = body as {
    team_id?: unknown;
    enterprise_id?: unknown;
    is_enterprise_install?: unknown;
    authorizations?: { is_enterprise_install?: unknown }[];
  };
  const orgWide =
    envelope.is_enterprise_install === true ||
    envelope.authorizations?.[0]?.is_enterprise_install === true;
  if (orgWide && typeof envelope.enterprise_id === 'string') return envelope.enterprise_id;
  return typeof envelope.team_id === 'string' ? envelope.team_id : '';
}

/** The key of whoever ran a slash command (its form fields are strings: 'true' / 'false'). */
export function keyOfCommand(command: {
  team_id: string;
  user_id: string;
  enterprise_id?: string;
  is_enterprise_install?: string;
}): UserKey {
  const orgId = command.is_enterprise_install === 'true' ? command.enterprise_id : undefined;
  return { teamId: orgId || command.team_id, userId: command.user_id };
}

/** The message the click came from, when it came from a message (not a modal or the Home tab). */
export function surfaceOf(body: BlockAction): Surface | null {
  const channel = body.container?.channel_id ?? body.channel?.id;
  const ts = body.container?.message_ts ?? body.message?.ts;
  return typeof channel === 'string' && typeof ts === 'string' ? { channel, ts } : null;
}

/** Which installation an Events API delivery came through: the workspace's, or the org's. */
export function installationOfEvent(body: unknown): InstallationLookup {
  const envelope = body as { team_id?: unknown; enterprise_id?: unknown };
  const teamId = typeof envelope.team_id === 'string' ? envelope.team_id : undefined;
  const enterpriseId =
    typeof envelope.enterprise_id === 'string' ? envelope.enterprise_id : undefined;
  const orgWide = enterpriseId !== undefined && teamOfEvent(body) === enterpriseId;
  return { teamId, enterpriseId, isEnterpriseInstall: orgWide };
}
