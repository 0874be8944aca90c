import type { Redis } from 'ioredis';
import type { ScheduleStore } from '../schedule-store.ts';
import type { UserKey } from '../user-state.ts';
import { DEFAULT_PREFIX, type KeyOptions, memberOf, parseMember, scheduleKeys } from './keys.ts';
import { defineScript, guarded, type Script } from './scripts.ts';

// Layout: `due` is a sorted set of `team:user` scored by when the check-in is due. A claim moves
// the score to the lease's end, which hides the user from other claimers until then, and keeps
// the real due time in the `claims` hash. An instance that dies mid-claim leaves a score that
// falls due again when the lease ends: another instance claims it then.

const SET_DUE = `
redis.call('HDEL', KEYS[2], ARGV[1])
if ARGV[2] == '' then
  redis.call('ZREM', KEYS[1], ARGV[1])
else
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
end`;

const GET_DUE = `
local claimed = redis.call('HGET', KEYS[2], ARGV[1])
if claimed then return claimed end
return redis.call('ZSCORE', KEYS[1], ARGV[1])`;

// Scores are ms timestamps: formatted with %.0f since Lua would print large numbers as 1.7e+12.
const CLAIM = `
local limit = tonumber(ARGV[2])
if limit <= 0 then return {} end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, limit)
local leaseEnd = string.format('%.0f', tonumber(ARGV[1]) + tonumber(ARGV[3]))
local claimed = {}
for i = 1, #due, 2 do
  local member = due[i]
  redis.call('HSETNX', KEYS[2], member, due[i + 1])
  redis.call('ZADD', KEYS[1], leaseEnd, member)
  claimed[#claimed + 1] = member
end
return claimed`;

// setDue during a claim drops the claim record, so complete then leaves the new time alone.
const COMPLETE = `
if redis.call('HDEL', KEYS[2], ARGV[1]) == 1 then
  redis.call('ZREM', KEYS[1], ARGV[1])
end`;

/** ScheduleStore on Redis: every instance claims from the same due set, each user once. */
export class RedisScheduleStore implements ScheduleStore {
  private readonly keys: string[];
  private readonly setDueScript: Script;
  private readonly getDueScript: Script;
  private readonly claimScript: Script;
  private readonly completeScript: Script;

  constructor(
    private readonly client: Redis,
    options: KeyOptions = {},
  ) {
    const { due, claims } = scheduleKeys(options.prefix ?? DEFAULT_PREFIX);
    this.keys = [due, claims];
    this.setDueScript = defineScript(client, 'cpScheduleSetDue', 2, SET_DUE);
    this.getDueScript = defineScript(client, 'cpScheduleGetDue', 2, GET_DUE);
    this.claimScript = defineScript(client, 'cpScheduleClaim', 2, CLAIM);
    this.completeScript = defineScript(client, 'cpScheduleComplete', 2, COMPLETE);
  }

  async setDue(key: UserKey, dueAt: number | null): Promise<void> {
    const at = dueAt === null ? '' : String(Math.round(dueAt));
    await guarded(() => this.setDueScript(this.keys, [memberOf(key), at]));
  }

  async getDue(key: UserKey): Promise<number | null> {
    const at = await guarded(() => this.getDueScript(this.keys, [memberOf(key)]));
    return at === null || at === undefined ? null : Number(at);
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<UserKey[]> {
    const members = (await guarded(() =>
      this.claimScript(this.keys, [Math.floor(now), Math.floor(limit), Math.max(1, leaseMs)]),
    )) as string[];
    return members.map(parseMember);
  }

  async complete(key: UserKey): Promise<void> {
    await guarded(() => this.completeScript(this.keys, [memberOf(key)]));
  }

  /** ZSCAN, not an index: an uninstall is rare, and this leaves nothing extra to keep in step. */
  async deleteTeam(teamId: string): Promise<void> {
    const [due, claims] = this.keys as [string, string];
    await guarded(async () => {
      let cursor = '0';
      do {
        const [next, flat] = await this.client.zscan(
          due,
          cursor,
          'MATCH',
          `${teamId}:*`,
          'COUNT',
          500,
        );
        cursor = next;
        const members = flat.filter((_, i) => i % 2 === 0);
        if (members.length > 0) {
          await this.client
            .multi()
            .zrem(due, ...members)
            .hdel(claims, ...members)
            .exec();
        }
      } while (cursor !== '0');
    });
  }
}
