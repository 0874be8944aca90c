import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { type ApiCall, SlackEmulator } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import {
  type OpenedStores,
  openStores,
  type StateStore,
  type UserKey,
  type UserState,
  type Versioned,
} from '../../src/store/index.ts';
import { DmDriver, isReplacement } from '../support/dm-driver.ts';
import { BOT_TOKEN, type Bot, SIGNING_SECRET, startBot } from '../support/harness.ts';
import { type LoadBalancer, startLoadBalancer } from '../support/load-balancer.ts';
import {
  HAS_REDIS_SERVER,
  NO_REDIS_REASON,
  type RedisServer,
  startRedisServer,
} from '../support/redis-server.ts';

// Two createSlackApp instances in this one test process, each with its own Bolt app, HTTP port,
// Redis connection, ExchangeService and per-user lock: nothing is shared but redis-server and
// the emulator, as between two processes, while a test can still hold both at a chosen moment
// (the race below). multi-process.test.ts runs the real `src/main.ts` as separate processes.

const ALICE = 'U0ALICE';
const TEAM = 'T0PLAYGND';
const KEY: UserKey = { teamId: TEAM, userId: ALICE };

/**
 * Passes through to the real store; when armed, holds every read until `n` reads are in, so two
 * instances read the same version before either writes (the worst case for a race).
 */
class Barrier {
  private waiting: (() => void)[] = [];
  private left = 0;
  arm(n: number) {
    this.left = n;
  }
  async pass(): Promise<void> {
    if (this.left <= 0) return;
    this.left -= 1;
    if (this.left === 0) {
      for (const go of this.waiting.splice(0)) go();
      return;
    }
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      setTimeout(resolve, 3_000).unref();
    });
  }
}

function behind(barrier: Barrier, store: StateStore): StateStore {
  return {
    get: (k) => store.get(k),
    set: (k, s) => store.set(k, s),
    delete: (k) => store.delete(k),
    deleteTeam: (t) => store.deleteTeam(t),
    size: () => store.size(),
    writeIf: (k: UserKey, s: UserState, v: number) => store.writeIf(k, s, v),
    async read(k: UserKey): Promise<Versioned> {
      const read = await store.read(k);
      await barrier.pass();
      return read;
    },
  };
}

interface Instance {
  bot: Bot;
  stores: OpenedStores;
  close(): Promise<void>;
}

