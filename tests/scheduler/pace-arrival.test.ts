import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { CheckinScheduler, type Deliver } from '../../src/scheduler/index.ts';
import { MemoryPaceStore, MemoryScheduleStore } from '../../src/store/index.ts';
import { SteppedClock } from '../support/stepped-clock.ts';

const T = Date.parse('2026-03-02T09:00:00Z');
const INTERVAL = 1000;
const logger = createLogger({ level: 'silent', destination: new PassThrough() });

/** The most posts that land in any window of `window` ms (half-open), and where it starts. */
function busiestWindow(arrivals: number[], window: number): number {
  const times = [...arrivals].sort((x, y) => x - y);
  let worst = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi += 1) {
    while ((times[hi] as number) - (times[lo] as number) >= window) lo += 1;
    worst = Math.max(worst, hi - lo + 1);
  }
  return worst;
}

describe('a workspace’s pace, measured where the posts land', () => {
  it('two instances, posts landing late after their slot: no 10 s window holds more than 11', async () => {
    const clock = new SteppedClock(T);
    const schedule = new MemoryScheduleStore();
    // Both instances reserve from one budget, as they do through Redis.
    const pacer = new MemoryPaceStore();
    const USERS = 24;
    for (let i = 0; i < USERS; i += 1)
      await schedule.setDue({ teamId: 'T1', userId: `U${String(i).padStart(2, '0')}` }, T);
    // What happens between the slot and the post (the user's lock, reads and saves, the DM
    // lookup) takes time, and on a loaded host sometimes most of an interval or more.
    const work = (user: string) => [1_700, 0, 900, 50, 1_200, 0][Number(user.slice(1)) % 6] ?? 0;
    const landed: { user: string; at: number }[] = [];
    const deliver: Deliver = async (key, ctx) => {
      await ctx.pace();
      await clock.sleep(work(key.userId));
      landed.push({ user: key.userId, at: clock.now() });
      return { type: 'sent' };
    };
    const instance = () =>
      new CheckinScheduler({
        schedule,
        pacer,
        clock,
        deliver,
        logger,
        pollMs: 0,
        batchSize: 2,
        laneDepth: 2,
        sendIntervalMs: INTERVAL,
      });
    const [a, b] = [instance(), instance()];
    const [ra, rb] = await clock.drive(Promise.all([a.runDue(), b.runDue()]));
    // Both instances took part, and each user got one check-in.
    expect(ra.sent * rb.sent).toBeGreaterThan(0);
    expect(ra.sent + rb.sent).toBe(USERS);
    expect(new Set(landed.map((l) => l.user)).size).toBe(USERS);
    // Ten intervals hold ten slots, plus one at the window's edge.
    expect(
      busiestWindow(
        landed.map((l) => l.at),
        10 * INTERVAL,
      ),
    ).toBeLessThanOrEqual(11);
  });
});
