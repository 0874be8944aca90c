import { afterEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../src/playground/emulator/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { hiddenValues } from '../support/view-drift.ts';

const ALICE = 'U0ALICE';
/** Blocks that make a message a live copy of the exchange: its answers, Back / Stop, Resume, the brief's buttons. */
const LIVE_BLOCKS = new Set(['answer', 'nav', 'paused', 'summary-actions']);

type Element = { type?: string; action_id?: string; options?: { value: string }[] };
type Block = { block_id?: string; elements?: Element[]; accessory?: Element };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A small seeded PRNG (mulberry32), so a failing walk can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const blocksOf = (m: StoredMessage) => (m.blocks ?? []) as Block[];
const isLive = (m: StoredMessage) =>
  blocksOf(m).some((b) => LIVE_BLOCKS.has(b.block_id ?? '') && (b.elements?.length ?? 0) > 0);

/** The bot's messages in Alice's DM that anyone would still see with live exchange buttons. */
function liveCopies(harness: Harness): StoredMessage[] {
  return harness.emu
    .dm(ALICE)
    .filter((m) => m.bot_id && !m.deleted && !m.ephemeralFor)
    .filter(isLive);
}

/** Every button or menu Alice can reach in her DM (ephemeral notices included), but not Share. */
function reachable(harness: Harness) {
  const found: { message: StoredMessage; block: string; element: Element }[] = [];
  for (const message of harness.emu.dm(ALICE).filter((m) => m.bot_id && !m.deleted)) {
    for (const block of blocksOf(message)) {
      for (const element of [
        ...(block.elements ?? []),
        ...(block.accessory ? [block.accessory] : []),
      ]) {
        if (!element.action_id || element.action_id.startsWith('career.share')) continue;
        if (element.action_id.startsWith('career.checkin')) continue;
        found.push({ message, block: block.block_id ?? '', element });
      }
    }
  }
  return found;
}

async function step(harness: Harness, random: () => number, log: string[]): Promise<void> {
  const { emu } = harness;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const roll = random();
  if (roll < 0.6) {
    const targets = reachable(harness);
    if (targets.length === 0) return step(harness, random, log);
    const { message, block, element } = pick(targets);
    log.push(`${element.action_id}@${message.ts}`);
    if (element.type === 'static_select') {
      const value = pick(element.options ?? []).value;
      await emu.selectOption({
        user: ALICE,
        messageTs: message.ts,
        actionId: element.action_id as string,
        blockId: block,
        value,
      });
    } else {
      await emu.clickButton({
        user: ALICE,
        messageTs: message.ts,
        actionId: element.action_id as string,
        blockId: block,
      });
    }
    await harness.slack.idle();
    if (element.action_id === ACTION.textOpen && emu.topModal(ALICE)) {
      await emu.submitView({ user: ALICE, values: { 'words.input': 'A sentence from the walk.' } });
    }
  } else if (roll < 0.8) {
    const text = pick(['start', 'reset', 'Words typed in the DM.', 'summary']);
    log.push(`dm:${text}`);
    await emu.sendDm({ user: ALICE, text });
  } else if (roll < 0.92) {
    const text = pick(['', 'start', 'reset']);
    log.push(`/career-path ${text}`);
    await emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text });
  } else {
    log.push('home:resume');
    await emu.openAppHome({ user: ALICE });
    await harness.slack.idle();
    const home = emu.home(ALICE);
    if (home) await emu.clickButton({ user: ALICE, viewId: home.id, actionId: ACTION.resume });
  }
  await harness.slack.idle();
}

describe('one live step at a time', () => {
  for (const seed of [1, 7, 42, 2026]) {
    it(`a random walk (seed ${seed}) never leaves two live copies in the DM`, async () => {
      h = await startHarness({ logLevel: 'warn' });
      const harness = h;
      const random = prng(seed);
      const log: string[] = [];
      await harness.emu.sendDm({ user: ALICE, text: 'start' });
      await harness.slack.idle();
      for (let i = 0; i < 30; i += 1) {
        await step(harness, random, log);
        const live = liveCopies(harness);
        expect(live.length, `after ${log.join(' → ')}`).toBeLessThanOrEqual(1);
        expect(hiddenValues(harness.emu.home(ALICE)), 'Home shows what is set').toEqual([]);
      }
    }, 60_000);
  }

  it('/career-path start while a step is live collapses the older copy: moved below, no buttons', async () => {
    h = await startHarness();
    const alice = new DmDriver(h.emu, ALICE);
    await alice.expectCall(
      () => h?.emu.sendDm({ user: ALICE, text: 'start' }) as Promise<unknown>,
      'chat.postMessage',
    );
    await alice.choose(0);
    const first = alice.latest();
    await h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'start' });
    await h.slack.idle();
    expect(liveCopies(h)).toHaveLength(1);
    const collapsed = JSON.stringify(h.emu.findMessage(first.ts)?.blocks);
    expect(collapsed).toContain('moved below');
    expect(collapsed).not.toContain('"button"');
  });
});
