import type { Redis } from 'ioredis';
import { ReplyError } from 'ioredis';
import { StoreUnavailableError } from '../store-errors.ts';

type Arg = string | number;
export type Script = (keys: string[], args: Arg[]) => Promise<unknown>;

/**
 * A Lua script run atomically on the server. ioredis' defineCommand sends EVALSHA and falls back
 * to EVAL when the server does not have it cached (after a restart), so callers never see NOSCRIPT.
 */
export function defineScript(
  client: Redis,
  name: string,
  numberOfKeys: number,
  lua: string,
): Script {
  client.defineCommand(name, { numberOfKeys, lua });
  const command = (client as unknown as Record<string, (...a: Arg[]) => Promise<unknown>>)[name];
  if (!command) throw new Error(`ioredis did not define ${name}`);
  return (keys, args) => command.call(client, ...keys, ...args);
}

/** Replies that mean "Redis is there but cannot take this now", as opposed to a bug of ours. */
const TRANSIENT_REPLY = /^(LOADING|MISCONF|OOM|READONLY|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\b/;

/**
 * Runs a Redis call, turning "cannot reach Redis" (closed connection, timeout, offline queue off)
 * into StoreUnavailableError, which listeners explain to the user. Other errors stay as they are.
 */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ReplyError && !TRANSIENT_REPLY.test((error as Error).message)) throw error;
    const e = error as { code?: string; name?: string };
    throw new StoreUnavailableError(e.code ?? e.name ?? 'unknown');
  }
}
