import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import {
  CheckinScheduler,
  type Deliver,
  type DeliverOutcome,
  ManualClock,
} from '../../src/scheduler/index.ts';
import { MemoryScheduleStore, type UserKey } from '../../src/store/index.ts';

const T = Date.parse('2025-11-04T10:00:00Z');
const logger = createLogger({ level: 'silent', destination: new PassThrough() });

interface Sent {
  user: string;
  team: string;
  at: number;
}

/** A deliver that "posts" (records the time) and sets no next time, like a one-off check-in. */
function recorder(options: { limitFirst?: number; failUser?: string } = {}) {
  const sent: Sent[] = [];
  let limited = options.limitFirst ?? 0;
  const deliver: Deliver = async (key: UserKey, ctx): Promise<DeliverOutcome> => {
    await ctx.pace();
    if (limited > 0) {
      limited -= 1;
      return { type: 'rate-limited', retryAfterMs: 3_000 };
    }
    if (key.userId === options.failUser) return { type: 'failed', code: 'messages_tab_disabled' };
    sent.push({ user: key.userId, team: key.teamId, at: ctx.now() });
    return { type: 'sent' };
  };
  return { sent, deliver };
}

function setup(deliver: Deliver, clock = new ManualClock(T)) {
  const schedule = new MemoryScheduleStore();
  const scheduler = new CheckinScheduler({
    schedule,
    clock,
    deliver,
    logger,
    pollMs: 0,
    batchSize: 4,
  });
  return { schedule, scheduler, clock };
}

