import type { Clock } from '../../src/scheduler/index.ts';

const idle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((r) => setImmediate(r));
};

/**
 * Virtual time for work that runs side by side: `sleep` waits for a timer, and `drive` moves time
 * to the earliest timer whenever nothing else can run. Unlike ManualClock (whose sleep moves time
 * at once, fine for one thing at a time), two lanes sleeping at once each wake at their own time.
 */
export class SteppedClock implements Clock {
  private current: number;
  private timers: { at: number; resolve: () => void }[] = [];

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.timers.push({ at: this.current + ms, resolve }));
  }

  /** Runs `work` to the end, stepping time from timer to timer. */
  async drive<T>(work: Promise<T>): Promise<T> {
    let done = false;
    void work.finally(() => {
      done = true;
    });
    while (!done) {
      await idle();
      if (done || this.timers.length === 0) continue;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift() as { at: number; resolve: () => void };
      this.current = Math.max(this.current, next.at);
      next.resolve();
    }
    return work;
  }
}
