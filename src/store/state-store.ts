import type { UserKey, UserState } from './user-state.ts';

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
}
