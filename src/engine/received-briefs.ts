import type { ShareableSection } from './summary.ts';

/**
 * A brief someone shared with this user (a person, not a channel), kept in the recipient's record
 * so their Home can list it. It holds no part of the brief: opening it again rebuilds it from the
 * sharer's own record, so when the sharer is forgotten, the brief is gone too.
 */
export interface ReceivedBrief {
  sharer: string;
  /** The sharer's workspace, when known. */
  team?: string;
  /** When the brief was written (its ref), which tells one brief of the sharer's from the next. */
  at: number;
  /** When it was shared with this user. */
  sharedAt: number;
  /** The lean line as shared, for the list. */
  lean: string;
  /** The sections the sharer kept in: opening it again shows exactly these. */
  include: ShareableSection[];
}

/** Kept per recipient; the Home lists the newest few. */
export const MAX_RECEIVED = 10;

/**
 * The list after `entry` was shared: the same brief shared again moves to the top (no duplicate),
 * newest last, capped.
 */
export function addReceived(
  list: readonly ReceivedBrief[] | undefined,
  entry: ReceivedBrief,
): ReceivedBrief[] {
  const others = (list ?? []).filter((r) => !(r.sharer === entry.sharer && r.at === entry.at));
  return [...others, entry].sort((a, b) => a.sharedAt - b.sharedAt).slice(-MAX_RECEIVED);
}

/** The received brief a ref names, if this user still has it. */
export function findReceived(
  list: readonly ReceivedBrief[] | undefined,
  ref: { sharer: string; at: number },
): ReceivedBrief | undefined {
  return (list ?? []).find((r) => r.sharer === ref.sharer && r.at === ref.at);
}
