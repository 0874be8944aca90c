import fc from 'fast-check';
import { propertyRuns } from './property-runs.ts';

// Under mutation testing only (vitest.stryker.config.ts): fewer cases for properties that take
// fast-check's default of 100.
fc.configureGlobal({ numRuns: propertyRuns(100) });
