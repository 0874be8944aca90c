import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/render/action-ids.ts';
import { DmDriver } from '../support/dm-driver.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
beforeEach(async () => {
  // `debug` is the most a production operator would turn on; every line must still be clean.
  h = await startHarness({ logLevel: 'debug' });
});
afterEach(async () => {
  await h.close();
});

describe('privacy', () => {
  it('no answer, typed word or summary line reaches the logs during a full run', async () => {
    const alice = new DmDriver(h.emu, 'U0ALICE');
    const secretWords = ['Zanzibar-quokka stampede memory', 'tangerine-overcoat promotion hope'];
    await alice.expectCall(
      () => h.emu.sendCommand({ user: 'U0ALICE', channel: 'C0GENERAL' }),
      'chat.postMessage',
    );
    await alice.finish({ words: secretWords, pick: (i) => i % 3 });
    await alice.expectCall(() => alice.click(ACTION.shareOpen), 'views.open');
    h.emu.failNext('chat.postMessage', 'not_in_channel');
    await alice.expectCall(
      () => h.emu.submitView({ user: 'U0ALICE', values: { 'share.channel': 'C0ENGLEADS' } }),
      'views.update',
    );

    const logs = h.logs();
    expect(logs.length).toBeGreaterThan(0);
    // The failure was logged, with its code but none of the content.
    expect(logs).toContain('not_in_channel');
    for (const words of secretWords) expect(logs).not.toContain(words.split(' ')[0]);
    const session = (await h.deps.store.get({ teamId: 'T0PLAYGND', userId: 'U0ALICE' }))?.session;
    const summary = h.deps.engine.summary(session as never);
    const leaks = [
      ...summary.reasons,
      ...summary.talkingPoints,
      ...summary.experiments.map((e) => e.how),
      summary.leanBlurb,
    ]
      .map((line) => line.slice(0, 40))
      .filter((line) => logs.includes(line));
    expect(leaks).toEqual([]);
    const labels = h.deps.engine.content.exchange.steps.flatMap((s) =>
      s.kind === 'choice' ? s.options.map((o) => o.label) : [],
    );
    expect(labels.filter((l) => logs.includes(l))).toEqual([]);
  });
});