describe('CheckinScheduler with a fake clock', () => {
  it('sends nothing early, and each due user once when the clock reaches them', async () => {
    const { sent, deliver } = recorder();
    const { schedule, scheduler, clock } = setup(deliver);
    await schedule.setDue({ teamId: 'T1', userId: 'U1' }, T + 60_000);
    expect(await scheduler.runDue()).toMatchObject({ claimed: 0, sent: 0 });
    scheduler.start();
    await clock.advanceBy(60_000);
    expect(sent.map((s) => s.user)).toEqual(['U1']);
    await clock.advanceBy(60_000);
    expect(await scheduler.runDue()).toMatchObject({ claimed: 0, sent: 0 });
    expect(sent).toHaveLength(1);
    await scheduler.stop();
  });

  it('spreads a burst due at 10:00 to one post a second per workspace', async () => {
    const { sent, deliver } = recorder();
    const { schedule, scheduler } = setup(deliver);
    for (let i = 0; i < 10; i += 1) await schedule.setDue({ teamId: 'T1', userId: `U${i}` }, T);
    const result = await scheduler.runDue();
    expect(result).toMatchObject({ claimed: 10, sent: 10, failed: 0 });
    const times = sent.map((s) => s.at);
    for (let i = 1; i < times.length; i += 1) {
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(1_000);
    }
    expect((times.at(-1) as number) - T).toBe(9_000);
  });

  it('paces each workspace on its own', async () => {
    const { sent, deliver } = recorder();
    const { schedule, scheduler } = setup(deliver);
    await schedule.setDue({ teamId: 'T1', userId: 'A' }, T);
    await schedule.setDue({ teamId: 'T2', userId: 'B' }, T);
    await scheduler.runDue();
    expect(sent.map((s) => s.at - T)).toEqual([0, 0]);
  });

  it('honours 429 Retry-After for the whole workspace, then sends, once each', async () => {
    const { sent, deliver } = recorder({ limitFirst: 1 });
    const { schedule, scheduler } = setup(deliver);
    for (let i = 0; i < 3; i += 1) await schedule.setDue({ teamId: 'T1', userId: `U${i}` }, T);
    const result = await scheduler.runDue();
    expect(result).toMatchObject({ sent: 3, rateLimited: 1, failed: 0 });
    expect(sent.map((s) => s.user)).toEqual(['U0', 'U1', 'U2']);
    // The first post waits the 3 s Slack asked for; the others keep the usual second apart.
    expect(sent.map((s) => s.at - T)).toEqual([3_000, 4_000, 5_000]);
  });

  it('idle() resolves once the run under way (and any queued behind it) has finished', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { sent, deliver } = recorder();
    const slow: Deliver = async (key, ctx) => {
      await gate;
      return deliver(key, ctx);
    };
    const { schedule, scheduler } = setup(slow);
    await schedule.setDue({ teamId: 'T1', userId: 'U1' }, T);
    await scheduler.idle();
    expect(scheduler.busy).toBe(false);
    const run = scheduler.runDue();
    void scheduler.runDue();
    expect(scheduler.busy).toBe(true);
    let idle = false;
    const waiting = scheduler.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(scheduler.busy).toBe(false);
    expect(sent.map((s) => s.user)).toEqual(['U1']);
    expect((await run).sent).toBe(1);
  });

  it('gives up on a user after repeated 429s and tries again later, not now', async () => {
    const { sent, deliver } = recorder({ limitFirst: 4 });
    const { schedule, scheduler, clock } = setup(deliver);
    await schedule.setDue({ teamId: 'T1', userId: 'U1' }, T);
    const result = await scheduler.runDue();
    expect(result).toMatchObject({ sent: 0, failed: 1, rateLimited: 4 });
    expect(await schedule.getDue({ teamId: 'T1', userId: 'U1' })).toBeGreaterThan(T);
    await clock.advanceBy(60_000);
    expect((await scheduler.runDue()).sent).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('counts failures, and one failure does not stop the others', async () => {
    const { sent, deliver } = recorder({ failUser: 'U1' });
    const { schedule, scheduler } = setup(deliver);
    for (let i = 0; i < 3; i += 1) await schedule.setDue({ teamId: 'T1', userId: `U${i}` }, T);
    expect(await scheduler.runDue()).toMatchObject({ claimed: 3, sent: 2, failed: 1 });
    expect(sent.map((s) => s.user)).toEqual(['U0', 'U2']);
  });

  it('never double-sends when runs overlap', async () => {
    const { sent, deliver } = recorder();
    const { schedule, scheduler } = setup(deliver);
    for (let i = 0; i < 6; i += 1) await schedule.setDue({ teamId: 'T1', userId: `U${i}` }, T);
    const results = await Promise.all([scheduler.runDue(), scheduler.runDue(), scheduler.runDue()]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(6);
    expect(new Set(sent.map((s) => s.user)).size).toBe(6);
  });

  it('two instances sharing one store never send to the same user twice', async () => {
    const { sent, deliver } = recorder();
    const clock = new ManualClock(T);
    const schedule = new MemoryScheduleStore();
    const make = () =>
      new CheckinScheduler({ schedule, clock, deliver, logger, pollMs: 0, batchSize: 2 });
    for (let i = 0; i < 8; i += 1) await schedule.setDue({ teamId: 'T1', userId: `U${i}` }, T);
    const [a, b] = await Promise.all([make().runDue(), make().runDue()]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(8);
    expect(new Set(sent.map((s) => s.user)).size).toBe(8);
  });

  it('a thrown error is counted, logged without content, and the claim completed', async () => {
    const deliver: Deliver = async () => {
      throw new Error('boom');
    };
    const { schedule, scheduler, clock } = setup(deliver);
    await schedule.setDue({ teamId: 'T1', userId: 'U1' }, T);
    expect(await scheduler.runDue()).toMatchObject({ failed: 1 });
    await clock.advanceBy(10 * 60_000);
    expect(await scheduler.runDue()).toMatchObject({ claimed: 0 });
  });
});

/** A logger whose lines the test can read, parsed. */
function capturedLogger() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
  });
  return { logger: createLogger({ level: 'info', destination: stream }), lines };
}
const LEVEL = { info: 30, warn: 40, error: 50 };

