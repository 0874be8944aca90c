import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
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
