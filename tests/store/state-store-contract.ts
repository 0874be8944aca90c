import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/engine/index.ts';
import type { StateStore, UserKey, UserState } from '../../src/store/index.ts';

export interface StateStoreFixture {
  store: StateStore;
  /** Lets `ms` of idle time pass: a fake clock for memory, real waiting for Redis. */
  pass(ms: number): Promise<void>;
  close?(): Promise<void>;
}

/** Builds a fresh, empty store whose entries expire after `ttlMs` idle. */
export type MakeStateStore = (options: { ttlMs: number }) => Promise<StateStoreFixture>;

const ALICE: UserKey = { teamId: 'T1', userId: 'U0ALICE' };
const BOB: UserKey = { teamId: 'T1', userId: 'U0BOB' };
const CAROL: UserKey = { teamId: 'T10', userId: 'U0CAROL' };

function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 's-1',
    rev: 3,
    status: 'active',
    current: 'energy',
    choices: { 'first-step': 'systems-puzzle' },
    texts: { 'quiet-win': 'I kept thinking about the cache stampede. ✨' },
    editing: false,
    startedAt: 1_700_000_000_000,
    updatedAt: 1_700_000_060_000,
    ...overrides,
  };
}

function state(overrides: Partial<Session> = {}): UserState {
  return {
    session: session(overrides),
    dm: 'D0ALICE',
    surface: { channel: 'D0ALICE', ts: '1700000000.000100' },
  };
}

/**
 * What every StateStore must do, whichever engine keeps the data. The TTL cases use a short TTL
 * (`ttl` below) because Redis expiry runs on real time.
 */
export function stateStoreContract(name: string, make: MakeStateStore, ttl = 400): void {
  describe(`StateStore contract: ${name}`, () => {
    let f: StateStoreFixture;
    beforeEach(async () => {
      f = await make({ ttlMs: 60_000 });
    });
    afterEach(async () => {
      await f.close?.();
    });

    it('knows nothing about a user it never saw', async () => {
      expect(await f.store.get(ALICE)).toBeUndefined();
      expect(await f.store.read(ALICE)).toEqual({ state: undefined, version: 0 });
      expect(await f.store.size()).toBe(0);
    });

    it('gives back exactly what was saved, per user', async () => {
      await f.store.set(ALICE, state());
      await f.store.set(BOB, { session: null });
      expect(await f.store.get(ALICE)).toEqual(state());
      expect(await f.store.get(BOB)).toEqual({ session: null });
      await f.store.set(ALICE, state({ rev: 4, current: 'summary', status: 'complete' }));
      expect((await f.store.get(ALICE))?.session?.current).toBe('summary');
      expect(await f.store.size()).toBe(2);
    });

    it('delete forgets one user only', async () => {
      await f.store.set(ALICE, state());
      await f.store.set(BOB, state());
      await f.store.delete(ALICE);
      expect(await f.store.get(ALICE)).toBeUndefined();
      expect(await f.store.get(BOB)).toEqual(state());
      expect(await f.store.size()).toBe(1);
    });

    it('deleteTeam forgets that workspace only (T1 is not T10)', async () => {
      await f.store.set(ALICE, state());
      await f.store.set(BOB, state());
      await f.store.set(CAROL, state());
      await f.store.deleteTeam('T1');
      expect(await f.store.get(ALICE)).toBeUndefined();
      expect(await f.store.get(BOB)).toBeUndefined();
      expect(await f.store.get(CAROL)).toEqual(state());
      expect(await f.store.size()).toBe(1);
      // The workspace can come back (reinstall) and start afresh.
      await f.store.set(ALICE, state({ id: 's-2' }));
      expect((await f.store.get(ALICE))?.session?.id).toBe('s-2');
    });

    it('writeIf succeeds on the version read, and the next read sees a newer version', async () => {
      const first = await f.store.writeIf(ALICE, state(), 0);
      expect(first).toBeGreaterThan(0);
      const read = await f.store.read(ALICE);
      expect(read).toEqual({ state: state(), version: first });
      const second = await f.store.writeIf(ALICE, state({ rev: 4 }), read.version);
      expect(second).toBeGreaterThan(first as number);
      expect((await f.store.get(ALICE))?.session?.rev).toBe(4);
    });

    it('of two writers who read the same version, only the first writes; the other is told', async () => {
      await f.store.set(ALICE, state());
      const a = await f.store.read(ALICE);
      const b = await f.store.read(ALICE);
      expect(
        await f.store.writeIf(ALICE, state({ rev: 4, current: 'a' }), a.version),
      ).not.toBeNull();
      expect(await f.store.writeIf(ALICE, state({ rev: 4, current: 'b' }), b.version)).toBeNull();
      expect((await f.store.get(ALICE))?.session?.current).toBe('a');
    });

    it('a plain set also moves the version on, so an older writeIf loses', async () => {
      const { version } = await f.store.read(ALICE);
      await f.store.set(ALICE, state({ current: 'set' }));
      expect(await f.store.writeIf(ALICE, state({ current: 'late' }), version)).toBeNull();
      expect((await f.store.get(ALICE))?.session?.current).toBe('set');
    });

    it('writeIf for a user just deleted expects nothing stored', async () => {
      await f.store.set(ALICE, state());
      const before = await f.store.read(ALICE);
      await f.store.delete(ALICE);
      expect(await f.store.writeIf(ALICE, state(), before.version)).toBeNull();
      expect(await f.store.writeIf(ALICE, state({ id: 's-new' }), 0)).not.toBeNull();
      expect((await f.store.get(ALICE))?.session?.id).toBe('s-new');
    });

    describe('idle expiry', () => {
      let g: StateStoreFixture;
      beforeEach(async () => {
        g = await make({ ttlMs: ttl });
      });
      afterEach(async () => {
        await g.close?.();
      });

      it('forgets a user idle for longer than the TTL', async () => {
        await g.store.set(ALICE, state());
        await g.pass(ttl * 0.5);
        expect(await g.store.get(BOB)).toBeUndefined();
        await g.pass(ttl);
        expect(await g.store.get(ALICE)).toBeUndefined();
        expect(await g.store.read(ALICE)).toEqual({ state: undefined, version: 0 });
        expect(await g.store.size()).toBe(0);
      });

      it('every read or write restarts the idle clock', async () => {
        await g.store.set(ALICE, state());
        await g.pass(ttl * 0.6);
        expect(await g.store.get(ALICE)).toBeDefined();
        await g.pass(ttl * 0.6);
        // 1.2 × TTL since the write, but only 0.6 × TTL since the read.
        const read = await g.store.read(ALICE);
        expect(read.state).toBeDefined();
        await g.pass(ttl * 0.6);
        expect(await g.store.writeIf(ALICE, state({ rev: 9 }), read.version)).not.toBeNull();
        await g.pass(ttl * 0.6);
        expect((await g.store.get(ALICE))?.session?.rev).toBe(9);
      });
    });
  });
}