describe('what the scheduler tells the operator', () => {
  it('one line per run that found someone due, with the counts; nothing for an empty run', async () => {
    const { logger: log, lines } = capturedLogger();
    const { sent, deliver } = recorder({ failUser: 'U1' });
    const schedule = new MemoryScheduleStore();
    const clock = new ManualClock(T);
    const scheduler = new CheckinScheduler({ schedule, clock, deliver, logger: log, pollMs: 0 });
    expect(await scheduler.runDue()).toEqual({
      claimed: 0,
      sent: 0,
      nudged: 0,
      skipped: 0,
      failed: 0,
      rateLimited: 0,
    });
    expect(lines).toEqual([]);
    for (const user of ['U0', 'U1']) await schedule.setDue({ teamId: 'T1', userId: user }, T);
    await scheduler.runDue();
    expect(sent.map((s) => s.user)).toEqual(['U0']);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: LEVEL.warn,
        msg: 'check-in not sent',
        team: 'T1',
        user: 'U1',
        code: 'messages_tab_disabled',
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: LEVEL.info,
        msg: 'check-ins run',
        claimed: 2,
        sent: 1,
        nudged: 0,
        skipped: 0,
        failed: 1,
        rateLimited: 0,
      }),
    );
  });

  it('counts nudges and skips apart from sends', async () => {
    const outcomes: Record<string, DeliverOutcome> = {
      U0: { type: 'nudged' },
      U1: { type: 'skipped' },
      U2: { type: 'sent' },
    };
    const deliver: Deliver = async (key) => outcomes[key.userId] as DeliverOutcome;
    const { schedule, scheduler } = setup(deliver);
    for (const user of Object.keys(outcomes)) {
      await schedule.setDue({ teamId: 'T1', userId: user }, T);
    }
    expect(await scheduler.runDue()).toEqual({
      claimed: 3,
      sent: 1,
      nudged: 1,
      skipped: 1,
      failed: 0,
      rateLimited: 0,
    });
  });

  it('a delivery that throws is logged with its message only, and the others still go', async () => {
    const { logger: log, lines } = capturedLogger();
    const { sent, deliver } = recorder();
    const throwing: Deliver = async (key, ctx) => {
      if (key.userId === 'U0') throw new Error('store down');
      return deliver(key, ctx);
    };
    const schedule = new MemoryScheduleStore();
    const scheduler = new CheckinScheduler({
      schedule,
      clock: new ManualClock(T),
      deliver: throwing,
      logger: log,
      pollMs: 0,
    });
    for (const user of ['U0', 'U1']) await schedule.setDue({ teamId: 'T1', userId: user }, T);
    expect(await scheduler.runDue()).toMatchObject({ claimed: 2, sent: 1, failed: 1 });
    expect(sent.map((s) => s.user)).toEqual(['U1']);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: LEVEL.warn,
        msg: 'check-in failed',
        team: 'T1',
        user: 'U0',
        err: expect.objectContaining({ message: 'store down', stack: '' }),
      }),
    );
  });
});