describe.skipIf(!HAS_REDIS_SERVER)(
  `two bot instances sharing one Redis${HAS_REDIS_SERVER ? '' : ` (${NO_REDIS_REASON})`}`,
  () => {
    let redis: RedisServer;
    let emu: SlackEmulator;
    let lb: LoadBalancer;
    let alice: DmDriver;
    const barrier = new Barrier();
    const instances: Instance[] = [];

    async function startInstance(): Promise<Instance> {
      // The production path: the same openStores main.ts uses for STATE_STORE_URL.
      const stores = await openStores(
        { url: redis.url, ttlMs: 86_400_000, maxUsers: 1 },
        createLogger({ level: 'silent' }),
      );
      const bot = await startBot(emu, {
        store: behind(barrier, stores.state),
        health: stores.health,
      });
      const instance = {
        bot,
        stores,
        async close() {
          await bot.close();
          await stores.close();
          instances.splice(instances.indexOf(instance), 1);
        },
      };
      instances.push(instance);
      return instance;
    }

    const health = async (i: Instance) => {
      const res = await fetch(`${i.bot.botUrl}/healthz`);
      return { status: res.status, body: (await res.json()) as unknown };
    };
    const stored = async () => (await instances[0]?.stores.state.get(KEY))?.session;

    beforeEach(async () => {
      redis = await startRedisServer({ durable: true });
      emu = new SlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
      await emu.start();
      const a = await startInstance();
      const b = await startInstance();
      lb = await startLoadBalancer([a.bot.botUrl, b.bot.botUrl]);
      emu.setBotUrl(`${lb.url}/slack/events`);
      alice = new DmDriver(emu, ALICE);
    });
    afterEach(async () => {
      for (const i of [...instances]) await i.close();
      await lb.close();
      await emu.stop();
      await redis.stop();
    });

    it('a conversation started on one instance continues on the other, click by click', async () => {
      const [a, b] = instances as [Instance, Instance];
      await alice.expectCall(
        () => emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
        'chat.postMessage',
      );
      expect(alice.read()).toContain('Step 1 of 10');
      await alice.finish({ words: ['The cache stampede, again.', 'I like mentoring.'] });
      expect(alice.read()).toContain('The cache stampede, again.');
      expect(alice.read()).toContain('I like mentoring.');
      // Round robin: both instances served a fair share of her clicks.
      expect(lb.hits.get(a.bot.botUrl)).toBeGreaterThanOrEqual(4);
      expect(lb.hits.get(b.bot.botUrl)).toBeGreaterThanOrEqual(4);
      expect((await stored())?.status).toBe('complete');
      expect(await health(a)).toEqual({ status: 200, body: { ok: true, store: 'redis' } });
    });

    it('a restart loses nothing: a fresh instance picks up at the same step', async () => {
      await alice.expectCall(
        () => emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
        'chat.postMessage',
      );
      await alice.choose(1);
      await alice.choose(0);
      expect(alice.read()).toContain('Step 3 of 10');
      // A release: every instance stops, new ones start (new processes would hold no memory).
      for (const i of [...instances]) await i.close();
      const c = await startInstance();
      const d = await startInstance();
      lb.targets = [c.bot.botUrl, d.bot.botUrl];
      await alice.expectCall(
        () => emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'start' }),
        'chat.postMessage',
      );
      expect(alice.read()).toContain('Step 3 of 10');
      expect((await stored())?.choices).toMatchObject({});
      expect(Object.keys((await stored())?.choices ?? {})).toHaveLength(2);
      await alice.finish();
      expect(alice.isSummary()).toBe(true);
    });

    it('two clicks at once on two instances: one wins, the other is told the button is out of date', async () => {
      await alice.expectCall(
        () => emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
        'chat.postMessage',
      );
      const message = alice.latest();
      const before = await stored();
      const [first, second] = alice.answerButtons(message);
      const from = emu.calls.length;
      // Both instances read the same version before either writes.
      barrier.arm(2);
      await Promise.all([
        alice.click(first?.action_id as string, message),
        alice.click(second?.action_id as string, message),
      ]);
      const notice = (c: ApiCall) => c.args.replace_original !== true;
      await emu.waitForCall('response_url', notice, 3_000, from);
      await emu.waitForCall('response_url', isReplacement, 3_000, from);
      const after = await stored();
      // Exactly one answer went in: one step forward, not two competing writes of the same step.
      expect(after?.rev).toBe((before?.rev ?? 0) + 1);
      const updates = emu.calls.filter((c) => c.seq >= from && isReplacement(c));
      expect(updates).toHaveLength(1);
      const notices = emu.dm(ALICE).filter((m) => m.ephemeralFor === ALICE);
      expect(notices.map((m) => m.text)).toEqual(['That button is out of date.']);
      // The message shows step 2, and the answer recorded is the one that won.
      expect(alice.read()).toContain('Step 2 of 10');
      const chosen = Object.values(after?.choices ?? {});
      expect(chosen).toHaveLength(1);
    });

    it('Redis killed mid-run: no crash, a kind message, /healthz fails, then it recovers on its own', async () => {
      const [a, b] = instances as [Instance, Instance];
      await alice.expectCall(
        () => emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
        'chat.postMessage',
      );
      await alice.choose(0);
      const step2 = alice.latest();
      expect(alice.read(step2)).toContain('Step 2 of 10');

      await redis.kill();
      for (const i of [a, b]) {
        await expect
          .poll(() => health(i))
          .toEqual({
            status: 503,
            body: { ok: false, store: 'unreachable' },
          });
      }
      // A click: only Alice is told, kindly, that nothing was saved.
      let from = emu.calls.length;
      await alice.click(alice.answerButtons(step2)[0]?.action_id as string, step2);
      await emu.waitForCall('response_url', undefined, 3_000, from);
      const notice = emu
        .dm(ALICE)
        .filter((m) => m.ephemeralFor === ALICE)
        .at(-1);
      expect(notice?.text).toMatch(/can't save right now/);
      // Typing in the DM (the other instance this time) gets the same answer in the DM.
      from = emu.calls.length;
      await emu.sendDm({ user: ALICE, text: 'start' });
      const said = await emu.waitForCall('chat.postMessage', undefined, 3_000, from);
      expect(String(said.args.text)).toMatch(/can't save right now/);
      // And a slash command.
      from = emu.calls.length;
      await emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'summary' });
      const told = await emu.waitForCall('response_url', undefined, 3_000, from);
      expect(JSON.stringify(told.args)).toMatch(/can't save right now/);

      await redis.restart();
      for (const i of [a, b]) {
        await expect
          .poll(() => health(i), { timeout: 10_000, interval: 200 })
          .toEqual({ status: 200, body: { ok: true, store: 'redis' } });
      }
      // The same button now works, on whichever instance, and her first answer is still there.
      await alice.choose(0, step2);
      expect(alice.read(step2)).toContain('Step 3 of 10');
      expect(Object.keys((await stored())?.choices ?? {})).toHaveLength(2);
      for (const i of [a, b]) expect(i.bot.logs()).not.toMatch(/"level":(50|60)/);
    });

    it('Redis gone while a modal is open: submitting it tells the user in the DM', async () => {
      await alice.expectCall(
        () => emu.sendCommand({ user: ALICE, channel: 'C0GENERAL' }),
        'chat.postMessage',
      );
      for (let i = 0; i < 12 && !alice.isTextStep(); i += 1) await alice.choose(0);
      expect(alice.isTextStep()).toBe(true);
      const step = alice.latest();
      await alice.expectCall(() => alice.click(ACTION.textOpen, step), 'views.open');
      await redis.kill();
      const from = emu.calls.length;
      await emu.submitView({ user: ALICE, values: { 'words.input': 'Mentoring, mostly.' } });
      const said = await emu.waitForCall('chat.postMessage', undefined, 5_000, from);
      expect(String(said.args.text)).toMatch(/can't save right now/);
      expect(alice.read(step)).not.toContain('Mentoring, mostly.');
    });
  },
);
