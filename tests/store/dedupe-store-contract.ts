import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DedupeStore } from '../../src/store/index.ts';

export interface DedupeStoreUnderTest {
  store: DedupeStore;
  /** Closes connections and removes what the test wrote. */
  close?: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What every DedupeStore must do, on the real clock so a Redis store (with PX expiry) runs the
 * same cases as the memory one. `make` must return a store that has seen nothing.
 */
export function dedupeStoreContract(
  name: string,
  make: () => Promise<DedupeStoreUnderTest> | DedupeStoreUnderTest,
): void {
  describe(`${name} (DedupeStore contract)`, () => {
    let subject: DedupeStoreUnderTest;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(async () => {
      await subject.close?.();
    });

    it('says yes the first time an id is seen and no on every repeat', async () => {
      const { store } = subject;
      expect(await store.firstSeen('Ev001', 60_000)).toBe(true);
      expect(await store.firstSeen('Ev001', 60_000)).toBe(false);
      expect(await store.firstSeen('Ev001', 60_000)).toBe(false);
    });

    it('keeps ids apart, including ones that differ only in case or punctuation', async () => {
      const { store } = subject;
      const ids = ['Ev1', 'ev1', 'Ev1:', 'Ev1 ', 'Ev1\u00e9', 'T1:Ev1', ''];
      for (const id of ids) expect(await store.firstSeen(id, 60_000), id).toBe(true);
      for (const id of ids) expect(await store.firstSeen(id, 60_000), id).toBe(false);
    });

    it('forgets an id once its time is up, then says yes again', async () => {
      const { store } = subject;
      expect(await store.firstSeen('Ev-short', 150)).toBe(true);
      expect(await store.firstSeen('Ev-short', 150)).toBe(false);
      await sleep(400);
      expect(await store.firstSeen('Ev-short', 150)).toBe(true);
    });

    it('gives each id its own time: a short one expiring leaves a long one remembered', async () => {
      const { store } = subject;
      await store.firstSeen('Ev-long', 60_000);
      await store.firstSeen('Ev-brief', 150);
      await sleep(400);
      expect(await store.firstSeen('Ev-long', 60_000)).toBe(false);
      expect(await store.firstSeen('Ev-brief', 60_000)).toBe(true);
    });

    it('answers yes exactly once when the same id arrives many times at once', async () => {
      const { store } = subject;
      const answers = await Promise.all(
        Array.from({ length: 25 }, () => store.firstSeen('Ev-race', 60_000)),
      );
      expect(answers.filter(Boolean)).toHaveLength(1);
    });
  });
}
