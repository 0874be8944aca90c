/**
 * Each workspace's posting budget, shared by every instance: one post per interval. A scheduler
 * reserves the next slot before posting and waits until it; with Redis, N instances reserve from
 * one sequence, so together they never post to a workspace faster than one of them would.
 */
export interface PaceStore {
  /**
   * Takes the workspace's next slot: the later of `now` and the slot after the last one taken.
   * Returns its time (ms); the caller posts no earlier.
   */
  reserve(teamId: string, intervalMs: number, now: number): Promise<number>;
  /** Slack answered 429: no slot for this workspace before `until`. */
  holdUntil(teamId: string, until: number, now: number): Promise<void>;
}

/** One process's budgets; forgets a workspace once its last slot is long past. */
export class MemoryPaceStore implements PaceStore {
  private readonly next = new Map<string, number>();

  async reserve(teamId: string, intervalMs: number, now: number): Promise<number> {
    const slot = Math.max(now, this.next.get(teamId) ?? 0);
    this.next.set(teamId, slot + intervalMs);
    if (this.next.size > 10_000) this.sweep(now);
    return slot;
  }

  async holdUntil(teamId: string, until: number, _now: number): Promise<void> {
    if ((this.next.get(teamId) ?? 0) < until) this.next.set(teamId, until);
  }

  private sweep(now: number): void {
    for (const [team, at] of this.next) if (at < now) this.next.delete(team);
  }
}
