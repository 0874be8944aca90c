import { z } from 'zod';

export type RunMode = 'http' | 'socket' | 'playground';

export interface Config {
  mode: RunMode;
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `url` (redis://…) switches users' state, schedules and dedupe to Redis; unset: memory. */
  store: { maxUsers: number; ttlMs: number; url?: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional());

const envSchema = z.object({
  SLACK_BOT_TOKEN: optional(
    z.string().trim().startsWith('xoxb-', 'must be a bot token starting with xoxb-'),
  ),
  SLACK_SIGNING_SECRET: optional(
    z
      .string()
      .trim()
      .regex(/^[0-9a-f]{16,}$/i, 'must be the hex signing secret from Basic Information'),
  ),
  SLACK_APP_TOKEN: optional(
    z.string().trim().startsWith('xapp-', 'must be an app-level token starting with xapp-'),
  ),
  SLACK_API_URL: optional(
    z
      .url('must be a URL such as https://slack.com/api/')
      .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
  ),
  PORT: optional(
    // 0 lets the system pick a free port; the bot logs the one it got (tests use this).
    z.coerce
      .number('must be a number')
      .int()
      .min(0, 'must be 0 to 65535')
      .max(65535, 'must be 0 to 65535'),
  ).default(3000),
  LOG_LEVEL: optional(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  ).default('info'),
  STATE_MAX_USERS: optional(
    z.coerce.number('must be a number').int().min(1, 'must be at least 1'),
  ).default(50_000),
  STATE_TTL_DAYS: optional(
    z.coerce.number('must be a number').positive('must be more than 0'),
  ).default(30),
  STATE_STORE_URL: optional(
    z
      .string()
      .trim()
      .refine(
        (u) => /^rediss?:\/\/[^/\s]/.test(u) && URL.canParse(u),
        'must be a redis:// or rediss:// URL such as redis://localhost:6379/0; leave it empty to keep state in memory',
      ),
  ),
});

/** Reads configuration from an env-like object; every problem is reported at once, one line each. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
      ),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  let mode: RunMode = 'playground';
  if (e.SLACK_BOT_TOKEN || e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
    if (!e.SLACK_BOT_TOKEN)
      problems.push(
        'SLACK_BOT_TOKEN: is required when any other Slack credential is set (OAuth & Permissions → Bot User OAuth Token)',
      );
    if (e.SLACK_APP_TOKEN) {
      mode = 'socket';
    } else {
      mode = 'http';
      if (!e.SLACK_SIGNING_SECRET)
        problems.push(
          'SLACK_SIGNING_SECRET: is required for HTTP mode (Basic Information → Signing Secret); or set SLACK_APP_TOKEN for Socket Mode',
        );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    mode,
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    apiUrl: e.SLACK_API_URL,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    store: {
      maxUsers: e.STATE_MAX_USERS,
      ttlMs: Math.round(e.STATE_TTL_DAYS * 86_400_000),
      ...(e.STATE_STORE_URL ? { url: e.STATE_STORE_URL } : {}),
    },
  };
}
