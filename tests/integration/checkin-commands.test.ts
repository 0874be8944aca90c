import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/action-ids.ts';
import { ManualClock } from '../../src/scheduler/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const alice_ = { teamId: 'T0PLAYGND', userId: ALICE };

/** `/career-path checkin …` and the brief's "Check in with me" button, as Alice uses them. */
let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  // A fixed Monday, far from any clock change.
  h = await startHarness({ clock: new ManualClock(Date.parse('2026-06-08T08:00:00Z')) });
  alice = new DmDriver(h.emu, ALICE);
});
afterEach(async () => {
  await h.close();
});

/** What the bot answered, visible to Alice alone, to the newest thing she did in `channel`. */
function lastReply(channel: string): string {
  const m = h.emu
    .messages(channel)
    .filter((x) => x.ephemeralFor === ALICE)
    .at(-1);
  return m ? `${m.text}\n${JSON.stringify(m.blocks ?? [])}` : '';
}

async function command(text: string): Promise<string> {
  await alice.expectCall(
    () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text }),
    'response_url',
  );
  return lastReply('C0GENERAL');
}

const prefs = async () => (await h.deps.store.get(alice_))?.checkin;

describe('/career-path checkin', () => {
  it('says how check-ins are set, turns them on, and off again', async () => {
    expect(await command('checkin')).toContain('Check-ins are off.');
    const on = await command('checkin monthly');
    expect(on).toContain('Done.');
    expect(on).toContain('every four weeks');
    expect(await h.schedule.getDue(alice_)).toBe((await prefs())?.next);

    const status = await command('checkin');
    expect(status).not.toContain('Done.');
    expect(status).toContain('every four weeks');
    expect(status).toContain('Change the day, time or cadence');

    const off = await command('checkin off');
    expect(off).toContain('Check-ins are off.');
    expect(off).not.toContain('Done.');
    expect(await prefs()).toMatchObject({ cadence: 'off' });
    expect(await h.schedule.getDue(alice_)).toBeNull();
  });
});

describe('the brief’s check-in offer', () => {
  async function finishBrief() {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    await alice.finish({ pick: () => 1 });
    return alice.latest();
  }

  it('pressed after check-ins were set another way, it says how they are set and changes nothing', async () => {
    const brief = await finishBrief();
    await command('checkin monthly');
    const before = await prefs();
    const briefBlocks = JSON.stringify(h.emu.findMessage(brief.ts)?.blocks);
    await alice.expectCall(() => alice.click(ACTION.checkinOptIn, brief), 'response_url');
    await h.idle();
    const reply = lastReply(brief.channel);
    expect(reply).toContain('every four weeks');
    expect(reply).not.toContain('Done.');
    expect(await prefs()).toEqual(before);
    expect(JSON.stringify(h.emu.findMessage(brief.ts)?.blocks)).toEqual(briefBlocks);
  });

  it('pressed after check-ins were turned off, turns them back on and drops the offer from the brief', async () => {
    const brief = await finishBrief();
    await command('checkin weekly');
    await command('checkin off');
    expect(alice.read(brief)).toContain(ACTION.checkinOptIn);
    await alice.expectUpdate(() => alice.click(ACTION.checkinOptIn, brief));
    await h.idle();
    expect(lastReply(brief.channel)).toContain('Done.');
    expect((await prefs())?.cadence).not.toBe('off');
    expect(await h.schedule.getDue(alice_)).toBe((await prefs())?.next);
    expect(JSON.stringify(h.emu.findMessage(brief.ts)?.blocks)).not.toContain(ACTION.checkinOptIn);
  });
});
