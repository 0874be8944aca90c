/**
 * How many cases a property test tries: `n` normally; under mutation testing
 * (vitest.stryker.config.ts sets PROPERTY_RUNS) at most that many, since every surviving mutant
 * re-runs every property that covers it. The examples a property finds early still run.
 */
export function propertyRuns(n: number): number {
  const cap = Number.parseInt(process.env.PROPERTY_RUNS ?? '', 10);
  return Number.isFinite(cap) && cap > 0 ? Math.min(n, cap) : n;
}
