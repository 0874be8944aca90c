import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const ALICE = 'U0ALICE';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('links to the DM are links Slack renders', () => {
  it('the "continue in the DM" pointer opens the app\'s Messages tab, never a <#D…> mention', async () => {
    const alice = new DmDriver(h.emu, ALICE);
    await alice.expectCall(() => h.emu.sendCommand({ user: ALICE }), 'chat.postMessage');
    await alice.finish();
    const from = h.emu.calls.length;
    await h.emu.sendCommand({ user: ALICE, channel: 'C0GENERAL', text: 'summary' });
    const pointer = await h.emu.waitForCall(
      'response_url',
      (c) => /sent you a DM/.test(JSON.stringify(c.args)),
      3_000,
      from,
    );
    const sent = JSON.stringify(pointer.args);
    const { teamId, appId } = h.emu.state.identity;
    expect(sent).toContain(`https://slack.com/app_redirect?app=${appId}&team=${teamId}`);
    expect(sent).not.toMatch(/<#D/);
  });
});
