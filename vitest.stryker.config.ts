import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The tests Stryker runs against each mutant (see stryker.config.mjs).
 *
 * STRYKER_TESTS=unit (the default): the pure layers' own tests (engine, render, scheduler, the
 * memory stores) and the other in-process unit tests. Fast: a mutant costs about a second.
 * This is what engine/render/scheduler are scored against, a lower bound on what the whole
 * suite kills.
 *
 * STRYKER_TESTS=all: everything but the tests that cannot see a mutant or only repeat others
 * slowly: browser (Chromium drives the playground), process and multi-process (child
 * processes run their own, unmutated copy), the random-payload fuzz. Needed for src/slack/,
 * which only the integration tests reach; a mutant costs a few seconds there.
 */
const unit = [
  'tests/engine/**/*.test.ts',
  'tests/render/**/*.test.ts',
  'tests/scheduler/**/*.test.ts',
  'tests/store/memory-*.test.ts',
  'tests/slack/**/*.test.ts',
  'tests/*.test.ts',
];
const slowOrBlind = [
  'tests/browser/**',
  'tests/process/**',
  'tests/integration/multi-process.test.ts',
  'tests/integration/random-payloads.test.ts',
  // Timer-bound: each waits out real deadlines (a stalled Slack, a 3 s ack, auth.test retried),
  // 3-30 s a file with the CPU idle. A mutant any of them covers paid that wait every time it
  // survived: a first src/slack/ run was heading for 12 hours. Without them the Slack layer's
  // score is a lower bound, as the unit set's is for the pure layers.
  'tests/integration/slow-slack.test.ts',
  'tests/integration/ack-deadline.test.ts',
  'tests/integration/bot-identity.test.ts',
  'tests/playground/emulator-ack-deadline.test.ts',
  'tests/oauth/late-ack.test.ts',
];

const which = process.env.STRYKER_TESTS ?? 'unit';
if (which !== 'unit' && which !== 'all') {
  throw new Error(`STRYKER_TESTS must be "unit" or "all", not "${which}"`);
}

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: which === 'unit' ? unit : ['tests/**/*.test.ts'],
    exclude: which === 'unit' ? [] : slowOrBlind,
    // Every surviving mutant re-runs each property test that covers it: fewer cases each.
    env: { PROPERTY_RUNS: process.env.PROPERTY_RUNS ?? '25' },
    setupFiles: ['tests/support/stryker-setup.ts'],
  },
});
