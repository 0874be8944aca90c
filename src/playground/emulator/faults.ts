/**
 * Fault injection: the queue of failures tests ask for with `failNext`, and the HTTP status each is
 * served with. The Web API / response_url server (`web-api-server.ts`) takes one fault per call
 * before it does any work; this file only decides which fault, if any, that call gets.
 */
import type { Fault } from './types.ts';

/** The method name response_url calls are recorded (and faulted) under. */
export const RESPONSE_URL_METHOD = 'response_url';

/** How a fault is served: `retryAfter` is the 429's Retry-After in seconds (Slack's go up to 60). */
export interface FaultOptions {
  times?: number;
  retryAfter?: number;
}

type ServedFault = { fault: Fault; remaining: number; retryAfter: number };

/** The longest Retry-After the emulator answers, like the longest Slack documents in practice. */
export const MAX_RETRY_AFTER_S = 60;

export class FaultInjector {
  private readonly faults = new Map<string, ServedFault[]>();

  /**
   * The next `times` calls to `method` (or `'*'` for any, `'response_url'` for response URLs) fail
   * with `fault`. Faults queue per method and are served in the order they were asked for.
   */
  failNext(method: string, fault: Fault, options: FaultOptions = {}): void {
    const queue = this.faults.get(method) ?? [];
    const retryAfter = Math.min(
      MAX_RETRY_AFTER_S,
      Math.max(1, Math.round(options.retryAfter ?? 1)),
    );
    queue.push({ fault, remaining: options.times ?? 1, retryAfter });
    this.faults.set(method, queue);
  }

  clear(): void {
    this.faults.clear();
  }

  /** The fault this call to `method` gets (its own queue first, then `'*'`), if any. */
  take(method: string): Pick<ServedFault, 'fault' | 'retryAfter'> | undefined {
    for (const key of [method, '*']) {
      const queue = this.faults.get(key);
      const head = queue?.[0];
      if (!queue || !head) continue;
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      return { fault: head.fault, retryAfter: head.retryAfter };
    }
    return undefined;
  }
}

/** The HTTP status an injected fault is served with. */
export function faultStatus(method: string, fault: Fault): number {
  if (fault === 'ratelimited') return 429;
  if (fault === 'internal_error') return 500;
  // The Web API says no in its JSON; a response_url says no with its status, like this
  // emulator's own response_url refusals.
  if (method !== RESPONSE_URL_METHOD) return 200;
  return /^(expired|used)_url$/.test(fault) ? 404 : 400;
}
