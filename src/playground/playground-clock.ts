import { type Clock, systemClock } from '../scheduler/clock.ts';

type AdvanceListener = (now: number) => unknown;

/**
 * The playground's time: the wall clock plus however far the person has moved it forward.
 *
 * Unlike ManualClock it keeps ticking, so the playground behaves like a real workspace between
 * clicks (a check-in due in a minute still arrives on its own, message times move on). Moving it
 * forward runs the check-in scheduler (it listens through `onAdvance`, like with ManualClock) and
 * resolves once whatever fell due has been sent. It never moves back: the bot's saved schedules
 * and histories assume time only goes forward.
 */
export class PlaygroundClock implements Clock {
  private offset = 0;
  private readonly listeners = new Set<AdvanceListener>();

  constructor(private readonly wall: () => number = Date.now) {}

  now(): number {
    return this.wall() + this.offset;
  }

  /** Real sleeps: pacing between sends stays as in production. */
  sleep(ms: number): Promise<void> {
    return systemClock.sleep(ms);
  }

  /** How far ahead of the wall clock this clock runs, in ms. */
  get ahead(): number {
    return this.offset;
  }

  /** Called after every advance; returns an unsubscribe function. */
  onAdvance(listener: AdvanceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async advanceBy(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError('the clock only moves forward');
    this.offset += ms;
    const now = this.now();
    await Promise.all([...this.listeners].map(async (listener) => listener(now)));
  }
}
