import { ErrorCode, type WebClient } from '@slack/web-api';

/**
 * Rate limits without holding everyone up.
 *
 * web-api's WebClient answers a 429 by pausing its whole request queue for Retry-After
 * (`this.requestQueue.pause()` in WebClient.makeRequest) unless `rejectRateLimitedCalls` is set,
 * and Bolt shares one client per token: one user's `Retry-After: 30` would delay every other
 * user's reply by 30 s. Slack's limits are per method and per workspace (and chat.postMessage per
 * channel: https://api.slack.com/apis/rate-limits), so the rest must proceed. The interactive
 * client therefore rejects rate-limited calls (app.ts) and each listener gets a view of it
 * (`forRequest`) that retries that one call after its Retry-After: bounded in retries and in the
 * wait it accepts, telling the user once when the wait is long, and giving up (the failure
 * policy says "slow down") past the limit.
 *
 * A per-request view rather than AsyncLocalStorage: on Node 20 an AsyncLocalStorage turns on
 * promise hooks for every promise in the process, a cost paid on every request for a wait that
 * almost never happens.
 */
export interface RateLimitPolicy {
  /** The longest Retry-After waited out; a longer one fails the call at once. */
  maxWaitSec: number;
  /** From this wait on, the user is told it will take a moment. */
  noticeFromSec: number;
  /** Rate-limited retries of one call. */
  maxRetries: number;
}

export const RATE_LIMIT_POLICY: RateLimitPolicy = {
  maxWaitSec: 30,
  noticeFromSec: 5,
  maxRetries: 2,
};

/** The Web API namespaces the listeners call; their methods are retried one call at a time. */
const NAMESPACES = new Set(['auth', 'chat', 'conversations', 'users', 'views']);

type ApiMethod = (args?: unknown) => Promise<unknown>;

/** The rate-limit error web-api throws with rejectRateLimitedCalls: its Retry-After, in seconds. */
function retryAfterOf(error: unknown): number | undefined {
  const e = error as { code?: string; retryAfter?: unknown } | null;
  return e?.code === ErrorCode.RateLimitedError && typeof e.retryAfter === 'number'
    ? e.retryAfter
    : undefined;
}

export class RateLimits {
  private readonly stopping = new AbortController();

  constructor(private readonly policy: RateLimitPolicy = RATE_LIMIT_POLICY) {}

  /**
   * `client` as one listener uses it: `client.chat.postMessage(…)` and the other namespaced
   * methods retry a rate-limited call after its Retry-After, and the first long wait is told
   * through `tell` (once per request). Everything else is the client itself.
   */
  forRequest(client: WebClient, tell?: (waitSec: number) => Promise<void>): WebClient {
    let told = false;
    const notify = async (waitSec: number) => {
      if (!tell || told || waitSec < this.policy.noticeFromSec) return;
      told = true;
      await tell(waitSec).catch(() => {});
    };
    const spaces = new Map<string, object>();
    return new Proxy(client, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof prop !== 'string' || !NAMESPACES.has(prop) || typeof value !== 'object')
          return value;
        let space = spaces.get(prop);
        if (!space) {
          space = this.wrapSpace(value as object, notify);
          spaces.set(prop, space);
        }
        return space;
      },
    });
  }

  /** Ends every wait under way (shutdown): those calls fail as rate-limited. */
  stop(): void {
    this.stopping.abort();
  }

  private wrapSpace(space: object, notify: (waitSec: number) => Promise<void>): object {
    return new Proxy(space, {
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        const method = value as ApiMethod;
        return (args?: unknown) => this.retrying(() => method(args), notify);
      },
    });
  }

  private async retrying<T>(call: () => Promise<T>, notify: (s: number) => Promise<void>) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const wait = retryAfterOf(error);
        if (
          wait === undefined ||
          wait > this.policy.maxWaitSec ||
          attempt >= this.policy.maxRetries ||
          this.stopping.signal.aborted
        )
          throw error;
        await notify(wait);
        await this.sleep(wait * 1000, error);
      }
    }
  }

  private sleep(ms: number, error: unknown): Promise<void> {
    const { signal } = this.stopping;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
