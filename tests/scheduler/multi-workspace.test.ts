import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { CheckinScheduler, type Deliver, systemClock } from '../../src/scheduler/index.ts';
import { MemoryScheduleStore, type PaceStore, type UserKey } from '../../src/store/index.ts';
import { RedisPaceStore, RedisScheduleStore } from '../../src/store/redis/index.ts';
import { HAS_REDIS_SERVER, NO_REDIS_REASON, redisServerForSuite } from '../support/redis-server.ts';
import { SteppedClock } from '../support/stepped-clock.ts';

const T = Date.parse('2026-03-02T09:00:00Z');
const logger = createLogger({ level: 'silent', destination: new PassThrough() });

interface Sent {
  team: string;
  user: string;
  at: number;
}

function recorder(now: () => number, limited: Record<string, number> = {}) {
  const sent: Sent[] = [];
  const deliver: Deliver = async (key: UserKey, ctx) => {
    await ctx.pace();
    if ((limited[key.teamId] ?? 0) > 0) {
      limited[key.teamId] = (limited[key.teamId] ?? 0) - 1;
      return { type: 'rate-limited', retryAfterMs: 60_000 };
    }
    sent.push({ team: key.teamId, user: key.userId, at: now() });
    return { type: 'sent' };
  };
  return { sent, deliver };
}

const timesOf = (sent: Sent[], team: string) =>
  sent.filter((s) => s.team === team).map((s) => s.at - T);

