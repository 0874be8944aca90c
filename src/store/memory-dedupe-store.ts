import { LRUCache } from 'lru-cache';
import type { DedupeStore } from './schedule-store.ts';

export interface MemoryDedupeStoreOptions {
  /** Most ids remembered at once; the oldest is forgotten beyond it. */
  maxIds?: number;
  /** Clock in ms; injected so expiry can be tested without waiting. */
  now?: () => number;
}

/** One instance's memory of recent event ids. Several instances need a shared store (Redis). */
export class MemoryDedupeStore implements DedupeStore {
  private readonly seen: LRUCache<string, true>;

  constructor(options: MemoryDedupeStoreOptions = {}) {
    this.seen = new LRUCache<string, true>({
      max: options.maxIds ?? 10_000,
      ttlAutopurge: false,
      // ttlResolution 0: read the injected clock on every check rather than caching it for 1 ms.
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  async firstSeen(id: string, ttlMs: number): Promise<boolean> {
    // has() honours each entry's own TTL; check and set run in one turn, so no await between them.
    if (this.seen.has(id)) return false;
    this.seen.set(id, true, { ttl: ttlMs });
    return true;
  }

  /** How many ids are held (for tests of the bound). */
  get size(): number {
    return this.seen.size;
  }
}
