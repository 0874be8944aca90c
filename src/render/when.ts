/**
 * Dates and times for people. Slack's `<!date>` token shows the moment in the reader's own
 * zone and clock format; the fallback (for clients that cannot) is written in the user's zone
 * from users.info, never in UTC.
 */

function fallback(at: number, tz: string, withTime: boolean): string {
  const zone = safeZone(tz);
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: withTime ? 'short' : undefined,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(at);
  if (!withTime) return date;
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${date}, ${time} (${zone})`;
}

function safeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

/** "Tue 14 Oct 2025 at 10:00" in the reader's zone. */
export function slackDateTime(at: number, tz: string): string {
  const s = Math.floor(at / 1000);
  return `<!date^${s}^{date_short_pretty} at {time}|${fallback(at, tz, true)}>`;
}

/** "Oct 14, 2025" in the reader's zone. */
export function slackDay(at: number, tz: string): string {
  const s = Math.floor(at / 1000);
  return `<!date^${s}^{date_short}|${fallback(at, tz, false)}>`;
}

/** "December 1st, 2026" in the reader's zone; the fallback is the plain day. */
export function slackDate(at: number, tz: string): string {
  const s = Math.floor(at / 1000);
  return `<!date^${s}^{date_long}|${fallback(at, tz, false)}>`;
}

/** Plain text (no token) for places Slack shows verbatim, like option labels. */
export function plainDay(at: number, tz: string): string {
  return fallback(at, tz, false);
}
