import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmChannelIdFor } from '../../src/playground/emulator/defaults.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { ManualClock } from '../../src/scheduler/index.ts';
import {
  MemoryStore,
  type StateStore,
  StoreUnavailableError,
  type UserKey,
  type UserState,
} from '../../src/store/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const CANT_SAVE = /can't save right now/;

/** A memory store that can be made unreachable, like Redis going away, and back. */
class FlakyStore implements StateStore {
  down = false;
  private readonly inner = new MemoryStore({ maxUsers: 100, ttlMs: 86_400_000 });
  private check(): void {
    if (this.down) throw new StoreUnavailableError('test outage');
  }
  async get(key: UserKey) {
    this.check();
    return this.inner.get(key);
  }
  async set(key: UserKey, state: UserState) {
    this.check();
    return this.inner.set(key, state);
  }
  async delete(key: UserKey) {
    this.check();
    return this.inner.delete(key);
  }
  async deleteTeam(teamId: string) {
    this.check();
    return this.inner.deleteTeam(teamId);
  }
  async size() {
    this.check();
    return this.inner.size();
  }
  async read(key: UserKey) {
    this.check();
    return this.inner.read(key);
  }
  async writeIf(key: UserKey, state: UserState, version: number) {
    this.check();
    return this.inner.writeIf(key, state, version);
  }
}

let h: Harness;
let store: FlakyStore;
let clock: ManualClock;
let alice: DmDriver;
beforeEach(async () => {
  store = new FlakyStore();
  clock = new ManualClock(Date.UTC(2026, 5, 1, 8));
  h = await startHarness({ store, clock });
  alice = new DmDriver(h.emu, ALICE);
});
afterEach(async () => {
  await h.close();
});

/** Every message only Alice sees, or posted to her DM, after call `from`, as one string. */
function toldAfter(from: number): string {
  return JSON.stringify(
    h.emu.calls
      .slice(from)
      .filter((c) => c.method === 'response_url' || c.method === 'chat.postMessage')
      .map((c) => c.args),
  );
}

/** The channels the notice was posted in with chat.postMessage after call `from`. */
function postedNoticeIn(from: number): unknown[] {
  return h.emu.calls
    .slice(from)
    .filter((c) => c.method === 'chat.postMessage' && CANT_SAVE.test(JSON.stringify(c.args)))
    .map((c) => c.args.channel);
}

async function waitForTold(from: number): Promise<string> {
  await h.emu.waitFor(() => CANT_SAVE.test(toldAfter(from)), 5_000);
  return toldAfter(from);
}

/** A check-in in Alice's DM, delivered by the scheduler on the bot's clock. */
async function checkinInDm() {
  await alice.expectCall(
    () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'checkin weekly' }),
    'response_url',
  );
  const due = (await store.get({ teamId: 'T0PLAYGND', userId: ALICE }))?.checkin?.next as number;
  const from = h.emu.calls.length;
  await clock.advanceTo(due);
  await h.emu.waitForCall('chat.postMessage', undefined, 5_000, from);
  return alice.latest();
}

describe('one failure policy: a store outage is told kindly wherever the user acted', () => {
  it('a click on a step', async () => {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    const step = alice.latest();
    store.down = true;
    const from = h.emu.calls.length;
    await alice.click(alice.answerButtons(step)[0]?.action_id as string, step);
    expect(await waitForTold(from)).toMatch(CANT_SAVE);
    expect(alice.read(step)).toContain('Step 1 of');
  });

  it('a click on a check-in answer (it used to be swallowed)', async () => {
    const checkin = await checkinInDm();
    store.down = true;
    const from = h.emu.calls.length;
    const block = alice
      .blocks(checkin)
      .find((b) => b.elements?.some((e) => e.action_id?.startsWith(ACTION.checkinAnswer)));
    const button = block?.elements?.find((e) => e.action_id?.startsWith(ACTION.checkinAnswer));
    await h.emu.clickButton({
      user: ALICE,
      messageTs: checkin.ts,
      actionId: button?.action_id as string,
      blockId: block?.block_id as string,
    });
    const told = await waitForTold(from);
    expect(told).toMatch(CANT_SAVE);
    expect(alice.read(checkin)).not.toContain('Saved');
  });

  it('a click on the Home tab (it used to be swallowed): the notice comes in the DM', async () => {
    await alice.expectCall(() => h.emu.openAppHome({ user: ALICE }), 'views.publish');
    const viewId = h.emu.home(ALICE)?.id as string;
    store.down = true;
    const from = h.emu.calls.length;
    await h.emu.selectOption({
      user: ALICE,
      viewId,
      actionId: ACTION.homeCadence,
      value: 'weekly',
    });
    const told = await waitForTold(from);
    expect(told).toMatch(CANT_SAVE);
    // In her DM, by its D… id (not posted to her user id).
    expect(postedNoticeIn(from)).toEqual([dmChannelIdFor(ALICE)]);
    store.down = false;
    expect((await store.get({ teamId: 'T0PLAYGND', userId: ALICE }))?.checkin).toBeUndefined();
  });

  it('a slash command', async () => {
    store.down = true;
    const from = h.emu.calls.length;
    await h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'checkin weekly' });
    expect(await waitForTold(from)).toMatch(CANT_SAVE);
  });

  it('a message in the DM', async () => {
    store.down = true;
    const from = h.emu.calls.length;
    await h.emu.sendDm({ user: ALICE, text: 'start' });
    expect(await waitForTold(from)).toMatch(CANT_SAVE);
  });

  it('a submitted modal', async () => {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    for (let i = 0; i < 12 && !alice.isTextStep(); i += 1) await alice.choose(0);
    const step = alice.latest();
    await alice.expectCall(() => alice.click(ACTION.textOpen, step), 'views.open');
    store.down = true;
    const from = h.emu.calls.length;
    await h.emu.submitView({ user: ALICE, values: { 'words.input': 'Mentoring, mostly.' } });
    expect(await waitForTold(from)).toMatch(CANT_SAVE);
    expect(postedNoticeIn(from)).toEqual([dmChannelIdFor(ALICE)]);
    expect(h.emu.topModal(ALICE)).toBeUndefined();
  });
});

describe('one failure policy: a Slack refusal is explained where the user acted', () => {
  it('opening the text modal fails: only the user is told what to do next', async () => {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    for (let i = 0; i < 12 && !alice.isTextStep(); i += 1) await alice.choose(0);
    const step = alice.latest();
    h.emu.failNext('views.open', 'expired_trigger_id');
    const from = h.emu.calls.length;
    await alice.click(ACTION.textOpen, step);
    await h.emu.waitFor(() => /Try again in a moment/.test(toldAfter(from)), 5_000);
    expect(toldAfter(from)).toContain('ephemeral');
  });
});
