import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localParts } from '../../src/engine/index.ts';
import { ACTION } from '../../src/render/action-ids.ts';
import { ManualClock } from '../../src/scheduler/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const TEAM = 'T0PLAYGND';
const DAY = 86_400_000;
const alice_ = { teamId: TEAM, userId: ALICE };
const bob_ = { teamId: TEAM, userId: BOB };

const HOUR = 3_600_000;

/**
 * Where the bot's clock starts: fixed dates, so what a run crosses does not depend on the day it
 * runs. Each is the Monday before a spring clock change, and the tests move weeks ahead across
 * it: the US moves on the second Sunday of March (Bob, America/New_York), Europe on the last
 * (Alice, Europe/London).
 */
const STARTS = [
  {
    name: 'the week of the US clock change',
    start: Date.parse('2026-03-02T12:00:00Z'),
    changes: BOB,
  },
  {
    name: 'the week of the European clock change',
    start: Date.parse('2026-03-23T12:00:00Z'),
    changes: ALICE,
  },
];

let h: Harness;
let clock: ManualClock;
let alice: DmDriver;
let bob: DmDriver;
async function begin(start: number, options: { sendIntervalMs?: number } = {}) {
  clock = new ManualClock(start);
  // `debug`: the most an operator would turn on; no answer may reach the logs at it.
  h = await startHarness({ clock, logLevel: 'debug', ...options });
  alice = new DmDriver(h.emu, ALICE);
  bob = new DmDriver(h.emu, BOB);
}
afterEach(async () => {
  await h.close();
});

/** The newest ephemeral reply only `user` can see in `channel`. */
function lastEphemeral(channel: string, user: string): string {
  const m = h.emu
    .messages(channel)
    .filter((x) => x.ephemeralFor === user)
    .at(-1);
  return m ? `${m.text}\n${JSON.stringify(m.blocks ?? [])}` : '';
}

/** Every check-in posted to the user's DM, in order (whatever it was later replaced with). */
function checkinMessages(user: string) {
  return new DmDriver(h.emu, user).checkins();
}

function homeText(user: string): string {
  return JSON.stringify(h.emu.home(user)?.blocks ?? []);
}

async function command(user: string, text: string) {
  await alice.expectCall(
    () => h.emu.sendCommand({ user, channel: 'C0GENERAL', text }),
    'response_url',
  );
  return lastEphemeral('C0GENERAL', user);
}

/** Clicks the answer with this label on the check-in message. */
async function answer(driver: DmDriver, label: string) {
  const message = checkinMessages(driver.user).at(-1);
  if (!message) throw new Error('no check-in');
  return driver.expectUpdate(() => driver.clickLabel(label, message));
}

