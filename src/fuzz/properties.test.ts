// Property tests: for every algorithm, 1,000 random fault schedules (by default) must break
// no invariant. A failure prints fast-check's seed and path and the shrunk case as JSON;
// `npm run fuzz -- --replay '<case>'` replays it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseArbitrary, checkCase, describeCase, FUZZ_ALGORITHMS, runCase } from './cases.ts';
import { formatViolations, toJsonLines } from '../core/index.ts';

const RUNS = Number(process.env['DSLAB_PROPERTY_RUNS'] ?? 1000);
/**
 * One fixed seed, so `npm test` (and CI) checks the same 1,000 schedules every time and a red
 * run means a change broke something; `npm run fuzz` and DSLAB_PROPERTY_SEED search new ones.
 */
const SEED = Number(process.env['DSLAB_PROPERTY_SEED'] ?? 20261129);

describe.each(FUZZ_ALGORITHMS)('%s under random faults', (algorithm) => {
  it(`keeps its invariants over ${RUNS} schedules`, () => {
    fc.assert(
      fc.property(caseArbitrary(algorithm), (c) => {
        const violations = checkCase(c);
        if (violations.length > 0) throw new Error(`${formatViolations(violations)}\ncase: ${describeCase(c)}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);

  it('gives byte-identical traces for the same case', () => {
    fc.assert(
      fc.property(caseArbitrary(algorithm), (c) => {
        expect(toJsonLines(runCase(c).events)).toBe(toJsonLines(runCase(structuredClone(c)).events));
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
