import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/action-ids.ts';
import { ManualClock } from '../../src/scheduler/index.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';
import { hiddenValues } from '../support/view-drift.ts';

const ALICE = 'U0ALICE';

let h: Harness;
let alice: DmDriver;
beforeEach(async () => {
  h = await startHarness({ clock: new ManualClock(Date.now()) });
  alice = new DmDriver(h.emu, ALICE);
});
afterEach(async () => {
  await h.close();
});

/** What the cadence menu on Alice's Home tab shows (Slack's state, not what the bot last sent). */
function cadenceShown(): string | undefined {
  const values = h.emu.home(ALICE)?.state.values ?? {};
  for (const actions of Object.values(values)) {
    const entry = actions[ACTION.homeCadence] as
      | { selected_option?: { value: string } }
      | undefined;
    if (entry) return entry.selected_option?.value;
  }
  return undefined;
}

const openHome = () => alice.expectCall(() => h.emu.openAppHome({ user: ALICE }), 'views.publish');

describe('the Home tab’s settings show what is set', () => {
  it('after `/career-path checkin weekly` the menu says Weekly; after Forget me it says Off', async () => {
    await openHome();
    expect(cadenceShown()).toBe('off');
    await alice.expectCall(
      () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'checkin weekly' }),
      'response_url',
    );
    await openHome();
    expect(JSON.stringify(h.emu.home(ALICE)?.blocks)).toContain('every week');
    expect(cadenceShown()).toBe('weekly');
    expect(hiddenValues(h.emu.home(ALICE))).toEqual([]);

    // Biweekly picked on Home, then Forget me: the menu follows the real value each time.
    const viewId = h.emu.home(ALICE)?.id as string;
    await alice.expectCall(
      () =>
        h.emu.selectOption({
          user: ALICE,
          viewId,
          actionId: ACTION.homeCadence,
          value: 'biweekly',
        }),
      'views.publish',
    );
    expect(cadenceShown()).toBe('biweekly');
    await alice.expectCall(
      () => h.emu.clickButton({ user: ALICE, viewId, actionId: ACTION.homeForget }),
      'views.publish',
    );
    expect(cadenceShown()).toBe('off');
    expect(hiddenValues(h.emu.home(ALICE))).toEqual([]);
  });

  it('a cadence changed by a command while Home showed another one shows on the menu', async () => {
    const checkin = (text: string) =>
      alice.expectCall(
        () => h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text }),
        'response_url',
      );
    await checkin('checkin weekly');
    await openHome();
    expect(cadenceShown()).toBe('weekly');
    await checkin('checkin biweekly');
    await openHome();
    expect(cadenceShown()).toBe('biweekly');
    expect(hiddenValues(h.emu.home(ALICE))).toEqual([]);
  });
});
