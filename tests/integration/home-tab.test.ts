import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/action-ids.ts';
import { ManualClock } from '../../src/scheduler/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const TEAM = 'T0PLAYGND';
const ALICE = 'U0ALICE';
const alice_ = { teamId: TEAM, userId: ALICE };

let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock(Date.now()) });
  alice = new DmDriver(h.emu, ALICE);
  await alice.expectCall(
    () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'checkin weekly' }),
    'response_url',
  );
  await alice.expectCall(() => h.emu.openAppHome({ user: ALICE }), 'views.publish');
});
afterEach(async () => {
  await h.close();
});

const homeId = () => h.emu.home(ALICE)?.id as string;
const homeText = () => JSON.stringify(h.emu.home(ALICE)?.blocks ?? []);
const prefs = async () => (await h.deps.store.get(alice_))?.checkin;

/** A pick on one of Home's menus, as Slack sends it (or as someone could forge it). */
function pickOnHome(actionId: string, value: string) {
  return alice.expectCall(
    () =>
      h.emu.clickButton({
        user: ALICE,
        viewId: homeId(),
        actionId,
        overrides: {
          actions: [
            {
              type: 'static_select',
              action_id: actionId,
              block_id: 'forged',
              selected_option: { text: { type: 'plain_text', text: value }, value },
              action_ts: '1700000001.000200',
            },
          ],
        },
      }),
    'views.publish',
  );
}

describe('Home’s check-in settings', () => {
  it('the first and last day of the week can both be picked', async () => {
    await pickOnHome(ACTION.homeWeekday, '0');
    expect(await prefs()).toMatchObject({ weekday: 0 });
    expect(homeText()).toContain('Sundays at');
    await pickOnHome(ACTION.homeWeekday, '6');
    expect(await prefs()).toMatchObject({ weekday: 6 });
    expect(homeText()).toContain('Saturdays at');
  });

  it.each([
    [ACTION.homeWeekday, '7'],
    [ACTION.homeWeekday, '-1'],
    [ACTION.homeWeekday, '2.5'],
    [ACTION.homeWeekday, 'monday'],
    [ACTION.homeTime, '25:00'],
    [ACTION.homeTime, 'noon'],
    [ACTION.homeCadence, 'hourly'],
  ])(
    'a value no menu offers (%s = %s) changes nothing, and Home still shows the settings',
    async (actionId, value) => {
      const before = await prefs();
      const due = await h.schedule.getDue(alice_);
      await pickOnHome(actionId, value);
      expect(await prefs()).toEqual(before);
      expect(await h.schedule.getDue(alice_)).toBe(due);
      expect(homeText()).toContain('every week');
    },
  );

  it('with check-ins off, a cadence no menu offers does not turn them back on', async () => {
    await pickOnHome(ACTION.homeCadence, 'off');
    expect(await h.schedule.getDue(alice_)).toBeNull();
    const off = await prefs();
    await pickOnHome(ACTION.homeCadence, 'hourly');
    expect(await prefs()).toEqual(off);
    expect(await h.schedule.getDue(alice_)).toBeNull();
  });

  it('a cadence, a day and a time picked on Home are kept and shown', async () => {
    await pickOnHome(ACTION.homeCadence, 'biweekly');
    await pickOnHome(ACTION.homeWeekday, '2');
    await pickOnHome(ACTION.homeTime, '08:15');
    expect(await prefs()).toMatchObject({ cadence: 'biweekly', weekday: 2, time: '08:15' });
    expect(homeText()).toContain('Tuesdays at 08:15');
  });
});

describe('Home’s own buttons', () => {
  it('Start over after a brief posts the first step afresh; the brief stays listed as an earlier one', async () => {
    await alice.expectCall(() => h.emu.sendDm({ user: ALICE, text: 'start' }), 'chat.postMessage');
    await alice.finish({ pick: () => 0 });
    const brief = alice.latest();
    await alice.expectCall(() => h.emu.openAppHome({ user: ALICE }), 'views.publish');
    expect(homeText()).toContain('Start over');
    expect(homeText()).toContain('*Where you stand:*');
    await alice.expectCall(
      () => h.emu.clickButton({ user: ALICE, viewId: homeId(), actionId: ACTION.homeRestart }),
      'chat.postMessage',
    );
    await h.idle();
    expect(alice.latest().ts).not.toBe(brief.ts);
    expect(alice.answerButtons().length).toBeGreaterThan(0);
    expect((await h.deps.store.get(alice_))?.session?.status).toBe('active');
    expect(homeText()).toContain('In progress');
    expect(homeText()).toContain('brief-a0');
  });

  it('opening the Messages tab leaves Home as it was: nothing is published', async () => {
    const from = h.emu.calls.length;
    await h.emu.openAppHome({ user: ALICE, tab: 'messages' });
    await h.idle();
    expect(h.emu.calls.slice(from).map((c) => c.method)).not.toContain('views.publish');
  });
});
