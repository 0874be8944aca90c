import { Redis } from 'ioredis';
import type { Logger } from '../../logger.ts';
import type { StoreHealthReport } from '../store-health.ts';

/**
 * One connection per process, tuned so an outage shows up at once instead of piling up:
 * - no offline queue: while disconnected a command fails immediately (the user hears "I can't
 *   save right now") rather than waiting for a reconnect that may take minutes;
 * - no per-request retries and a command timeout, for the same reason when Redis hangs;
 * - reconnects forever with a capped backoff, so the bot recovers on its own.
 * ioredis was picked over node-redis for exactly these knobs, plus defineCommand (EVALSHA with an
 * automatic EVAL fallback after a Redis restart) and Cluster/Sentinel support in the same client.
 */
export function createRedisClient(url: string, logger: Logger): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 2_000,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  const log = logger.child({ component: 'redis' });
  let up = false;
  client.on('ready', () => {
    up = true;
    log.info('redis connected');
  });
  // An 'error' with no listener would be reported as unhandled; every attempt while down emits
  // one, so only the first of an outage is a warning. The URL may hold a password: never logged.
  client.on('error', (error: Error & { code?: string }) => {
    const code = error.code ?? error.name;
    if (up) log.warn({ code }, 'redis unreachable; reconnecting');
    else log.debug({ code }, 'redis still unreachable');
    up = false;
  });
  // Fires only when a reconnect is coming, so a deliberate quit() at shutdown logs nothing.
  client.on('reconnecting', () => {
    if (up) log.warn('redis connection lost; reconnecting');
    up = false;
  });
  return client;
}

/**
 * Waits for the first connection, but never fails startup over it: the bot starts, /healthz
 * says the store is unreachable, and the client keeps trying.
 */
export async function connectRedis(client: Redis, logger: Logger, waitMs = 5_000): Promise<void> {
  const connected = client.connect().then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, waitMs, false).unref());
  if (!(await Promise.race([connected, timeout]))) {
    logger.warn('redis is not reachable yet; starting anyway and reconnecting in the background');
  }
}

/** PING within the command timeout: anything else means users cannot save right now. */
export async function redisHealth(client: Redis): Promise<StoreHealthReport> {
  try {
    await client.ping();
    return { ok: true, store: 'redis' };
  } catch {
    return { ok: false, store: 'unreachable' };
  }
}
