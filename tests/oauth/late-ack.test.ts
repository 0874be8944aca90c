/**
 * When Bolt's own work before a listener (here: reading the workspace's installation) takes
 * longer than the 2 s after which the receiver answers Slack with an empty 200, the listener's
 * ack comes too late to be sent. That late ack must not turn into "Something went wrong": Slack
 * already has its answer, so the user should simply get what they asked for.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderUnexpectedProblem } from '../../src/render/problems.ts';
import { type InstallationStore, memoryInstallationStore } from '../../src/store/index.ts';
import { type OAuthHarness, startOAuthHarness } from '../support/oauth-harness.ts';

/** An installation store whose reads can be made slower than the receiver's 2 s answer. */
function slowReads(inner: InstallationStore): InstallationStore & { delayMs: number } {
  const store = {
    delayMs: 0,
    storeInstallation: inner.storeInstallation.bind(inner),
    deleteInstallation: inner.deleteInstallation.bind(inner),
    count: inner.count.bind(inner),
    async fetchInstallation(query: Parameters<InstallationStore['fetchInstallation']>[0]) {
      if (store.delayMs) await new Promise((resolve) => setTimeout(resolve, store.delayMs));
      return inner.fetchInstallation(query);
    },
  };
  return store as InstallationStore & { delayMs: number };
}

const SOMETHING_WENT_WRONG = (renderUnexpectedProblem().text as string).slice(0, 30);

let h: OAuthHarness;
let installations: ReturnType<typeof slowReads>;
beforeEach(async () => {
  installations = slowReads(memoryInstallationStore(Buffer.alloc(32, 5)));
  h = await startOAuthHarness({ installations });
  await h.install({ team: 'T0ALPHA' });
});
afterEach(async () => {
  await h.close();
});

describe('a listener whose ack comes after the receiver answered Slack', () => {
  it('/career-path still starts the exchange in the DM, with no error shown', async () => {
    installations.delayMs = 2_300;
    const from = h.emu.calls.length;
    const res = await h.emu.sendCommand({
      user: 'U0ALICE',
      overrides: h.from('T0ALPHA', 'command'),
    });
    expect(res.status).toBe(200);
    expect(res.late).toBeUndefined();
    const posted = await h.emu.waitForCall('chat.postMessage', (c) => c.ok, 10_000, from);
    expect(JSON.stringify(posted.args)).toContain('Step 1 of');
    await h.slack.idle();
    const shown = JSON.stringify(h.emu.calls.slice(from).map((c) => c.args));
    expect(shown).not.toContain(SOMETHING_WENT_WRONG);
  }, 20_000);
});
