// Property tests for every algorithm whose definition carries a fuzz spec (registry-cases.ts):
// 1,000 random fault schedules each (DSLAB_PROPERTY_RUNS), from the same fixed seed as the
// older algorithms' (DSLAB_PROPERTY_SEED picks another); its checker judges every trace.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { algorithmIds, formatViolations, toJsonLines } from '../core/index.ts';
import { fuzzableAlgorithms, registryCaseArbitrary, runRegistryCase } from './registry-cases.ts';

const RUNS = Number(process.env['DSLAB_PROPERTY_RUNS'] ?? 1000);
const SEED = Number(process.env['DSLAB_PROPERTY_SEED'] ?? 20261129);

describe.each(fuzzableAlgorithms(algorithmIds))('%s under random faults (registry)', (algorithm) => {
  it(`keeps its invariants over ${RUNS} schedules`, () => {
    fc.assert(
      fc.property(registryCaseArbitrary(algorithm), (c) => {
        const { violations } = runRegistryCase(c);
        if (violations.length > 0) throw new Error(`${formatViolations(violations)}\ncase: ${JSON.stringify(c)}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);

  it('gives byte-identical traces for the same case', () => {
    fc.assert(
      fc.property(registryCaseArbitrary(algorithm), (c) => {
        expect(toJsonLines(runRegistryCase(c).events)).toBe(toJsonLines(runRegistryCase(structuredClone(c)).events));
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
