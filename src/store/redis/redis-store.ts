import type { Redis } from 'ioredis';
import type { StateStore, Versioned } from '../state-store.ts';
import type { UserKey, UserState } from '../user-state.ts';
import { DEFAULT_PREFIX, type KeyOptions, teamIndexKey, userKey } from './keys.ts';
import { defineScript, guarded, type Script } from './scripts.ts';

export interface RedisStoreOptions extends KeyOptions {
  /** Idle time after which a user's state is forgotten (Redis expiry, refreshed on every touch). */
  ttlMs: number;
}

// A user is a hash { v: version, s: JSON state }. The team index lists the team's users so an
// uninstall can forget them all; it expires no sooner than any of its members, since every touch
// of a member refreshes both.
const READ = `
local r = redis.call('HMGET', KEYS[1], 'v', 's')
if r[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  redis.call('PEXPIRE', KEYS[2], ARGV[1])
end
return r`;

// ARGV[1] is the expected version, or '' to write whatever is there. Returns the new version, or
// -1 when someone else wrote first.
const WRITE = `
local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if ARGV[1] ~= '' and current ~= tonumber(ARGV[1]) then return -1 end
local v = current + 1
redis.call('HSET', KEYS[1], 'v', v, 's', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return v`;

const DELETE = `
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])`;

// Key names are built from the index; they share the index's hash tag, hence its slot.
const DELETE_TEAM = `
local users = redis.call('SMEMBERS', KEYS[1])
for _, user in ipairs(users) do
  redis.call('DEL', ARGV[1] .. user)
end
redis.call('DEL', KEYS[1])
return #users`;

/** StateStore on Redis: same contract and TTL semantics as MemoryStore, shared by all instances. */
export class RedisStore implements StateStore {
  private readonly prefix: string;
  private readonly ttl: number;
  private readonly readScript: Script;
  private readonly writeScript: Script;
  private readonly deleteScript: Script;
  private readonly deleteTeamScript: Script;

  constructor(
    private readonly client: Redis,
    options: RedisStoreOptions,
  ) {
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    this.ttl = Math.max(1, Math.round(options.ttlMs));
    this.readScript = defineScript(client, 'cpStateRead', 2, READ);
    this.writeScript = defineScript(client, 'cpStateWrite', 2, WRITE);
    this.deleteScript = defineScript(client, 'cpStateDelete', 2, DELETE);
    this.deleteTeamScript = defineScript(client, 'cpStateDeleteTeam', 1, DELETE_TEAM);
  }

  private keys(key: UserKey): string[] {
    return [userKey(this.prefix, key), teamIndexKey(this.prefix, key.teamId)];
  }

  async read(key: UserKey): Promise<Versioned> {
    const [v, s] = (await guarded(() => this.readScript(this.keys(key), [this.ttl]))) as [
      string | null,
      string | null,
    ];
    // An unreadable value keeps its version, so the next write replaces it instead of conflicting.
    return { state: s === null ? undefined : parseState(s), version: v === null ? 0 : Number(v) };
  }

  async get(key: UserKey): Promise<UserState | undefined> {
    return (await this.read(key)).state;
  }

  async writeIf(key: UserKey, state: UserState, expected: number): Promise<number | null> {
    return this.write(key, state, String(expected));
  }

  async set(key: UserKey, state: UserState): Promise<void> {
    await this.write(key, state, '');
  }

  private async write(key: UserKey, state: UserState, expected: string): Promise<number | null> {
    const json = JSON.stringify(state);
    const version = Number(
      await guarded(() => this.writeScript(this.keys(key), [expected, json, this.ttl, key.userId])),
    );
    return version < 0 ? null : version;
  }

  async delete(key: UserKey): Promise<void> {
    await guarded(() => this.deleteScript(this.keys(key), [key.userId]));
  }

  async deleteTeam(teamId: string): Promise<void> {
    const userPrefix = userKey(this.prefix, { teamId, userId: '' });
    await guarded(() => this.deleteTeamScript([teamIndexKey(this.prefix, teamId)], [userPrefix]));
  }

  /** Counts by SCAN: fine for diagnostics and tests, not for a hot path. */
  async size(): Promise<number> {
    return guarded(async () => {
      let count = 0;
      let cursor = '0';
      do {
        const [next, keys] = await this.client.scan(
          cursor,
          'MATCH',
          `${this.prefix}:user:*`,
          'COUNT',
          1000,
        );
        cursor = next;
        count += keys.length;
      } while (cursor !== '0');
      return count;
    });
  }
}

/** What we wrote ourselves; anything unreadable counts as nothing stored rather than a crash. */
function parseState(json: string): UserState | undefined {
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'object' && value !== null && 'session' in value
      ? (value as UserState)
      : undefined;
  } catch {
    return undefined;
  }
}
