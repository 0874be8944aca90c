import type { UserKey, UserState } from './user-state.ts';

/**
 * A user's state together with the version it was read at. Version 0 means nothing is stored;
 * every write stores a higher one, so a writer can tell whether someone else wrote in between.
 */
export interface Versioned {
  state: UserState | undefined;
  version: number;
}

/**
 * Per-user state. Async so a durable store (Redis, say) can stand in for the memory one
 * without touching the listeners.
 */
export interface StateStore {
  get(key: UserKey): Promise<UserState | undefined>;
  set(key: UserKey, state: UserState): Promise<void>;
  delete(key: UserKey): Promise<void>;
  /** Forget a whole workspace (app uninstalled, tokens revoked). */
  deleteTeam(teamId: string): Promise<void>;
  size(): Promise<number>;
  /** Like get, with the version to pass to writeIf. */
  read(key: UserKey): Promise<Versioned>;
  /**
   * Optimistic concurrency: writes only if the stored version is still `expected` (0: nothing
   * stored). Returns the new version, or null when another writer (another instance) got there
   * first; the caller re-reads and decides again.
   */
  writeIf(key: UserKey, state: UserState, expected: number): Promise<number | null>;
}
