import type { Logger } from '../logger.ts';
import {
  MemoryPaceStore,
  type PaceStore,
  type ScheduleStore,
  type UserKey,
} from '../store/index.ts';
import type { Clock, ManualClock } from './clock.ts';

/** What handling one due user came to. */
export type DeliverOutcome =
  | { type: 'sent' }
  | { type: 'nudged' }
  /** Nothing to send now (paused, stopped, forgotten, not yet due). */
  | { type: 'skipped' }
  | { type: 'failed'; code: string }
  /** Slack said 429: nothing was posted; try again after this long. */
  | { type: 'rate-limited'; retryAfterMs: number };

export interface DeliverContext {
  now(): number;
  /**
   * Waits for this workspace's turn and next posting slot; call it before each post, not for
   * skips, and never under the user's lock. The turn lasts until `deliver` returns: no other lane
   * (of any instance) posts to the workspace before then, so a post that lands late after its
   * slot never bunches with the next one.
   */
  pace(): Promise<void>;
}

/**
 * Handles one claimed user: decides, saves, sends, and sets their next due time with
 * ScheduleStore.setDue. It must never post twice for the same slot.
 */
export type Deliver = (key: UserKey, ctx: DeliverContext) => Promise<DeliverOutcome>;

export interface RunResult {
  claimed: number;
  sent: number;
  nudged: number;
  skipped: number;
  failed: number;
  /** 429s answered by waiting Retry-After (each counted once per wait). */
  rateLimited: number;
}

export interface CheckinSchedulerOptions {
  schedule: ScheduleStore;
  clock: Clock;
  deliver: Deliver;
  logger: Logger;
  /** Users claimed per round trip to the store. */
  batchSize?: number;
  /** How long a claim hides a user from other instances; longer than a batch takes. */
  leaseMs?: number;
  /**
   * Minimum gap between two posts to one workspace. Slack allows about one message a second
   * per channel, with a workspace-wide cap above that; one a second per workspace stays
   * under both, and a check-in a few minutes late matters to nobody.
   */
  sendIntervalMs?: number;
  /** How often to look for due users when nothing wakes the scheduler. */
  pollMs?: number;
  /** 429s in a row for one user before giving up until the next run. */
  maxRateLimitRetries?: number;
  /**
   * Each workspace's posting budget. Shared (Redis) across instances, so N instances together
   * stay within one workspace's pace; this process's memory by default.
   */
  pacer?: PaceStore;
  /**
   * Claimed users waiting in this process at once, across workspaces. Each workspace is its own
   * lane (one post at a time, at its pace); lanes run side by side, so a workspace that is slow or
   * rate-limited never holds up another.
   */
  maxQueued?: number;
  /**
   * Claimed users waiting in one workspace's lane at once. More claimed for a full lane go back
   * to the schedule (due now, behind everyone due earlier), so when a thousand workspaces fall due
   * together every lane gets work instead of the first few taking every claim.
   */
  laneDepth?: number;
}

/**
 * How long a turn at a workspace's budget may last past its slot before another lane takes it
 * anyway: longer than one delivery with its retries (each Web API call gives up after 10 s), and
 * short enough that a process dying mid-turn holds its workspace up for two minutes at most.
 */
const TURN_MS = 120_000;

const EMPTY: RunResult = { claimed: 0, sent: 0, nudged: 0, skipped: 0, failed: 0, rateLimited: 0 };

/**
 * Sends check-ins when they fall due. In-process: a timer polls the ScheduleStore, claims due
 * users (a lease, so two instances never both take one), and hands each to `deliver`, paced per
 * workspace. Runs never overlap.
 */
export class CheckinScheduler {
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly sendIntervalMs: number;
  private readonly pollMs: number;
  private readonly maxRateLimitRetries: number;
  private readonly pacer: PaceStore;
  private readonly maxQueued: number;
  private readonly laneDepth: number;
  private running: Promise<RunResult> = Promise.resolve(EMPTY);
  /** Runs asked for and not yet finished (the one under way and those queued behind it). */
  private pending = 0;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private started = false;
  private stopping = false;

  constructor(private readonly options: CheckinSchedulerOptions) {
    this.batchSize = options.batchSize ?? 25;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.sendIntervalMs = options.sendIntervalMs ?? 1_000;
    this.pollMs = options.pollMs ?? 30_000;
    this.maxRateLimitRetries = options.maxRateLimitRetries ?? 3;
    this.pacer = options.pacer ?? new MemoryPaceStore();
    this.maxQueued = options.maxQueued ?? 5_000;
    this.laneDepth = options.laneDepth ?? 5;
  }

  /** Handles everyone due now; resolves with what happened. Calls queue behind each other. */
  runDue(): Promise<RunResult> {
    this.pending += 1;
    const run = this.running.then(
      () => this.runOnce(),
      () => this.runOnce(),
    );
    this.running = run
      .catch(() => EMPTY)
      .finally(() => {
        this.pending -= 1;
      });
    return run;
  }

