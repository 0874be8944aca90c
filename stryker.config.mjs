// Mutation testing (StrykerJS 9, vitest runner). `npm run mutate` mutates every glob below;
// `npm run mutate:changed` re-tests only mutants in code or tests changed since the last run
// (incremental file: reports/stryker-incremental.json, kept in the CI cache, not in git).
// Narrow a run with --mutate, e.g. `npm run mutate -- --mutate 'src/engine/**/*.ts'`.
//
// STRYKER_CONCURRENCY sets the number of test-runner processes (default 1: this machine has 2
// cores shared with other work; CI can raise it).

const concurrency = Number.parseInt(process.env.STRYKER_CONCURRENCY ?? '1', 10);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  coverageAnalysis: 'perTest',
  concurrency: Number.isFinite(concurrency) && concurrency > 0 ? concurrency : 1,
  mutate: [
    'src/engine/**/*.ts',
    'src/render/**/*.ts',
    'src/scheduler/**/*.ts',
    'src/store/memory-*.ts',
    'src/store/keyed-lock.ts',
    'src/slack/**/*.ts',
    // Barrels only re-export; types-only files have nothing to mutate. The index.ts of each
    // src/slack/features/ folder is not a barrel (it registers that feature's listeners), so it
    // is measured.
    '!src/engine/index.ts',
    '!src/render/index.ts',
    '!src/scheduler/index.ts',
    '!src/store/index.ts',
    '!src/store/redis/index.ts',
  ],
  ignoreStatic: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 85, low: 70, break: null },
  // Added to each mutant's expected time before it counts as a timeout (an infinite loop).
  timeoutMS: 5_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