describe('when the scheduler gives up and when it tries again', () => {
  it('a delivery that throws something other than an Error is still counted, and the claim let go', async () => {
    const deliver: Deliver = () => Promise.reject(undefined);
    const { schedule, scheduler, clock } = setup(deliver);
    await schedule.setDue({ teamId: 'T1', userId: 'U1' }, T);
    expect(await scheduler.runDue()).toMatchObject({ claimed: 1, failed: 1 });
    await clock.advanceBy(10 * 60_000);
    expect(await scheduler.runDue()).toMatchObject({ claimed: 0 });
  });

  it('after the fourth 429 in a row it waits for the next run, Retry-After after the last one', async () => {
    const { deliver } = recorder({ limitFirst: 4 });
    const { schedule, scheduler } = setup(deliver);
    const key = { teamId: 'T1', userId: 'U1' };
    await schedule.setDue(key, T);
    expect(await scheduler.runDue()).toMatchObject({ rateLimited: 4, failed: 1, sent: 0 });
    // Tries at T, T+3 s, T+6 s, T+9 s (each 3 s after a 429), then again 3 s after the last.
    expect(await schedule.getDue(key)).toBe(T + 12_000);
  });

  it('a run the store fails does not stop the next one', async () => {
    const { sent, deliver } = recorder();
    const schedule = new MemoryScheduleStore();
    let down = true;
    const flaky = Object.assign(Object.create(schedule), {
      claimDue: (now: number, limit: number, leaseMs: number) =>
        down ? Promise.reject(new Error('store down')) : schedule.claimDue(now, limit, leaseMs),
    }) as MemoryScheduleStore;
    const scheduler = new CheckinScheduler({
      schedule: flaky,
      clock: new ManualClock(T),
      deliver,
      logger,
      pollMs: 0,
    });
    await schedule.setDue({ teamId: 'T1', userId: 'U1' }, T);
    await expect(scheduler.runDue()).rejects.toThrow('store down');
    down = false;
    expect(await scheduler.runDue()).toMatchObject({ claimed: 1, sent: 1 });
    expect(sent.map((s) => s.user)).toEqual(['U1']);
  });

  it('a claimed user is hidden from other instances for five minutes, then offered again', async () => {
    const schedule = new MemoryScheduleStore();
    const clock = new ManualClock(T);
    const key = { teamId: 'T1', userId: 'U1' };
    await schedule.setDue(key, T);
    // An instance that claims and then dies without completing.
    const stuck: Deliver = () => new Promise<DeliverOutcome>(() => {});
    const dying = new CheckinScheduler({ schedule, clock, deliver: stuck, logger, pollMs: 0 });
    void dying.runDue();
    await new Promise((resolve) => setImmediate(resolve));
    const { sent, deliver } = recorder();
    const other = new CheckinScheduler({ schedule, clock, deliver, logger, pollMs: 0 });
    await clock.advanceBy(5 * 60_000 - 1);
    expect(await other.runDue()).toMatchObject({ claimed: 0 });
    await clock.advanceBy(1);
    expect(await other.runDue()).toMatchObject({ claimed: 1, sent: 1 });
    expect(sent.map((s) => s.user)).toEqual(['U1']);
  });

  it('a big batch: everyone due goes out in one run, 25 claimed per trip to the store', async () => {
    const { sent, deliver } = recorder();
    const schedule = new MemoryScheduleStore();
    const trips: number[] = [];
    const counting = Object.assign(Object.create(schedule), {
      claimDue: async (now: number, limit: number, leaseMs: number) => {
        const claimed = await schedule.claimDue(now, limit, leaseMs);
        trips.push(claimed.length);
        return claimed;
      },
    }) as MemoryScheduleStore;
    const scheduler = new CheckinScheduler({
      schedule: counting,
      clock: new ManualClock(T),
      deliver,
      logger,
      pollMs: 0,
    });
    for (let i = 0; i < 30; i += 1) {
      await schedule.setDue({ teamId: `T${i}`, userId: `U${i}` }, T);
    }
    expect(await scheduler.runDue()).toMatchObject({ claimed: 30, sent: 30 });
    expect(trips).toEqual([25, 5]);
    expect(new Set(sent.map((s) => s.user)).size).toBe(30);
  });
});

