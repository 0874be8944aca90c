import type { HistoryEntry, LeanId } from '../../../engine/index.ts';

/** Where the user stood before the check-in for `slot`: their last entry before it, if any. */
export function lastTimeBefore(
  history: readonly HistoryEntry[],
  slot: number,
): { lastTime?: { at: number; lean: LeanId } } {
  const last = history.filter((e) => e.at < slot).at(-1);
  return last ? { lastTime: { at: last.at, lean: last.lean } } : {};
}
