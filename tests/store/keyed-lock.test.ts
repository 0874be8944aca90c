import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../../src/store/keyed-lock.ts';

/** A task that runs until its test lets it go, and says when it started. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  const state = { started: false };
  const task = () => {
    state.started = true;
    return done;
  };
  return { task, open, fail, state };
}

/** Lets every queued promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KeyedLock: one user at a time', () => {
  it("a user's second click waits for the first, and they run in the order they came", async () => {
    const lock = new KeyedLock();
    const first = gate();
    const second = gate();
    const a = lock.run('U1', first.task);
    const b = lock.run('U1', second.task);
    await settle();
    expect([first.state.started, second.state.started]).toEqual([true, false]);
    first.open();
    await a;
    await settle();
    expect(second.state.started).toBe(true);
    second.open();
    await b;
  });

  it('two users never wait for each other', async () => {
    const lock = new KeyedLock();
    const alice = gate();
    const bob = gate();
    void lock.run('U0ALICE', alice.task);
    const done = lock.run('U0BOB', bob.task);
    await settle();
    expect(bob.state.started).toBe(true);
    bob.open();
    await done;
    expect(alice.state.started).toBe(true);
    alice.open();
  });

  it('a failed task reaches its own caller and does not block the next one', async () => {
    const lock = new KeyedLock();
    const failing = gate();
    const failed = lock.run('U1', failing.task);
    const next = lock.run('U1', async () => 'ran');
    failing.fail(new Error('store down'));
    await expect(failed).rejects.toThrow('store down');
    await expect(next).resolves.toBe('ran');
  });

  it('work queued behind a finished task still waits its turn when more arrives', async () => {
    const lock = new KeyedLock();
    const first = gate();
    const second = gate();
    const third = gate();
    void lock.run('U1', first.task);
    const b = lock.run('U1', second.task);
    first.open();
    await settle();
    expect(second.state.started).toBe(true);
    // The first task's clean-up has run by now; it must not have forgotten the second.
    const c = lock.run('U1', third.task);
    await settle();
    expect(third.state.started).toBe(false);
    second.open();
    await b;
    await settle();
    expect(third.state.started).toBe(true);
    third.open();
    await c;
  });

  it('keeps nothing once every user is done', async () => {
    const lock = new KeyedLock();
    await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => lock.run(`U${i % 100}`, async () => i)),
    );
    await settle();
    expect(lock.busyKeys).toBe(0);
    const held = gate();
    void lock.run('U1', held.task);
    expect(lock.busyKeys).toBe(1);
    held.open();
    await settle();
    await settle();
    expect(lock.busyKeys).toBe(0);
  });
});
