import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PaceStore, PaceTurn } from '../pace-store.ts';
import { DEFAULT_PREFIX, type KeyOptions } from './keys.ts';
import { defineScript, guarded, type Script } from './scripts.ts';

// KEYS[1] holds the workspace's next free slot (ms); it expires a minute after that slot, so an
// idle workspace leaves nothing behind. KEYS[2] names the lane whose turn it is to post; it lapses
// `turnMs` after that lane's slot, so a process that died mid-turn holds nobody up for long.
const TAKE = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local turnMs = tonumber(ARGV[3])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {0, slot}
end
redis.call('SET', KEYS[1], slot + interval, 'PX', slot - now + interval + 60000)
redis.call('SET', KEYS[2], ARGV[4], 'PX', slot - now + turnMs)
return {1, slot}`;

const RELEASE = `
local now = tonumber(ARGV[1])
if redis.call('GET', KEYS[2]) == ARGV[2] then
  redis.call('DEL', KEYS[2])
end
if tonumber(redis.call('GET', KEYS[1]) or '0') < now then
  redis.call('SET', KEYS[1], now, 'PX', 60000)
end`;

const HOLD = `
local now = tonumber(ARGV[1])
local until_ = tonumber(ARGV[2])
if tonumber(redis.call('GET', KEYS[1]) or '0') < until_ then
  redis.call('SET', KEYS[1], until_, 'PX', math.max(1, until_ - now) + 60000)
end`;

/** PaceStore on Redis: every instance takes a workspace's turns and slots from one counter. */
export class RedisPaceStore implements PaceStore {
  private readonly prefix: string;
  private readonly takeScript: Script;
  private readonly releaseScript: Script;
  private readonly holdScript: Script;

  constructor(client: Redis, options: KeyOptions = {}) {
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    this.takeScript = defineScript(client, 'cpPaceTake', 2, TAKE);
    this.releaseScript = defineScript(client, 'cpPaceRelease', 2, RELEASE);
    this.holdScript = defineScript(client, 'cpPaceHold', 1, HOLD);
  }

  /** The slot counter and the turn, in one hash slot (the workspace id is the hash tag). */
  private keys(teamId: string): [string, string] {
    const key = `${this.prefix}:pace:{${teamId}}`;
    return [key, `${key}:turn`];
  }

  async take(teamId: string, intervalMs: number, now: number, turnMs: number): Promise<PaceTurn> {
    const turn = randomUUID();
    const reply = (await guarded(() =>
      this.takeScript(this.keys(teamId), [now, intervalMs, turnMs, turn]),
    )) as [number, number];
    const [taken, slot] = [Number(reply[0]), Number(reply[1])];
    return taken === 1 ? { slot, turn } : { busyUntil: slot };
  }

  async release(teamId: string, turn: string, now: number): Promise<void> {
    await guarded(() => this.releaseScript(this.keys(teamId), [now, turn]));
  }

  async holdUntil(teamId: string, until: number, now: number): Promise<void> {
    await guarded(() => this.holdScript([this.keys(teamId)[0]], [now, until]));
  }
}
