import { describe, expect, it } from 'vitest';
import { clockFrom, ManualClock, systemClock } from '../../src/scheduler/index.ts';

const T = Date.parse('2026-03-02T12:00:00Z');

describe('ManualClock: the bot’s time in tests and the playground', () => {
  it('sleeping moves it forward by exactly that long; nothing or less than nothing leaves it', async () => {
    const clock = new ManualClock(T);
    await clock.sleep(1_500);
    expect(clock.now()).toBe(T + 1_500);
    await clock.sleep(0);
    await clock.sleep(-60_000);
    expect(clock.now()).toBe(T + 1_500);
  });

  it('only moves forward: advancing by a negative or non-number is refused, and time stays', async () => {
    const clock = new ManualClock(T);
    await expect(clock.advanceBy(-1)).rejects.toThrow(new RangeError('a clock only moves forward'));
    await expect(clock.advanceBy(Number.NaN)).rejects.toThrow(RangeError);
    expect(clock.now()).toBe(T);
    await clock.advanceBy(0);
    expect(clock.now()).toBe(T);
  });

  it('advanceTo a time already past leaves it; to a later time lands exactly there', async () => {
    const clock = new ManualClock(T);
    await clock.advanceTo(T - 60_000);
    expect(clock.now()).toBe(T);
    await clock.advanceTo(T + 7 * 86_400_000);
    expect(clock.now()).toBe(T + 7 * 86_400_000);
  });

  it('waits for every listener, each told the new time, and forgets one that unsubscribed', async () => {
    const clock = new ManualClock(T);
    const heard: [string, number][] = [];
    clock.onAdvance(async (now) => {
      await new Promise((resolve) => setImmediate(resolve));
      heard.push(['a', now]);
    });
    const off = clock.onAdvance((now) => {
      heard.push(['b', now]);
    });
    await clock.advanceBy(1_000);
    expect(heard).toEqual([
      ['b', T + 1_000],
      ['a', T + 1_000],
    ]);
    off();
    await clock.advanceBy(1_000);
    expect(heard.slice(2)).toEqual([['a', T + 2_000]]);
  });
});

describe('the production clocks', () => {
  it('clockFrom reads the time it is given', () => {
    let now = T;
    const clock = clockFrom(() => now);
    expect(clock.now()).toBe(T);
    now += 5;
    expect(clock.now()).toBe(T + 5);
  });

  it('a sleep of no time resolves without waiting for a timer', async () => {
    let timerFired = false;
    const timer = setTimeout(() => {
      timerFired = true;
    }, 0);
    await systemClock.sleep(0);
    await clockFrom(() => T).sleep(-1);
    expect(timerFired).toBe(false);
    clearTimeout(timer);
  });

  it('systemClock reads the wall clock', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