describe('check-ins across many workspaces', () => {
  it('each workspace at its own pace, side by side: 3 × 5 users take 4 s, not 14 s', async () => {
    const clock = new SteppedClock(T);
    const { sent, deliver } = recorder(() => clock.now());
    const schedule = new MemoryScheduleStore();
    for (const team of ['T1', 'T2', 'T3'])
      for (let i = 0; i < 5; i += 1) await schedule.setDue({ teamId: team, userId: `U${i}` }, T);
    const scheduler = new CheckinScheduler({ schedule, clock, deliver, logger, pollMs: 0 });
    const result = await clock.drive(scheduler.runDue());
    expect(result).toMatchObject({ claimed: 15, sent: 15 });
    for (const team of ['T1', 'T2', 'T3'])
      expect(timesOf(sent, team)).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('a rate-limited workspace never holds up another', async () => {
    const clock = new SteppedClock(T);
    const { sent, deliver } = recorder(() => clock.now(), { T1SLOW: 1 });
    const schedule = new MemoryScheduleStore();
    // The slow workspace's users come first in the claim order (same time, then by id).
    for (const team of ['T1SLOW', 'T2FAST'])
      for (let i = 0; i < 3; i += 1) await schedule.setDue({ teamId: team, userId: `U${i}` }, T);
    const scheduler = new CheckinScheduler({ schedule, clock, deliver, logger, pollMs: 0 });
    const result = await clock.drive(scheduler.runDue());
    expect(result).toMatchObject({ sent: 6, rateLimited: 1 });
    expect(timesOf(sent, 'T2FAST')).toEqual([0, 1000, 2000]);
    expect(timesOf(sent, 'T1SLOW')).toEqual([60_000, 61_000, 62_000]);
  });

  it('a bounded queue still keeps every lane moving', async () => {
    const clock = new SteppedClock(T);
    const { sent, deliver } = recorder(() => clock.now());
    const schedule = new MemoryScheduleStore();
    for (let i = 0; i < 12; i += 1) {
      await schedule.setDue({ teamId: `T${i % 4}`, userId: `U${i}` }, T);
    }
    const scheduler = new CheckinScheduler({
      schedule,
      clock,
      deliver,
      logger,
      pollMs: 0,
      batchSize: 2,
      maxQueued: 3,
    });
    expect((await clock.drive(scheduler.runDue())).sent).toBe(12);
    expect(new Set(sent.map((s) => s.user)).size).toBe(12);
    for (let t = 0; t < 4; t += 1) {
      const times = timesOf(sent, `T${t}`);
      for (let i = 1; i < times.length; i += 1)
        expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(1000);
    }
  });
});

describe('fair claims when many workspaces fall due together', () => {
  it('a full lane hands users back, so every workspace gets going at once', async () => {
    const clock = new SteppedClock(T);
    const { sent, deliver } = recorder(() => clock.now());
    const schedule = new MemoryScheduleStore();
    // Claims come oldest first, then by id: all of T0's users before any of T1's. All fell due
    // a minute ago (the scheduler polls; it is never exactly on time).
    for (let t = 0; t < 10; t += 1)
      for (let i = 0; i < 5; i += 1)
        await schedule.setDue({ teamId: `T${t}`, userId: `U${i}` }, T - 60_000);
    const scheduler = new CheckinScheduler({
      schedule,
      clock,
      deliver,
      logger,
      pollMs: 0,
      batchSize: 5,
      maxQueued: 10,
      laneDepth: 1,
    });
    const result = await clock.drive(scheduler.runDue());
    expect(result).toMatchObject({ claimed: 50, sent: 50 });
    for (let t = 0; t < 10; t += 1)
      expect(timesOf(sent, `T${t}`)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(new Set(sent.map((s) => `${s.team}:${s.user}`)).size).toBe(50);
  });
});

describe.skipIf(!HAS_REDIS_SERVER)(
  `two instances sharing Redis${HAS_REDIS_SERVER ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    const redis = redisServerForSuite();

    it('every check-in exactly once, and together no faster than one workspace’s pace', async () => {
      const client = redis().client();
      await client.flushall();
      const INTERVAL = 15;
      const teams = ['TA', 'TB', 'TC', 'TD'];
      const setup = new RedisScheduleStore(client);
      for (const team of teams)
        for (let i = 0; i < 8; i += 1) await setup.setDue({ teamId: team, userId: `U${i}` }, T);
      // Every slot either instance reserves, per workspace: the shared budget under test.
      const slots = new Map<string, number[]>();
      // Within one instance a workspace's lane is one user at a time: its last slot is theirs.
      const recording = (pacer: PaceStore, last: Map<string, number>): PaceStore => ({
        take: async (team, interval, now, turnMs) => {
          const got = await pacer.take(team, interval, now, turnMs);
          if ('slot' in got) {
            slots.set(team, [...(slots.get(team) ?? []), got.slot]);
            last.set(team, got.slot);
          }
          return got;
        },
        release: (team, turn, now) => pacer.release(team, turn, now),
        holdUntil: (team, until, now) => pacer.holdUntil(team, until, now),
      });
      const sent: (Sent & { slot: number })[] = [];
      const instance = () => {
        const c = redis().client();
        const last = new Map<string, number>();
        const deliver: Deliver = async (key, ctx) => {
          await ctx.pace();
          const at = Date.now();
          sent.push({ team: key.teamId, user: key.userId, at, slot: last.get(key.teamId) ?? 0 });
          return { type: 'sent' };
        };
        return {
          c,
          scheduler: new CheckinScheduler({
            schedule: new RedisScheduleStore(c),
            pacer: recording(new RedisPaceStore(c), last),
            clock: systemClock,
            deliver,
            logger,
            pollMs: 0,
            batchSize: 5,
            sendIntervalMs: INTERVAL,
          }),
        };
      };
      const [a, b] = [instance(), instance()];
      const [ra, rb] = await Promise.all([a.scheduler.runDue(), b.scheduler.runDue()]);
      expect((ra?.sent ?? 0) + (rb?.sent ?? 0)).toBe(32);
      // Both instances took part, and nobody got two.
      expect((ra?.sent ?? 0) * (rb?.sent ?? 0)).toBeGreaterThan(0);
      expect(new Set(sent.map((s) => `${s.team}:${s.user}`)).size).toBe(32);
      for (const team of teams) {
        const taken = [...(slots.get(team) ?? [])].sort((x, y) => x - y);
        expect(taken).toHaveLength(8);
        for (let i = 1; i < taken.length; i += 1)
          expect((taken[i] as number) - (taken[i - 1] as number)).toBeGreaterThanOrEqual(INTERVAL);
      }
      for (const s of sent) expect(s.at).toBeGreaterThanOrEqual(s.slot);
      a.c.disconnect();
      b.c.disconnect();
      client.disconnect();
    });

    it('a 429 seen by one instance holds the workspace for the other too', async () => {
      const client = redis().client();
      await client.flushall();
      const one = new RedisPaceStore(client);
      const two = new RedisPaceStore(redis().client());
      await one.holdUntil('TX', T + 30_000, T);
      const first = await two.take('TX', 1000, T, 60_000);
      expect(first).toMatchObject({ slot: T + 30_000 });
      // While the other instance's post is under way, no slot: ask again at the next one.
      expect(await one.take('TX', 1000, T, 60_000)).toEqual({ busyUntil: T + 31_000 });
      if ('turn' in first) await two.release('TX', first.turn, T + 30_010);
      expect(await one.take('TX', 1000, T, 60_000)).toMatchObject({ slot: T + 31_000 });
      expect(await two.take('TY', 1000, T, 60_000)).toMatchObject({ slot: T });
    });
  },
);
