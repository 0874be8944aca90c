import type { ScheduleStore } from './schedule-store.ts';
import { keyOf, type UserKey } from './user-state.ts';

interface Entry {
  key: UserKey;
  dueAt: number;
  /** Bumped by every setDue, so complete() can tell whether the time changed during a claim. */
  version: number;
  claimedUntil?: number;
  claimedVersion?: number;
}

/**
 * ScheduleStore in process memory. Lost on restart (the README says so); a durable store
 * implements the same interface. claimDue scans every entry: at the scheduler's pace (one claim
 * every few seconds) that is well under a millisecond per thousand users, so no index is kept.
 */
export class MemoryScheduleStore implements ScheduleStore {
  private readonly entries = new Map<string, Entry>();
  private version = 0;

  async setDue(key: UserKey, dueAt: number | null): Promise<void> {
    const id = keyOf(key);
    if (dueAt === null) {
      this.entries.delete(id);
      return;
    }
    const previous = this.entries.get(id);
    this.version += 1;
    this.entries.set(id, {
      key: { teamId: key.teamId, userId: key.userId },
      dueAt,
      version: this.version,
      ...(previous?.claimedUntil !== undefined
        ? { claimedUntil: previous.claimedUntil, claimedVersion: previous.claimedVersion }
        : {}),
    });
  }

  async getDue(key: UserKey): Promise<number | null> {
    return this.entries.get(keyOf(key))?.dueAt ?? null;
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<UserKey[]> {
    const due = [...this.entries.values()]
      .filter((e) => e.dueAt <= now && (e.claimedUntil === undefined || e.claimedUntil <= now))
      .sort((a, b) => a.dueAt - b.dueAt)
      .slice(0, Math.max(0, limit));
    for (const e of due) {
      e.claimedUntil = now + leaseMs;
      e.claimedVersion = e.version;
    }
    return due.map((e) => ({ ...e.key }));
  }

  async complete(key: UserKey): Promise<void> {
    const id = keyOf(key);
    const entry = this.entries.get(id);
    if (!entry) return;
    if (entry.claimedVersion === entry.version) {
      this.entries.delete(id);
      return;
    }
    delete entry.claimedUntil;
    delete entry.claimedVersion;
  }

  async deleteTeam(teamId: string): Promise<void> {
    for (const [id, e] of this.entries) if (e.key.teamId === teamId) this.entries.delete(id);
  }

  /** For tests and the Home tab's diagnostics: how many users have a time set. */
  size(): number {
    return this.entries.size;
  }
}
