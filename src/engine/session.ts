import { SUMMARY_TARGET } from './content-schema.ts';

/**
 * One user's pass through the exchange. Kept small and flat on purpose: many users hold one at
 * a time, and it must serialise cleanly for a durable store.
 */
export interface Session {
  /** Random id chosen when the session starts; buttons carry it to reject clicks from old runs. */
  id: string;
  /** Bumped on every change; buttons carry it to reject clicks on out-of-date messages. */
  rev: number;
  status: 'active' | 'paused' | 'complete';
  /** The step on screen, or `summary`. */
  current: string;
  /** step id → chosen option id. */
  choices: Record<string, string>;
  /** step id → the user's words; an empty string means they skipped it. */
  texts: Record<string, string>;
  /** True while changing one answer from the summary: the next answer returns to the summary. */
  editing: boolean;
  startedAt: number;
  updatedAt: number;
  completedAt?: number;
}

export const AT_SUMMARY = SUMMARY_TARGET;

export function isAnswered(session: Session, stepId: string): boolean {
  return stepId in session.choices || stepId in session.texts;
}
