import type { Redis } from 'ioredis';
import type { PaceStore } from '../pace-store.ts';
import { DEFAULT_PREFIX, type KeyOptions } from './keys.ts';
import { defineScript, guarded, type Script } from './scripts.ts';

// KEYS[1] holds the workspace's next free slot (ms). It expires a minute after that slot, so an
// idle workspace leaves nothing behind.
const RESERVE = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], slot + interval, 'PX', slot - now + interval + 60000)
return slot`;

const HOLD = `
local now = tonumber(ARGV[1])
local until_ = tonumber(ARGV[2])
if tonumber(redis.call('GET', KEYS[1]) or '0') < until_ then
  redis.call('SET', KEYS[1], until_, 'PX', math.max(1, until_ - now) + 60000)
end`;

/** PaceStore on Redis: every instance reserves a workspace's slots from one counter. */
export class RedisPaceStore implements PaceStore {
  private readonly prefix: string;
  private readonly reserveScript: Script;
  private readonly holdScript: Script;

  constructor(client: Redis, options: KeyOptions = {}) {
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    this.reserveScript = defineScript(client, 'cpPaceReserve', 1, RESERVE);
    this.holdScript = defineScript(client, 'cpPaceHold', 1, HOLD);
  }

  private key(teamId: string): string {
    return `${this.prefix}:pace:{${teamId}}`;
  }

  async reserve(teamId: string, intervalMs: number, now: number): Promise<number> {
    const slot = await guarded(() => this.reserveScript([this.key(teamId)], [now, intervalMs]));
    return Number(slot);
  }

  async holdUntil(teamId: string, until: number, now: number): Promise<void> {
    await guarded(() => this.holdScript([this.key(teamId)], [now, until]));
  }
}
