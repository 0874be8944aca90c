import type { UserKey } from './user-state.ts';

/**
 * When each user's next check-in is due. Kept apart from user state so a durable store can
 * index it (a sorted set) and several instances can share the work without sending twice.
 */
export interface ScheduleStore {
  /** Sets when this user's next check-in is due (ms since epoch), or clears it with null. */
  setDue(key: UserKey, dueAt: number | null): Promise<void>;
  /** When this user's next check-in is due, if any. */
  getDue(key: UserKey): Promise<number | null>;
  /**
   * Atomically claims up to `limit` users due at or before `now`, oldest first. A claim hides the
   * user from other claimers for `leaseMs`; if it is not completed by then (the instance died),
   * the user becomes claimable again.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<UserKey[]>;
  /** Completes a claim: the user's entry is removed unless setDue gave it a new time meanwhile. */
  complete(key: UserKey): Promise<void>;
  deleteTeam(teamId: string): Promise<void>;
}

/** Remembers ids (Events API `event_id`s) for a while, to answer each delivery once. */
export interface DedupeStore {
  /** True the first time `id` is seen within `ttlMs`; false for a repeat. */
  firstSeen(id: string, ttlMs: number): Promise<boolean>;
}
