import { createHmac } from 'node:crypto';

/**
 * Slack request signing (https://docs.slack.dev/authentication/verifying-requests-from-slack):
 * signature = 'v0=' + hex(HMAC-SHA256(signingSecret, `v0:${timestamp}:${rawBody}`)).
 */
export function computeSignature(secret: string, body: string, timestampSec: number): string {
  const base = `v0:${timestampSec}:${body}`;
  return `v0=${createHmac('sha256', secret).update(base).digest('hex')}`;
}

export type SignedHeaders = {
  'X-Slack-Request-Timestamp': string;
  'X-Slack-Signature': string;
};

/** Headers Slack adds to every request it sends to an app. */
export function signRequest(secret: string, body: string, timestampSec: number): SignedHeaders {
  return {
    'X-Slack-Request-Timestamp': String(timestampSec),
    'X-Slack-Signature': computeSignature(secret, body, timestampSec),
  };
}
