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
  // error with that Error as `original` (web-api WebClient.js makeRequest, its catch): without
  // this the user would be told "try again" instead of "give it a few seconds".
  if (isRateLimitMessage((error as { original?: unknown }).original)) return 'ratelimited';
  if (e.code === ErrorCode.RequestError) return 'network';
  if (e.code === ErrorCode.HTTPError) return `http_${e.statusCode}`;
  return 'unknown';
}

/** web-api's own words for it: `A rate limit was exceeded (url: …, retry-after: …)`. */
function isRateLimitMessage(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('A rate limit was exceeded');
}