describe.each(STARTS)('starting in $name', ({ start, changes }) => {
  describe('check-ins through the real Bolt app', () => {
    beforeEach(async () => {
      await begin(start);
    });

    it('opt in from the summary, get the check-in when the clock reaches it, answer it, and see the trend', async () => {
      await alice.expectCall(
        () => h.emu.sendDm({ user: ALICE, text: 'start' }),
        'chat.postMessage',
      );
      await alice.finish({ pick: () => 1 });
      const summaryLean = (await h.deps.store.get(alice_))?.history?.[0]?.lean;
      expect(summaryLean).toBeDefined();

      await alice.expectCall(() => alice.click(ACTION.checkinOptIn), 'response_url');
      await h.slack.idle();
      const confirmation = lastEphemeral(alice.latest().channel, ALICE);
      expect(confirmation).toContain('every other week');
      expect(confirmation).toContain('Europe/London');
      const prefs = (await h.deps.store.get(alice_))?.checkin;
      expect(prefs).toMatchObject({
        cadence: 'biweekly',
        weekday: 2,
        time: '10:00',
        tz: 'Europe/London',
      });
      const due = prefs?.next as number;
      expect(localParts(due, 'Europe/London')).toMatchObject({ weekday: 2, hour: 10, minute: 0 });
      expect(await h.schedule.getDue(alice_)).toBe(due);

      await clock.advanceTo(due - 60_000);
      expect(checkinMessages(ALICE)).toHaveLength(0);
      const posted = h.emu.calls.length;
      await clock.advanceTo(due);
      await h.emu.waitForCall('chat.postMessage', undefined, 2_000, posted);
      expect(checkinMessages(ALICE)).toHaveLength(1);
      const text = alice.read(checkinMessages(ALICE)[0]);
      expect(text).toContain('What has changed since we last talked?');
      expect(text).toContain('Skip this one');
      expect(text).toContain('Snooze until');
      expect(text).toContain('Stop check-ins');

      await answer(alice, 'Not much, honestly');
      await answer(alice, 'Helping people and the team');
      await answer(alice, 'Either would suit me');
      expect(alice.read(checkinMessages(ALICE)[0])).toContain('Saved. Thanks');
      const history = (await h.deps.store.get(alice_))?.history ?? [];
      expect(history.map((e) => e.lean)).toEqual([summaryLean, 'either']);

      // Changing a past answer: the entry changes, no new one appears.
      await answer(alice, 'Toward Engineering Manager');
      const edited = (await h.deps.store.get(alice_))?.history ?? [];
      expect(edited.map((e) => e.lean)).toEqual([summaryLean, 'em']);

      await alice.expectCall(
        () => h.emu.sendDm({ user: ALICE, text: 'summary' }),
        'chat.postMessage',
      );
      const brief = alice.read();
      expect(brief).toContain('How my thinking moved');
      expect(brief).toContain('leaning EM');
      expect(brief).not.toContain('Check in with me');

      await alice.expectCall(() => h.emu.openAppHome({ user: ALICE }), 'views.publish');
      const home = homeText(ALICE);
      expect(home).toContain('How my thinking moved');
      expect(home).toContain('leaning EM');
      expect(home).toContain('Recent check-ins');
      expect(home).toContain('Europe/London');
      expect(home).toContain('Next check-in');
      expect(home).not.toMatch(/\(UTC\)/);

      // Private: no answer of the check-in reaches the logs.
      for (const words of [
        'Not much, honestly',
        'Helping people',
        'Either would suit me',
        'leaning EM',
      ])
        expect(h.logs()).not.toContain(words);
    });

    it('sends one gentle nudge for an unanswered check-in, never a second', async () => {
      await command(BOB, 'checkin weekly');
      const due = (await h.deps.store.get(bob_))?.checkin?.next as number;
      await clock.advanceTo(due);
      await h.emu.waitFor(() => checkinMessages(BOB).length === 1);
      const before = h.emu.dm(BOB).filter((m) => m.bot_id).length;
      await clock.advanceBy(2 * DAY + 3 * 3_600_000);
      await h.emu.waitFor(() => h.emu.dm(BOB).filter((m) => m.bot_id).length === before + 1);
      expect(bob.read()).toContain('gentle nudge');
      await clock.advanceBy(DAY);
      await clock.advanceBy(DAY);
      expect(h.emu.dm(BOB).filter((m) => m.bot_id)).toHaveLength(before + 1);
    });

    it('/career-path checkin sets the cadence in the user’s own zone and shows it, paused or not', async () => {
      expect(await command(BOB, 'checkin')).toContain('Check-ins are off');
      const on = await command(BOB, 'checkin weekly');
      expect(on).toContain('every week');
      expect(on).toContain('America/New_York');
      const prefs = (await h.deps.store.get(bob_))?.checkin;
      expect(prefs?.tz).toBe('America/New_York');
      expect(localParts(prefs?.next as number, 'America/New_York')).toMatchObject({
        hour: 10,
        minute: 0,
      });

      await clock.advanceTo(prefs?.next as number);
      await h.emu.waitFor(() => checkinMessages(BOB).length === 1);
      const message = checkinMessages(BOB)[0];
      if (!message) throw new Error('no check-in');
      const until = new Date(clock.now() + 20 * DAY).toISOString().slice(0, 10);
      await bob.expectUpdate(() =>
        h.emu.selectOption({
          user: BOB,
          messageTs: message.ts,
          actionId: ACTION.checkinSnooze,
          value: until,
        }),
      );
      expect(bob.read(message)).toContain('Snoozed');
      const status = await command(BOB, 'checkin');
      expect(status).toContain('Paused until');
      expect(status).toContain(until.slice(0, 4));
      await bob.expectCall(() => h.emu.openAppHome({ user: BOB }), 'views.publish');
      expect(homeText(BOB)).toContain('Paused until');
      expect(homeText(BOB)).toContain('Resume check-ins');

      // Nothing is sent while snoozed.
      await clock.advanceBy(14 * DAY);
      expect(checkinMessages(BOB)).toHaveLength(1);
      await clock.advanceBy(14 * DAY);
      await h.emu.waitFor(() => checkinMessages(BOB).length === 2);

      expect(await command(BOB, 'checkin off')).toContain('Check-ins are off');
      expect(await h.schedule.getDue(bob_)).toBeNull();
      await clock.advanceBy(30 * DAY);
      expect(checkinMessages(BOB)).toHaveLength(2);
    });

    it('Skip and Stop on the check-in message do what they say', async () => {
      await command(ALICE, 'checkin weekly');
      await clock.advanceTo((await h.deps.store.get(alice_))?.checkin?.next as number);
      await h.emu.waitFor(() => checkinMessages(ALICE).length === 1);
      const first = checkinMessages(ALICE)[0];
      if (!first) throw new Error('no check-in');
      await alice.expectUpdate(() => alice.click(ACTION.checkinSkip, first));
      expect(alice.read(first)).toContain('Skipped this one');
      expect((await h.deps.store.get(alice_))?.history ?? []).toHaveLength(0);
      // A skipped check-in gets no nudge.
      await clock.advanceBy(3 * DAY);
      expect(h.emu.dm(ALICE).filter((m) => m.bot_id && /nudge/.test(m.text))).toHaveLength(0);

      await clock.advanceBy(4 * DAY);
      await h.emu.waitFor(() => checkinMessages(ALICE).length === 2);
      const second = checkinMessages(ALICE)[1];
      if (!second) throw new Error('no second check-in');
      await alice.expectUpdate(() => alice.click(ACTION.checkinStop, second));
      expect(alice.read(second)).toContain('Check-ins stopped');
      expect(await h.schedule.getDue(alice_)).toBeNull();
      await clock.advanceBy(60 * DAY);
      expect(checkinMessages(ALICE)).toHaveLength(2);
    });

    it('a weekly check-in stays at 10:00 in the user’s zone across the clock change', async () => {
      const user = changes === ALICE ? alice : bob;
      const key = { teamId: TEAM, userId: changes };
      const tz = changes === ALICE ? 'Europe/London' : 'America/New_York';
      await command(changes, 'checkin weekly');
      const first = (await h.deps.store.get(key))?.checkin?.next as number;
      const { weekday } = localParts(first, tz);
      expect(localParts(first, tz)).toMatchObject({ hour: 10, minute: 0 });
      await clock.advanceTo(first);
      await h.emu.waitFor(() => checkinMessages(user.user).length === 1);
      // (What the schedule holds now is the nudge; the next check-in is in the user's settings.)
      const second = (await h.deps.store.get(key))?.checkin?.next as number;
      expect(localParts(second, tz)).toMatchObject({ weekday, hour: 10, minute: 0 });
      // The clocks went forward in between: a week on the wall is an hour short of 7 × 24 h.
      expect(second - first).toBe(7 * DAY - HOUR);
      await clock.advanceTo(second - 60_000);
      expect(checkinMessages(user.user)).toHaveLength(1);
      await clock.advanceTo(second);
      await h.emu.waitFor(() => checkinMessages(user.user).length === 2);
    });

    it('the Home tab changes day and time in place, in the user’s zone', async () => {
      await command(BOB, 'checkin biweekly');
      await bob.expectCall(() => h.emu.openAppHome({ user: BOB }), 'views.publish');
      const viewId = h.emu.home(BOB)?.id as string;
      await bob.expectCall(
        () => h.emu.selectOption({ user: BOB, viewId, actionId: ACTION.homeWeekday, value: '4' }),
        'views.publish',
      );
      await bob.expectCall(
        () => h.emu.selectOption({ user: BOB, viewId, actionId: ACTION.homeTime, value: '16:30' }),
        'views.publish',
      );
      const prefs = (await h.deps.store.get(bob_))?.checkin;
      expect(prefs).toMatchObject({ weekday: 4, time: '16:30', cadence: 'biweekly' });
      expect(localParts(prefs?.next as number, 'America/New_York')).toMatchObject({
        weekday: 4,
        hour: 16,
        minute: 30,
      });
      expect(await h.schedule.getDue(bob_)).toBe(prefs?.next);
      expect(homeText(BOB)).toContain('Thursdays at 16:30 (America/New_York)');
    });

    it('Forget me deletes everything stored about the user, and says so', async () => {
      await alice.expectCall(
        () => h.emu.sendDm({ user: ALICE, text: 'start' }),
        'chat.postMessage',
      );
      await alice.finish();
      await command(ALICE, 'checkin weekly');
      expect(await h.deps.store.get(alice_)).toBeDefined();
      expect(await h.schedule.getDue(alice_)).not.toBeNull();

      await alice.expectCall(() => h.emu.openAppHome({ user: ALICE }), 'views.publish');
      const viewId = h.emu.home(ALICE)?.id as string;
      const forget = await alice.expectCall(
        () => h.emu.clickButton({ user: ALICE, viewId, actionId: ACTION.homeForget }),
        'views.publish',
      );
      expect(forget.ok).toBe(true);
      expect(homeText(ALICE)).toContain('I deleted everything I kept about you');
      expect(await h.deps.store.get(alice_)).toBeUndefined();
      expect(await h.schedule.getDue(alice_)).toBeNull();
      expect(await h.schedule.claimDue(Number.MAX_SAFE_INTEGER, 10, 1)).toEqual([]);
      expect(await h.deps.store.size()).toBe(0);
      // And nothing comes back when time passes.
      await clock.advanceBy(30 * DAY);
      expect(checkinMessages(ALICE)).toHaveLength(0);
    });
  });

  describe('with no pacing of its own, the bot waits as long as Slack asks', () => {
    // No gap between posts: the only wait left is the one Slack asks for.
    beforeEach(async () => {
      await begin(start, { sendIntervalMs: 0 });
    });

    it('honours a 429 from Slack: waits Retry-After on the bot’s clock and sends the check-in exactly once', async () => {
      await command(ALICE, 'checkin weekly');
      // Not the emulator's default of 1 s, so the wait below is the one Slack asked for.
      h.emu.failNext('chat.postMessage', 'ratelimited', { retryAfter: 7 });
      const due = (await h.deps.store.get(alice_))?.checkin?.next as number;
      const from = h.emu.calls.length;
      await clock.advanceTo(due);
      expect(checkinMessages(ALICE)).toHaveLength(1);
      const posts = h.emu.calls.slice(from).filter((c) => c.method === 'chat.postMessage');
      expect(posts.map((c) => c.status)).toEqual([429, 200]);
      // The bot's clock moved on by exactly the seven seconds Slack asked for before the post went.
      expect(clock.now() - due).toBe(7_000);
      expect(await h.scheduler?.runDue()).toMatchObject({ claimed: 0, sent: 0 });
      expect(h.emu.callsTo('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(1);
    });
  });

  describe('when Slack fails a check-in', () => {
    beforeEach(async () => {
      await begin(start);
    });

    it('a passing outage is retried shortly and sent once; a refusal moves on to the next slot', async () => {
      await command(ALICE, 'checkin weekly');
      const due = (await h.deps.store.get(alice_))?.checkin?.next as number;
      h.emu.failNext('chat.postMessage', 'internal_error', { times: 3 });
      await clock.advanceTo(due);
      expect(checkinMessages(ALICE)).toHaveLength(0);
      expect(await h.schedule.getDue(alice_)).toBe(due + 10 * 60_000);
      await clock.advanceBy(10 * 60_000);
      expect(checkinMessages(ALICE)).toHaveLength(1);
      await clock.advanceBy(60_000);
      expect(checkinMessages(ALICE)).toHaveLength(1);

      // Bob has turned off the app's Messages tab: no retry storm, but he is not dropped either.
      await command(BOB, 'checkin weekly');
      const bobDue = (await h.deps.store.get(bob_))?.checkin?.next as number;
      h.emu.failNext('chat.postMessage', 'messages_tab_disabled');
      await clock.advanceTo(bobDue);
      expect(checkinMessages(BOB)).toHaveLength(0);
      // The same time next week in his zone (7 × 24 h, less an hour when the clocks go forward).
      const nextWeek = (await h.schedule.getDue(bob_)) as number;
      const ny = (at: number) => localParts(at, 'America/New_York');
      expect(ny(nextWeek)).toEqual({ ...ny(bobDue + 7 * DAY), hour: ny(bobDue).hour });
      expect(Math.abs(nextWeek - 7 * DAY - bobDue)).toBeLessThanOrEqual(HOUR);
    });
  });

  describe('earlier briefs on the Home tab', () => {
    beforeEach(async () => {
      await begin(start);
    });

    it('Start over keeps the old brief, and Open posts it to the DM read-only', async () => {
      await alice.expectCall(
        () => h.emu.sendDm({ user: ALICE, text: 'start' }),
        'chat.postMessage',
      );
      await alice.finish({ pick: () => 0 });
      await clock.advanceBy(3 * DAY);
      await alice.expectCall(
        () => h.emu.sendDm({ user: ALICE, text: 'reset' }),
        'chat.postMessage',
      );
      // Typed `reset` asks first; Start over begins again at the first step.
      await alice.expectUpdate(() => alice.click(ACTION.restart));
      await h.emu.waitFor(() => alice.answerButtons().length > 0);
      await alice.finish({ pick: () => 1 });
      const state = await h.deps.store.get(alice_);
      expect(state?.summaries).toHaveLength(1);
      expect(state?.history).toHaveLength(2);

      await alice.expectCall(() => h.emu.openAppHome({ user: ALICE }), 'views.publish');
      const home = homeText(ALICE);
      expect(home).toContain('Your briefs');
      expect(home).toContain('brief-current');
      expect(home).toContain('brief-a0');
      const viewId = h.emu.home(ALICE)?.id as string;
      await alice.expectCall(
        () =>
          h.emu.clickButton({
            user: ALICE,
            viewId,
            actionId: ACTION.homeOpenBrief,
            blockId: 'brief-a0',
          }),
        'chat.postMessage',
      );
      expect(alice.read()).toContain('An earlier brief');
      expect(alice.read()).not.toContain(ACTION.restart);
    });
  });
});
