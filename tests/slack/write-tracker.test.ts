import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/engine/index.ts';
import { createLogger } from '../../src/logger.ts';
import { WriteConflict, WriteTracker } from '../../src/slack/core/write-tracker.ts';
import { MemoryStore, type UserKey, type UserState } from '../../src/store/index.ts';

const KEY: UserKey = { teamId: 'T1', userId: 'U1' };
const session = (id: string, rev: number): Session => ({
  id,
  rev,
  status: 'active',
  current: 'step',
  choices: {},
  texts: {},
  editing: false,
  startedAt: 0,
  updatedAt: 0,
});

function setup() {
  const store = new MemoryStore({ maxUsers: 10, ttlMs: 60_000 });
  const tracker = new WriteTracker(store, createLogger({ level: 'silent' }));
  /** Runs `task` as ExchangeService.withUser would, from the version read now. */
  const run = async (task: () => Promise<void>) => {
    const { version } = await store.read(KEY);
    await tracker.track(KEY, version, task);
  };
  return { store, tracker, run };
}

describe('versioned saves across instances', () => {
  it('a first save that lost to another writer throws WriteConflict and writes nothing', async () => {
    const { store, tracker, run } = setup();
    await store.set(KEY, { session: session('s', 1) });
    const attempt = run(async () => {
      await store.set(KEY, { session: session('s', 2) }); // the other instance, in between
      await tracker.save(KEY, { session: session('s', 9) });
    });
    await expect(attempt).rejects.toBeInstanceOf(WriteConflict);
    expect((await store.get(KEY))?.session?.rev).toBe(2);
  });

  it('a later save that lost keeps where our message is when the session is still ours', async () => {
    const { store, tracker, run } = setup();
    await run(async () => {
      await tracker.save(KEY, { session: session('s', 2), dm: 'D1' });
      // Slack calls happen here; meanwhile another instance re-saves the same session.
      await store.set(KEY, { session: session('s', 2), dm: 'D1' });
      await tracker.save(KEY, {
        session: session('s', 2),
        dm: 'D1',
        surface: { channel: 'D1', ts: '1.2' },
      });
    });
    expect(await store.get(KEY)).toEqual<UserState>({
      session: session('s', 2),
      dm: 'D1',
      surface: { channel: 'D1', ts: '1.2' },
    });
  });

  it('a later save that lost leaves a newer session alone (no rewind, no repeat)', async () => {
    const { store, tracker, run } = setup();
    await run(async () => {
      await tracker.save(KEY, { session: session('s', 2) });
      await store.set(KEY, { session: session('s', 3), surface: { channel: 'D1', ts: '3.3' } });
      await tracker.save(KEY, { session: session('s', 2), surface: { channel: 'D1', ts: '2.2' } });
    });
    expect(await store.get(KEY)).toEqual({
      session: session('s', 3),
      surface: { channel: 'D1', ts: '3.3' },
    });
  });

  it('outside a task, a save is a plain write', async () => {
    const { store, tracker } = setup();
    await tracker.save(KEY, { session: session('s', 1) });
    expect((await store.get(KEY))?.session?.rev).toBe(1);
  });
});
