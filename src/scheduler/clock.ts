import { setTimeout as delay } from 'node:timers/promises';

/**
 * The scheduler's sense of time. Injected so tests (and the playground) can move time forward
 * without waiting, while production uses the wall clock.
 */
export interface Clock {
  now(): number;
  /** Resolves once `ms` of this clock's time has passed. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms > 0 ? delay(ms, undefined, { ref: false }) : Promise.resolve()),
};

/** A clock that reads another (deps.now, say) and sleeps for real. */
export function clockFrom(now: () => number): Clock {
  return { now, sleep: systemClock.sleep };
}

type AdvanceListener = (now: number) => unknown;

/**
 * Time that moves only when told to. `sleep` moves it forward at once (virtual time), so a
 * paced burst of sends completes instantly in tests while the gaps between sends are still
 * exact. `advanceBy` moves it forward and waits for whoever listens (the scheduler runs what
 * became due) before it resolves.
 */
export class ManualClock implements Clock {
  private current: number;
  private readonly listeners = new Set<AdvanceListener>();

  constructor(start: number = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  async sleep(ms: number): Promise<void> {
    if (ms > 0) this.current += ms;
  }

  /** Called after every advance; returns an unsubscribe function. */
  onAdvance(listener: AdvanceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async advanceBy(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError('a clock only moves forward');
    this.current += ms;
    await Promise.all([...this.listeners].map(async (l) => l(this.current)));
  }

  async advanceTo(at: number): Promise<void> {
    await this.advanceBy(Math.max(0, at - this.current));
  }
}
