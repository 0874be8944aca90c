import { AsyncLocalStorage } from 'node:async_hooks';
import { ErrorCode, type WebClient } from '@slack/web-api';

/**
 * Rate limits without holding everyone up.
 *
 * web-api's WebClient answers a 429 by pausing its whole request queue for Retry-After
 * (`this.requestQueue.pause()` in WebClient.makeRequest) unless `rejectRateLimitedCalls` is set,
 * and Bolt shares one client per token: one user's `Retry-After: 30` would delay every other
 * user's reply by 30 s. Slack's limits are per method and per workspace (and chat.postMessage per
 * channel: https://api.slack.com/apis/rate-limits), so the rest must proceed. The interactive
 * client therefore rejects rate-limited calls (app.ts) and this retries that one call after its
 * Retry-After, outside the queue: bounded in retries and in the wait it accepts, telling the user
 * once when the wait is long, and giving up (the failure policy says "slow down") past the limit.
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

/** What the interaction under way tells its user when a call must wait (set by the router). */
type Notice = { tell: (waitSec: number) => Promise<void>; told: boolean };
const notices = new AsyncLocalStorage<Notice>();

/** Runs `work` so that a long rate-limit wait inside it is told once through `tell`. */
export function withRateLimitNotice<T>(
  tell: (waitSec: number) => Promise<void>,
  work: () => Promise<T>,
): Promise<T> {
  return notices.run({ tell, told: false }, work);
}

type MakeRequest = (
  url: string,
  body: Record<string, unknown>,
  headers?: object,
) => Promise<unknown>;

/** The rate-limit error web-api throws with rejectRateLimitedCalls: its Retry-After, in seconds. */
function retryAfterOf(error: unknown): number | undefined {
  const e = error as { code?: string; retryAfter?: unknown } | null;
  return e?.code === ErrorCode.RateLimitedError && typeof e.retryAfter === 'number'
    ? e.retryAfter
    : undefined;
}

export class RateLimits {
  private readonly adopted = new WeakSet<WebClient>();
  private readonly stopping = new AbortController();

  constructor(private readonly policy: RateLimitPolicy = RATE_LIMIT_POLICY) {}

  /**
   * Retries `client`'s rate-limited calls one by one. Every named method (chat.postMessage…) is
   * bound to `apiCall` when the client is built, and `apiCall` calls `this.makeRequest` for each
   * HTTP request, so the instance's `makeRequest` is where one call can be retried on its own.
   */
  adopt(client: WebClient): void {
    if (this.adopted.has(client)) return;
    this.adopted.add(client);
    const target = client as unknown as { makeRequest: MakeRequest };
    const original = target.makeRequest.bind(client);
    target.makeRequest = async (url, body, headers) => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await original(url, body, headers);
        } catch (error) {
          const wait = retryAfterOf(error);
          if (
            wait === undefined ||
            wait > this.policy.maxWaitSec ||
            attempt >= this.policy.maxRetries ||
            this.stopping.signal.aborted
          )
            throw error;
          await this.tellLongWait(wait);
          await this.sleep(wait * 1000, error);
        }
      }
    };
  }

  /** Ends every wait under way (shutdown): those calls fail as rate-limited. */
  stop(): void {
    this.stopping.abort();
  }

  private async tellLongWait(waitSec: number): Promise<void> {
    const notice = notices.getStore();
    if (!notice || notice.told || waitSec < this.policy.noticeFromSec) return;
    notice.told = true;
    // Outside this context, so the notice's own call is not retried or told about again.
    await notices.exit(() => notice.tell(waitSec)).catch(() => {});
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
