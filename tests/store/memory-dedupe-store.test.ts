import { describe, expect, it } from 'vitest';
import { MemoryDedupeStore } from '../../src/store/index.ts';
import { dedupeStoreContract } from './dedupe-store-contract.ts';

dedupeStoreContract('MemoryDedupeStore', () => ({ store: new MemoryDedupeStore() }));

describe('MemoryDedupeStore', () => {
  it('holds at most maxIds, forgetting the oldest first', async () => {
    const store = new MemoryDedupeStore({ maxIds: 100 });
    for (let i = 0; i < 1_000; i += 1) await store.firstSeen(`Ev${i}`, 60_000);
    expect(store.size).toBe(100);
    expect(await store.firstSeen('Ev999', 60_000)).toBe(false);
    expect(await store.firstSeen('Ev0', 60_000)).toBe(true);
  });

  it('expires on the injected clock', async () => {
    let now = 1_000;
    const store = new MemoryDedupeStore({ now: () => now });
    expect(await store.firstSeen('Ev1', 60_000)).toBe(true);
    now += 59_000;
    expect(await store.firstSeen('Ev1', 60_000)).toBe(false);
    now += 2_000;
    expect(await store.firstSeen('Ev1', 60_000)).toBe(true);
  });
});