describe('the scheduler on its own timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('looks for due users every 30 s by default, and not at all once stopped', async () => {
    vi.useFakeTimers();
    let now = T;
    const clock = { now: () => now, sleep: async () => {} };
    const { sent, deliver } = recorder();
    const schedule = new MemoryScheduleStore();
    const scheduler = new CheckinScheduler({ schedule, clock, deliver, logger });
    await schedule.setDue({ teamId: 'T1', userId: 'U1' }, T);
    scheduler.start();
    scheduler.start(); // a second start does not add a second timer
    await vi.advanceTimersByTimeAsync(29_999);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await scheduler.idle();
    expect(sent.map((s) => s.user)).toEqual(['U1']);
    // Polling carries on after a run.
    now += 60_000;
    await schedule.setDue({ teamId: 'T1', userId: 'U2' }, now);
    await vi.advanceTimersByTimeAsync(30_000);
    await scheduler.idle();
    expect(sent.map((s) => s.user)).toEqual(['U1', 'U2']);
    await scheduler.stop();
    await schedule.setDue({ teamId: 'T1', userId: 'U3' }, now);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent).toHaveLength(2);
  });

  it('a poll whose run fails is logged, and the next poll still runs', async () => {
    vi.useFakeTimers();
    const { logger: log, lines } = capturedLogger();
    const { sent, deliver } = recorder();
    const schedule = new MemoryScheduleStore();
    let down = true;
    const flaky = Object.assign(Object.create(schedule), {
      claimDue: (now: number, limit: number, leaseMs: number) =>
        down ? Promise.reject(new Error('store down')) : schedule.claimDue(now, limit, leaseMs),
    }) as MemoryScheduleStore;
    const scheduler = new CheckinScheduler({
      schedule: flaky,
      clock: { now: () => T, sleep: async () => {} },
      deliver,
      logger: log,
      pollMs: 1_000,
    });
    await schedule.setDue({ teamId: 'T1', userId: 'U1' }, T);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1_000);
    await scheduler.idle();
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: LEVEL.error,
        msg: 'check-in run failed',
        err: expect.objectContaining({ name: 'Error', message: 'store down', stack: '' }),
      }),
    );
    down = false;
    await vi.advanceTimersByTimeAsync(1_000);
    await scheduler.idle();
    expect(sent.map((s) => s.user)).toEqual(['U1']);
    await scheduler.stop();
  });

  it('stopped while a polled run is under way: that run finishes, and no poll comes after', async () => {
    vi.useFakeTimers();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { sent, deliver } = recorder();
    const gated: Deliver = async (key, ctx) => {
      await gate;
      return deliver(key, ctx);
    };
    const schedule = new MemoryScheduleStore();
    const clock = { now: () => T, sleep: async () => {} };
    const scheduler = new CheckinScheduler({
      schedule,
      clock,
      deliver: gated,
      logger,
      pollMs: 1_000,
    });
    await schedule.setDue({ teamId: 'T1', userId: 'U1' }, T);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(scheduler.busy).toBe(true);
    const stopped = scheduler.stop();
    release();
    await stopped;
    expect(sent.map((s) => s.user)).toEqual(['U1']);
    await schedule.setDue({ teamId: 'T1', userId: 'U2' }, T);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(scheduler.busy).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it('pollMs 0: no timer at all, it runs only when asked (or when a ManualClock moves)', async () => {
    vi.useFakeTimers();
    const { sent, deliver } = recorder();
    const schedule = new MemoryScheduleStore();
    const clock = { now: () => T, sleep: async () => {} };
    const scheduler = new CheckinScheduler({ schedule, clock, deliver, logger, pollMs: 0 });
    await schedule.setDue({ teamId: 'T1', userId: 'U1' }, T);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(sent).toHaveLength(0);
    expect(await scheduler.runDue()).toMatchObject({ sent: 1 });
    await scheduler.stop();
  });

  it('a poll whose store fails with a non-Error is logged too, and polling goes on', async () => {
    vi.useFakeTimers();
    const { logger: log, lines } = capturedLogger();
    const schedule = new MemoryScheduleStore();
    const broken = Object.assign(Object.create(schedule), {
      claimDue: () => Promise.reject(undefined),
    }) as MemoryScheduleStore;
    const { deliver } = recorder();
    const scheduler = new CheckinScheduler({
      schedule: broken,
      clock: { now: () => T, sleep: async () => {} },
      deliver,
      logger: log,
      pollMs: 1_000,
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(2_000);
    await scheduler.stop();
    expect(lines.filter((l) => l.msg === 'check-in run failed')).toHaveLength(2);
  });

  it('with a ManualClock, runs when the clock moves and stops listening once stopped', async () => {
    const { sent, deliver } = recorder();
    const { schedule, scheduler, clock } = setup(deliver);
    await schedule.setDue({ teamId: 'T1', userId: 'U1' }, T + 1_000);
    scheduler.start();
    await clock.advanceBy(1_000);
    expect(sent).toHaveLength(1);
    await scheduler.stop();
    await schedule.setDue({ teamId: 'T1', userId: 'U2' }, T + 2_000);
    await clock.advanceBy(1_000);
    expect(sent).toHaveLength(1);
    // Started again, it picks up where it left off.
    scheduler.start();
    await clock.advanceBy(0);
    expect(sent.map((s) => s.user)).toEqual(['U1', 'U2']);
  });
});
