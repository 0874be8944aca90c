import { ErrorCode } from '@slack/web-api';
import { isStoreUnavailable } from '../../store/index.ts';

/** The Slack error code behind a failed Web API call: `not_in_channel`, `ratelimited`, `network`… */
export function slackErrorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown';
  if (isStoreUnavailable(error)) return 'store_unavailable';
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number };
  if (e.code === ErrorCode.PlatformError && e.data?.error) return e.data.error;
  if (e.code === ErrorCode.RateLimitedError) return 'ratelimited';
  // After its last retry on a 429 the client throws a plain Error, which it wraps as a request
  // error: without this the user would be told "try again" instead of "give it a few seconds".
  const original = (error as { original?: unknown }).original;
  if (isRateLimitMessage(original) || isRateLimitMessage(error)) return 'ratelimited';
  if (e.code === ErrorCode.RequestError) return 'network';
  if (e.code === ErrorCode.HTTPError) return `http_${e.statusCode ?? 'error'}`;
  return 'unknown';
}

function isRateLimitMessage(error: unknown): boolean {
  return error instanceof Error && /rate limit was exceeded/i.test(error.message);
}