  /** True while a run is under way or queued. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /** Resolves once no run is under way or queued (a run started meanwhile is waited for too). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.running;
  }

  /** Polls on a real timer; with a ManualClock, also runs whenever the clock is advanced. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    const clock = this.options.clock as Partial<ManualClock>;
    if (typeof clock.onAdvance === 'function') {
      this.unsubscribe = clock.onAdvance(() => this.runDue());
    }
    const poll = () => {
      this.timer = setTimeout(() => {
        void this.runDue()
          .catch((error) => this.logFailure(error))
          .finally(() => {
            if (!this.stopping) poll();
          });
      }, this.pollMs);
      this.timer.unref();
    };
    if (this.pollMs > 0) poll();
  }

  /** Stops polling and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe?.();
    await this.running.catch(() => undefined);
  }

  private logFailure(error: unknown): void {
    this.options.logger.error(
      { err: { name: (error as Error)?.name, message: (error as Error)?.message } },
      'check-in run failed',
    );
  }

  private async runOnce(): Promise<RunResult> {
    const { schedule, clock } = this.options;
    const result = { ...EMPTY };
    // One lane per workspace: its users one after another, at its pace; lanes side by side.
    const lanes = new Map<string, Promise<void>>();
    const depth = new Map<string, number>();
    let queued = 0;
    let freed: () => void = () => {};
    const slotFreed = () =>
      new Promise<void>((resolve) => {
        freed = resolve;
      });
    for (;;) {
      const claimed = await schedule.claimDue(clock.now(), this.batchSize, this.leaseMs);
      let released = 0;
      for (const key of claimed) {
        const waiting = depth.get(key.teamId) ?? 0;
        if (waiting >= this.laneDepth) {
          // This workspace has enough waiting; hand the user back, behind everyone due before
          // now, so the next claims reach other workspaces (claims are oldest first).
          await schedule.complete(key);
          await schedule.setDue(key, clock.now());
          released += 1;
          continue;
        }
        result.claimed += 1;
        queued += 1;
        depth.set(key.teamId, waiting + 1);
        const lane = (lanes.get(key.teamId) ?? Promise.resolve())
          .then(() => this.handle(key, result))
          .finally(() => {
            queued -= 1;
            const left = (depth.get(key.teamId) ?? 1) - 1;
            if (left > 0) depth.set(key.teamId, left);
            else depth.delete(key.teamId);
            if (lanes.get(key.teamId) === lane) lanes.delete(key.teamId);
            freed();
          });
        lanes.set(key.teamId, lane);
      }
      if (this.stopping) break;
      if (claimed.length < this.batchSize && released === 0) break;
      // Everything claimed went back: wait for a lane to move before claiming again.
      if (released === claimed.length && lanes.size > 0) await slotFreed();
      while (queued >= this.maxQueued) await slotFreed();
    }
    await Promise.all(lanes.values());
    if (result.claimed > 0) {
      const { claimed, sent, nudged, skipped, failed, rateLimited } = result;
      this.options.logger.info(
        { claimed, sent, nudged, skipped, failed, rateLimited },
        'check-ins run',
      );
    }
    return result;
  }

  private async handle(key: UserKey, result: RunResult): Promise<void> {
    const { schedule, clock, deliver, logger } = this.options;
    try {
      for (let attempt = 0; ; attempt += 1) {
        const turn = new Turn(this.pacer, key.teamId, clock, this.sendIntervalMs);
        let outcome: DeliverOutcome;
        try {
          outcome = await deliver(key, { now: () => clock.now(), pace: () => turn.take() });
          if (outcome.type === 'rate-limited') {
            result.rateLimited += 1;
            // Slack asked the whole workspace to wait, not just this user (and every instance).
            await this.pacer.holdUntil(key.teamId, clock.now() + outcome.retryAfterMs, clock.now());
          }
        } finally {
          // The post has landed (or was never made): the next slot may come.
          await turn.release();
        }
        if (outcome.type === 'rate-limited') {
          if (attempt < this.maxRateLimitRetries) continue;
          await schedule.setDue(key, clock.now() + outcome.retryAfterMs);
          result.failed += 1;
          return;
        }
        if (outcome.type === 'sent') result.sent += 1;
        else if (outcome.type === 'nudged') result.nudged += 1;
        else if (outcome.type === 'skipped') result.skipped += 1;
        else {
          result.failed += 1;
          logger.warn(
            { team: key.teamId, user: key.userId, code: outcome.code },
            'check-in not sent',
          );
        }
        return;
      }
    } catch (error) {
      result.failed += 1;
      logger.warn(
        { team: key.teamId, user: key.userId, err: { message: (error as Error)?.message } },
        'check-in failed',
      );
    } finally {
      await schedule.complete(key);
    }
  }
}

/**
 * One delivery's turn at a workspace's budget. `take` waits for the workspace's turn (another
 * lane's post, in this instance or another, is still under way) and then for its slot; `release`
 * gives it back once the delivery is over, so the next slot comes no earlier than this post
 * landed. Waiting happens before the delivery takes the user's lock, never under it.
 */
class Turn {
  private held: string | undefined;

  constructor(
    private readonly pacer: PaceStore,
    private readonly teamId: string,
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  async take(): Promise<void> {
    // A second post in one delivery waits its own turn.
    await this.release();
    const { clock } = this;
    // Asking again while another lane posts: often enough to lose little of the interval.
    const pollMs = Math.max(1, Math.round(this.intervalMs / 20));
    for (;;) {
      const got = await this.pacer.take(this.teamId, this.intervalMs, clock.now(), TURN_MS);
      if ('slot' in got) {
        this.held = got.turn;
        // A timer may fire a millisecond early by the wall clock: wait until the slot has come.
        for (let wait = got.slot - clock.now(); wait > 0; wait = got.slot - clock.now())
          await clock.sleep(wait);
        return;
      }
      await clock.sleep(Math.max(pollMs, got.busyUntil - clock.now()));
    }
  }

  async release(): Promise<void> {
    const turn = this.held;
    if (turn === undefined) return;
    this.held = undefined;
    await this.pacer.release(this.teamId, turn, this.clock.now());
  }
}
