import { z } from 'zod';

export type RunMode = 'http' | 'socket' | 'playground' | 'oauth';

/** OAuth mode: Bolt's install flow, one installation per workspace or Enterprise Grid org. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** Where Slack sends the installer back; unset: the Redirect URL in the app's settings. */
  redirectUri?: string;
  /** 32 bytes: installations (their tokens) are encrypted at rest with AES-256-GCM. */
  encryptionKey?: Buffer;
}

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
  /** Set in OAuth mode only. */
  oauth?: OAuthConfig;
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
  SLACK_CLIENT_ID: optional(
    z
      .string()
      .trim()
      .regex(/^\d+\.\d+$/, 'must be the Client ID from Basic Information, such as 1234.5678'),
  ),
  SLACK_CLIENT_SECRET: optional(
    z
      .string()
      .trim()
      .regex(/^[0-9a-f]{16,}$/i, 'must be the hex Client Secret from Basic Information'),
  ),
  SLACK_STATE_SECRET: optional(
    z.string().trim().min(16, 'must be at least 16 characters (a long random string of yours)'),
  ),
  SLACK_REDIRECT_URI: optional(
    z
      .url('must be a URL such as https://bot.example.com/slack/oauth_redirect')
      .refine(
        (u) => new URL(u).pathname === '/slack/oauth_redirect',
        'must end in /slack/oauth_redirect, the path the bot serves',
      ),
  ),
  INSTALLATION_ENCRYPTION_KEY: optional(
    z
      .string()
      .trim()
      .refine(
        (k) => decodeKey(k) !== undefined,
        'must be 32 random bytes as 64 hex characters or base64 (openssl rand -hex 32)',
      ),
  ),
});

/** 64 hex characters or base64 of 32 bytes; anything else is not a key. */
function decodeKey(text: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text)) {
    const key = Buffer.from(text, 'base64');
    if (key.length === 32) return key;
  }
  return undefined;
}

const OAUTH_VARS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

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
  const oauthSet = OAUTH_VARS.filter((name) => e[name] !== undefined);
  if (oauthSet.length > 0 && !e.SLACK_BOT_TOKEN) {
    mode = 'oauth';
    for (const name of OAUTH_VARS)
      if (e[name] === undefined)
        problems.push(
          `${name}: is required for OAuth mode (set with ${oauthSet.join(', ')}); ${
            name === 'SLACK_STATE_SECRET'
              ? 'any long random string of yours'
              : 'Basic Information → App Credentials'
          }`,
        );
    if (!e.SLACK_SIGNING_SECRET)
      problems.push(
        'SLACK_SIGNING_SECRET: is required for OAuth mode (Basic Information → Signing Secret)',
      );
    if (e.SLACK_APP_TOKEN)
      problems.push(
        'SLACK_APP_TOKEN: OAuth mode serves installs over HTTP; unset it (Socket Mode is for one workspace, with SLACK_BOT_TOKEN)',
      );
  } else if (oauthSet.length > 0) {
    problems.push(
      `SLACK_BOT_TOKEN: set together with ${oauthSet.join(', ')}; keep SLACK_BOT_TOKEN for one workspace, or unset it for OAuth mode`,
    );
  } else if (e.SLACK_BOT_TOKEN || e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
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
    ...(mode === 'oauth'
      ? {
          oauth: {
            clientId: e.SLACK_CLIENT_ID as string,
            clientSecret: e.SLACK_CLIENT_SECRET as string,
            stateSecret: e.SLACK_STATE_SECRET as string,
            ...(e.SLACK_REDIRECT_URI ? { redirectUri: e.SLACK_REDIRECT_URI } : {}),
            ...(e.INSTALLATION_ENCRYPTION_KEY
              ? { encryptionKey: decodeKey(e.INSTALLATION_ENCRYPTION_KEY) as Buffer }
              : {}),
          },
        }
      : {}),
  };
}
