import { LRUCache } from 'lru-cache';
import type { StateStore, Versioned } from './state-store.ts';
import { keyOf, type UserKey, type UserState } from './user-state.ts';

export interface MemoryStoreOptions {
  /** Most users held at once; the least recently used is evicted beyond it. */
  maxUsers: number;
  /** Idle time after which a user's state is forgotten. */
  ttlMs: number;
  /** Clock in ms; injected so expiry can be tested without waiting. */
  now?: () => number;
}

interface Entry {
  state: UserState;
  version: number;
}

/**
 * lru-cache gives both bounds (count and idle time) in one well-tested structure; expiry is
 * checked lazily on access plus its own timer-free purge, so there is no sweep loop to stop.
 */
export class MemoryStore implements StateStore {
  private readonly cache: LRUCache<string, Entry>;
  /** Versions only grow, even across delete and expiry, so a stale writeIf can never match. */
  private clock = 0;

  constructor(options: MemoryStoreOptions) {
    this.cache = new LRUCache<string, Entry>({
      max: options.maxUsers,
      ttl: options.ttlMs,
      updateAgeOnGet: true,
      ttlAutopurge: false,
      // ttlResolution 0: read an injected clock on every check; lru-cache otherwise caches it.
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  async get(key: UserKey): Promise<UserState | undefined> {
    return this.cache.get(keyOf(key))?.state;
  }

  async set(key: UserKey, state: UserState): Promise<void> {
    this.cache.set(keyOf(key), { state, version: ++this.clock });
  }

  async read(key: UserKey): Promise<Versioned> {
    const entry = this.cache.get(keyOf(key));
    return entry
      ? { state: entry.state, version: entry.version }
      : { state: undefined, version: 0 };
  }

  async writeIf(key: UserKey, state: UserState, expected: number): Promise<number | null> {
    const id = keyOf(key);
    if ((this.cache.get(id)?.version ?? 0) !== expected) return null;
    const version = ++this.clock;
    this.cache.set(id, { state, version });
    return version;
  }

  async delete(key: UserKey): Promise<void> {
    this.cache.delete(keyOf(key));
  }

  async deleteTeam(teamId: string): Promise<void> {
    for (const key of [...this.cache.keys()]) {
      if (key.startsWith(`${teamId}:`)) this.cache.delete(key);
    }
  }

  async size(): Promise<number> {
    this.cache.purgeStale();
    return this.cache.size;
  }
}
