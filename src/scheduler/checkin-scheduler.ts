import type { Logger } from '../logger.ts';
import type { ScheduleStore, UserKey } from '../store/index.ts';
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
  /** Waits for this workspace's next posting slot; call it before each post, not for skips. */
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
}

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
  /** Per workspace: the earliest time the next post may go. */
  private readonly nextSlot = new Map<string, number>();
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
    for (;;) {
      const claimed = await schedule.claimDue(clock.now(), this.batchSize, this.leaseMs);
      result.claimed += claimed.length;
      for (const key of claimed) await this.handle(key, result);
      if (claimed.length < this.batchSize || this.stopping) break;
    }
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
        const outcome = await deliver(key, {
          now: () => clock.now(),
          pace: () => this.pace(key.teamId),
        });
        if (outcome.type === 'rate-limited') {
          result.rateLimited += 1;
          // Slack asked the whole workspace to wait, not just this user.
          this.nextSlot.set(key.teamId, clock.now() + outcome.retryAfterMs);
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

  private async pace(teamId: string): Promise<void> {
    const { clock } = this.options;
    const wait = (this.nextSlot.get(teamId) ?? 0) - clock.now();
    if (wait > 0) await clock.sleep(wait);
    this.nextSlot.set(teamId, clock.now() + this.sendIntervalMs);
  }
}
