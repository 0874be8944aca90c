import type {
  ArchivedBrief,
  CheckinPrefs,
  HistoryEntry,
  ReceivedBrief,
  Session,
} from '../engine/index.ts';

/** Where the exchange is on screen, so a DM reply can collapse the message it answered. */
export interface Surface {
  channel: string;
  ts: string;
}

/** The newest check-in message (and its nudge, if one went), so an older one can be collapsed. */
export interface CheckinSurface extends Surface {
  slot: number;
  /** ts of the nudge posted for this check-in, in the same channel. */
  nudge?: string;
}

/** Everything the bot keeps about one user of one workspace. */
export interface UserState {
  session: Session | null;
  /** The user's DM with the bot, as Slack named it when we first posted there. */
  dm?: string;
  surface?: Surface;
  /** Where the newest check-in is on screen. */
  checkinSurface?: CheckinSurface;
  /** Check-in schedule and the one open check-in, when the user opted in. */
  checkin?: CheckinPrefs;
  /** How their lean moved: summaries and answered check-ins, oldest first, capped. */
  history?: HistoryEntry[];
  /** Earlier finished runs, newest last, so old briefs can be opened again from the Home tab. */
  summaries?: ArchivedBrief[];
  /** Briefs other people shared with this user directly, newest last, capped. */
  received?: ReceivedBrief[];
}

export interface UserKey {
  teamId: string;
  userId: string;
}

export function keyOf({ teamId, userId }: UserKey): string {
  return `${teamId}:${userId}`;
}
