import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  /** Where lines go; tests pass a stream to read what was logged. */
  destination?: NodeJS.WritableStream;
  pretty?: boolean;
}

/**
 * The root logger. Pretty output only on a terminal: machines get JSON lines.
 * Redaction is a second line of defence: listeners never log user text in the first place.
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = {
    level: options.level,
    redact: {
      paths: ['text', 'blocks', 'view', 'answers', 'summary', '*.text', '*.blocks'],
      censor: '[redacted]',
    },
  };
  if (options.destination) return pino(base, options.destination as pino.DestinationStream);
  if (options.pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } },
    });
  }
  return pino(base);
}

const levelOrder: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/**
 * Bolt and the Web API client log with console-style varargs; pino keeps only the first string
 * unless told otherwise, so every argument is passed on (errors as `err`). Their debug output can
 * echo request bodies, which hold user answers, so it is sent to pino's `trace` level: it never
 * shows at `debug` or above.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let name = 'bolt';
  const forward = (level: 'trace' | 'info' | 'warn' | 'error', args: unknown[]) => {
    const errors = args.filter((a): a is Error => a instanceof Error);
    const parts = args
      .filter((a) => !(a instanceof Error))
      .map((a) => (typeof a === 'string' ? a : safeJson(a)));
    const fields: Record<string, unknown> = { name };
    if (errors[0]) fields.err = errors[0];
    logger[level](fields, parts.join(' ') || errors[0]?.message || '');
  };
  return {
    // Bolt and the Web API client call debug several times per request; skip building the line
    // when trace is off (the usual case) instead of formatting it for pino to drop.
    debug: (...args: unknown[]) => {
      if (logger.isLevelEnabled('trace')) forward('trace', args);
    },
    info: (...args: unknown[]) => forward('info', args),
    warn: (...args: unknown[]) => forward('warn', args),
    error: (...args: unknown[]) => forward('error', args),
    setLevel: () => {},
    getLevel: () => levelOrder[logger.level] ?? LogLevel.INFO,
    setName: (n: string) => {
      name = n;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
