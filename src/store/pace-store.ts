/**
 * Each workspace's posting budget, shared by every instance: one post per interval, measured
 * where the posts land. A lane takes the workspace's turn and its next slot, posts no earlier
 * than the slot, and gives the turn back once its post is done; while one lane holds the turn no
 * other lane of any instance is given a slot, and the next slot is never before the turn ended.
 * So each post lands between its own slot and the next one, and any window of N intervals holds
 * at most N + 1 posts however late a post lands after its slot (the user's lock, a slow store).
 * With Redis, N instances take turns on one counter, so together they never post to a workspace
 * faster than one of them would.
 */
import { randomUUID } from 'node:crypto';

/** The workspace's turn and the slot that comes with it, or when to ask again. */
export type PaceTurn = { slot: number; turn: string } | { busyUntil: number };

export interface PaceStore {
  /**
   * Takes the workspace's turn to post and its next slot: the later of `now` and the slot after
   * the last one taken (or the end of the last turn). The caller posts no earlier than `slot` and
   * calls `release` when done. Another lane's turn answers `{ busyUntil }`: no slot before then.
   * A turn never released (the process died) lapses `turnMs` after its slot.
   */
  take(teamId: string, intervalMs: number, now: number, turnMs: number): Promise<PaceTurn>;
  /** The turn's post is done (or was never made): the next slot is no earlier than `now`. */
  release(teamId: string, turn: string, now: number): Promise<void>;
  /** Slack answered 429: no slot for this workspace before `until`. */
  holdUntil(teamId: string, until: number, now: number): Promise<void>;
}

interface Budget {
  /** The earliest the next slot may be. */
  next: number;
  turn?: { id: string; until: number };
}

/** One process's budgets; forgets a workspace once its last slot is long past. */
export class MemoryPaceStore implements PaceStore {
  private readonly budgets = new Map<string, Budget>();

  async take(teamId: string, intervalMs: number, now: number, turnMs: number): Promise<PaceTurn> {
    const budget = this.budgets.get(teamId) ?? { next: 0 };
    if (budget.turn && budget.turn.until > now) return { busyUntil: Math.max(now, budget.next) };
    const slot = Math.max(now, budget.next);
    const turn = randomUUID();
    this.budgets.set(teamId, { next: slot + intervalMs, turn: { id: turn, until: slot + turnMs } });
    if (this.budgets.size > 10_000) this.sweep(now);
    return { slot, turn };
  }

  async release(teamId: string, turn: string, now: number): Promise<void> {
    const budget = this.budgets.get(teamId);
    if (!budget) return;
    if (budget.turn?.id === turn) delete budget.turn;
    budget.next = Math.max(budget.next, now);
  }

  async holdUntil(teamId: string, until: number, _now: number): Promise<void> {
    const budget = this.budgets.get(teamId) ?? { next: 0 };
    budget.next = Math.max(budget.next, until);
    this.budgets.set(teamId, budget);
  }

  private sweep(now: number): void {
    for (const [team, budget] of this.budgets)
      if (budget.next < now && !(budget.turn && budget.turn.until > now)) this.budgets.delete(team);
  }
}
