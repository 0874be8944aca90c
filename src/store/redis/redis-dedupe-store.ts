import type { Redis } from 'ioredis';
import type { DedupeStore } from '../schedule-store.ts';
import { DEFAULT_PREFIX, dedupeKey, type KeyOptions } from './keys.ts';
import { guarded } from './scripts.ts';

/** SET NX PX: the first instance to record an id wins; the key expires on its own. */
export class RedisDedupeStore implements DedupeStore {
  private readonly prefix: string;

  constructor(
    private readonly client: Redis,
    options: KeyOptions = {},
  ) {
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
  }

  async firstSeen(id: string, ttlMs: number): Promise<boolean> {
    const ttl = Math.max(1, Math.round(ttlMs));
    const set = await guarded(() =>
      this.client.set(dedupeKey(this.prefix, id), '1', 'PX', ttl, 'NX'),
    );
    return set === 'OK';
  }
}
