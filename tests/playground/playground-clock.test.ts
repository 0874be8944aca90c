import { describe, expect, it } from 'vitest';
import { PlaygroundClock } from '../../src/playground/playground-clock.ts';

describe('PlaygroundClock', () => {
  it('follows the wall clock, plus however far it was moved forward', async () => {
    let wall = 1_000_000;
    const clock = new PlaygroundClock(() => wall);
    expect(clock.now()).toBe(1_000_000);
    wall += 500;
    expect(clock.now()).toBe(1_000_500);
    await clock.advanceBy(86_400_000);
    expect(clock.now()).toBe(1_000_500 + 86_400_000);
    wall += 500;
    expect(clock.now()).toBe(1_001_000 + 86_400_000);
    expect(clock.ahead).toBe(86_400_000);
  });

  it('waits for its listeners (the scheduler) before an advance resolves', async () => {
    const clock = new PlaygroundClock(() => 0);
    const seen: number[] = [];
    const off = clock.onAdvance(async (now) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen.push(now);
    });
    await clock.advanceBy(60_000);
    expect(seen).toEqual([60_000]);
    off();
    await clock.advanceBy(60_000);
    expect(seen).toEqual([60_000]);
  });

  it('never moves back', async () => {
    const clock = new PlaygroundClock(() => 0);
    await expect(clock.advanceBy(-1)).rejects.toThrow(RangeError);
    await expect(clock.advanceBy(Number.NaN)).rejects.toThrow(RangeError);
    await expect(clock.advanceBy(Number.POSITIVE_INFINITY)).rejects.toThrow(RangeError);
    expect(clock.now()).toBe(0);
  });
});
